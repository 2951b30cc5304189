/**
 * The one table of inputs of the three shells (the CLI, `--github-pr` and the Action), in the manner of
 * knip's parseArgs table and ESLint's lib/options.js: each input is named once, with its type, default and
 * help, and parsed once by `readSettings`. The CLI spells an input `--name`, the Action `with: name:`.
 */
import type { FilterMode } from '../diff/filter.js';
import { FILTER_MODES, isFilterMode } from '../diff/filter.js';
import { UserError } from '../model/errors.js';
import type { Severity } from '../model/severity.js';
import type { BulkUpdate } from '../suppress/bulk.js';
import type { Format } from '../report/index.js';
import { FORMATS, isFormat } from '../report/index.js';

/** Which shell reads an input: `cli` (the command, with or without --github-pr) or `action`. */
type Shell = 'cli' | 'action';

/** One input: its name in both shells, its type, default and help. */
export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Placeholder of the value in the CLI's help. */
  value?: string;
  /** The default, as text (the Action's action.yml states the same). */
  default?: string;
  help: string;
  shells: readonly Shell[];
}

const BOTH: readonly Shell[] = ['cli', 'action'];
const CLI: readonly Shell[] = ['cli'];
const ACTION: readonly Shell[] = ['action'];

/** Every input of every shell. */
const OPTIONS: readonly OptionSpec[] = [
  { name: 'path', type: 'string', default: '.', help: 'Folder to analyse', shells: ACTION },
  {
    name: 'project',
    type: 'string',
    value: '<tsconfig>',
    help: 'Load the project from this tsconfig.json (its folder is the root)',
    shells: BOTH,
  },
  {
    name: 'config',
    type: 'string',
    value: '<file>',
    help: 'Configuration file (default: .review-bot.json in the root)',
    shells: BOTH,
  },
  {
    name: 'format',
    type: 'string',
    value: '<name>',
    default: 'stylish',
    help: `Output format: ${FORMATS.join(', ')}`,
    shells: CLI,
  },
  {
    name: 'rule',
    type: 'string',
    multiple: true,
    value: '<id>',
    help: 'Run only this rule (repeatable; enables experimental rules)',
    shells: CLI,
  },
  {
    name: 'disable',
    type: 'string',
    multiple: true,
    value: '<id>',
    help: 'Do not run this rule (repeatable)',
    shells: CLI,
  },
  {
    name: 'fail-on',
    type: 'string',
    value: '<level>',
    default: 'error',
    help: 'Exit 1 when a finding is at or above: error, warning, info, never',
    shells: BOTH,
  },
  {
    name: 'output',
    type: 'string',
    value: '<file>',
    help: 'Write the report to a file instead of standard output',
    shells: CLI,
  },
  { name: 'quiet', type: 'boolean', help: 'Report errors only', shells: CLI },
  {
    name: 'print-config',
    type: 'boolean',
    help: 'Print the effective configuration as JSON (with a file: how ignore, tests and generated class it)',
    shells: CLI,
  },
  {
    name: 'suppress-all',
    type: 'boolean',
    help: 'Accept every current finding: write them all to the suppressions file',
    shells: CLI,
  },
  {
    name: 'suppress-rule',
    type: 'string',
    multiple: true,
    value: '<id>',
    help: "Accept this rule's current findings in the suppressions file (repeatable)",
    shells: CLI,
  },
  {
    name: 'prune-suppressions',
    type: 'boolean',
    help: 'Remove the suppressions that match no finding any more',
    shells: CLI,
  },
  {
    name: 'suppressions-location',
    type: 'string',
    value: '<file>',
    help: 'Bulk suppressions file (default: review-bot-suppressions.json in the root)',
    shells: BOTH,
  },
  {
    name: 'diff',
    type: 'string',
    value: '<base-ref>',
    help: 'Report only findings on lines changed since <base-ref> (git diff <merge-base>...HEAD)',
    shells: CLI,
  },
  {
    name: 'filter-mode',
    type: 'string',
    value: '<mode>',
    default: 'added',
    help: `With --diff or --github-pr: ${FILTER_MODES.join(', ')}`,
    shells: BOTH,
  },
  {
    name: 'scope',
    type: 'string',
    value: '<scope>',
    default: 'changed',
    help: 'With --github-pr: changed (analyse the files the pull request changes) or all (the whole project)',
    shells: BOTH,
  },
  {
    name: 'github-pr',
    type: 'string',
    value: '<o/r#n>',
    help: 'Post the review on pull request owner/repo#n (token from GITHUB_TOKEN)',
    shells: CLI,
  },
  {
    name: 'api-url',
    type: 'string',
    value: '<url>',
    help: 'GitHub API root for --github-pr (default: GITHUB_API_URL or https://api.github.com)',
    shells: CLI,
  },
  {
    name: 'github-token',
    type: 'string',
    help: 'Token that reads the pull request and posts the review',
    shells: ACTION,
  },
  {
    name: 'max-comments',
    type: 'string',
    value: '<n>',
    default: '30',
    help: 'With --github-pr: most inline comments in one review',
    shells: BOTH,
  },
  {
    name: 'request-timeout',
    type: 'string',
    value: '<seconds>',
    default: '30',
    help: 'With --github-pr: give up a GitHub request after this many seconds',
    shells: BOTH,
  },
  {
    name: 'retries',
    type: 'string',
    value: '<n>',
    default: '3',
    help: 'With --github-pr: times a failed GitHub request is tried again',
    shells: BOTH,
  },
  {
    name: 'docs-url',
    type: 'string',
    value: '<url>',
    help: 'Link of a rule page, {id} standing for the rule id (default: the rule pages on GitHub)',
    shells: BOTH,
  },
  { name: 'sarif-file', type: 'string', help: 'Also write every finding as SARIF 2.1.0 to this file', shells: ACTION },
  { name: 'fix', type: 'boolean', help: 'Apply safe fixes to the files, then report what is left', shells: CLI },
  { name: 'fix-dry-run', type: 'boolean', help: 'Print the safe fixes as a unified diff; write nothing', shells: CLI },
  {
    name: 'eslint',
    type: 'boolean',
    default: 'false',
    help: "Also run the project's own ESLint (runs its eslint.config.js: trusted code only)",
    shells: BOTH,
  },
  {
    name: 'cache',
    type: 'boolean',
    default: 'false',
    help: 'Reuse the findings of the last run for what did not change (kept in --cache-location)',
    shells: BOTH,
  },
  {
    name: 'cache-location',
    type: 'string',
    value: '<folder>',
    default: '.review-bot-cache',
    help: 'With --cache: folder (or .json file) of the cache',
    shells: BOTH,
  },
  { name: 'debug', type: 'boolean', help: 'Print stack traces of internal errors', shells: CLI },
  { name: 'help', type: 'boolean', help: 'Show this help', shells: CLI },
  { name: 'version', type: 'boolean', help: 'Show the version', shells: CLI },
];

/** The options of one shell. */
export function optionsOf(shell: Shell): OptionSpec[] {
  return OPTIONS.filter((o) => o.shells.includes(shell));
}

/** What `--fail-on` may say. */
export type FailOn = Severity | 'never';

/** What a pull-request review analyses: `changed` (the files the pull request changes) or `all` (the whole project). */
export type Scope = 'changed' | 'all';

/** Raw values as a shell read them: '' and undefined both mean "not given". */
export type RawValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** Every input, checked and typed. Shell-specific extras (paths, event) are read by the shell itself. */
export interface Settings {
  path: string;
  project: string | undefined;
  config: string | undefined;
  format: Format;
  only: string[];
  disable: string[];
  failOn: FailOn;
  output: string | undefined;
  quiet: boolean;
  printConfig: boolean;
  /** `--suppress-all`, `--suppress-rule` or `--prune-suppressions`, which exclude each other. */
  suppressionsUpdate: BulkUpdate | undefined;
  suppressionsLocation: string | undefined;
  diff: string | undefined;
  filterMode: FilterMode;
  /** What a pull-request review analyses: the changed files (pull-request mode) or the whole project. */
  scope: Scope;
  githubPr: string | undefined;
  apiUrl: string | undefined;
  token: string | undefined;
  maxComments: number;
  /** Per-request timeout in milliseconds. */
  requestTimeoutMs: number;
  retries: number;
  docsUrl: string | undefined;
  sarifFile: string | undefined;
  /** `write` for --fix, `dry-run` for --fix-dry-run. */
  fix: 'write' | 'dry-run' | undefined;
  eslint: boolean;
  /** With --cache: where the cache is kept; undefined without --cache. */
  cache: string | undefined;
  debug: boolean;
  help: boolean;
  version: boolean;
}

/**
 * Checks every input once. `flag` spells an input's name as the shell's user wrote it (`--fail-on` on the
 * command line, `fail-on` in a workflow), so a bad value is named as given.
 */
export function readSettings(raw: RawValues, flag: (name: string) => string): Settings {
  const text = (name: string): string | undefined => {
    const value = raw[name];
    if (typeof value === 'string' && value !== '') return value;
    return OPTIONS.find((o) => o.name === name)?.default;
  };
  const list = (name: string): string[] => {
    const value = raw[name];
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
  };
  const on = (name: string): boolean => raw[name] === true;
  const where = (name: string): { name: string; value: string | undefined; flag: string } => ({
    name,
    value: text(name),
    flag: flag(name),
  });
  return {
    path: text('path') ?? '.',
    project: text('project'),
    config: text('config'),
    format: parseFormat(where('format')),
    only: list('rule'),
    disable: list('disable'),
    failOn: parseFailOn(where('fail-on')),
    output: text('output'),
    quiet: on('quiet'),
    printConfig: on('print-config'),
    suppressionsUpdate: parseBulkUpdate(on('suppress-all'), list('suppress-rule'), on('prune-suppressions'), flag),
    suppressionsLocation: text('suppressions-location'),
    diff: text('diff'),
    filterMode: parseFilterMode(where('filter-mode')),
    scope: parseScope(where('scope')),
    githubPr: text('github-pr'),
    apiUrl: parseApiUrl(where('api-url')),
    token: text('github-token'),
    maxComments: parseWholeNumber(where('max-comments')),
    requestTimeoutMs: Math.round(parsePositiveNumber(where('request-timeout')) * 1000),
    retries: parseWholeNumber(where('retries')),
    docsUrl: parseDocsUrl(where('docs-url')),
    sarifFile: text('sarif-file'),
    fix: on('fix') ? 'write' : on('fix-dry-run') ? 'dry-run' : undefined,
    eslint: parseBoolean(raw['eslint'], flag('eslint')),
    cache: parseBoolean(raw['cache'], flag('cache')) ? text('cache-location') : undefined,
    debug: on('debug'),
    help: on('help'),
    version: on('version'),
  };
}

/** An input's name, value and how the user spelled its name. */
interface Given {
  name: string;
  value: string | undefined;
  flag: string;
}

/** A switch: `true` from the command line, or the text `true`/`false` from a workflow (empty: false). */
function parseBoolean(value: RawValues[string], flag: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === undefined || value === false || value === '' || value === 'false') return false;
  throw new UserError(`${flag}: expected true or false, got "${String(value)}"`);
}

/** The suppressions file update the flags ask for, if any. */
function parseBulkUpdate(
  all: boolean,
  rules: readonly string[],
  prune: boolean,
  flag: (name: string) => string,
): BulkUpdate | undefined {
  const asked = [all && 'suppress-all', rules.length > 0 && 'suppress-rule', prune && 'prune-suppressions'].filter(
    (name) => typeof name === 'string',
  );
  if (asked.length > 1) throw new UserError(`${asked.map(flag).join(' and ')} cannot be used together`);
  if (all) return { kind: 'suppress-all' };
  if (rules.length > 0) return { kind: 'suppress-rules', rules };
  return prune ? { kind: 'prune' } : undefined;
}

/** Checks a `fail-on` value. */
function parseFailOn(given: Given): FailOn {
  const value = given.value ?? 'error';
  if (value === 'error' || value === 'warning' || value === 'info' || value === 'never') return value;
  throw new UserError(`${given.flag}: expected error, warning, info or never, got "${value}"`);
}

/** Checks a `format` value. */
function parseFormat(given: Given): Format {
  const value = given.value ?? 'stylish';
  if (!isFormat(value)) throw new UserError(`${given.flag}: unknown format "${value}" (known: ${FORMATS.join(', ')})`);
  return value;
}

/** Checks a `filter-mode` value. */
function parseFilterMode(given: Given): FilterMode {
  const value = given.value ?? 'added';
  if (!isFilterMode(value))
    throw new UserError(`${given.flag}: expected one of ${FILTER_MODES.join(', ')}, got "${value}"`);
  return value;
}

/** Checks a `scope` value. */
function parseScope(given: Given): Scope {
  const value = given.value ?? 'changed';
  if (value === 'changed' || value === 'all') return value;
  throw new UserError(`${given.flag}: expected changed or all, got "${value}"`);
}

/** Checks a whole number (0 or more). */
function parseWholeNumber(given: Given): number {
  const value = Number(given.value);
  if (given.value === undefined || !/^\d+$/.test(given.value.trim()) || !Number.isSafeInteger(value))
    throw new UserError(`${given.flag}: expected a whole number, got "${given.value ?? ''}"`);
  return value;
}

/** Checks a number above 0 (seconds may have a fraction). */
function parsePositiveNumber(given: Given): number {
  const value = Number(given.value);
  if (given.value === undefined || given.value.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new UserError(`${given.flag}: expected a number of seconds above 0, got "${given.value ?? ''}"`);
  return value;
}

/**
 * Checks a GitHub API root: an http(s) URL without credentials. A URL with user-info is refused, and the
 * message shows it redacted: a token must never reach a log.
 */
function parseApiUrl(given: Given): string | undefined {
  return given.value === undefined ? undefined : checkedUrl(given.value, given.flag);
}

/** Checks a `docs-url` template: an http(s) URL (redacted in messages) that holds `{id}`. */
function parseDocsUrl(given: Given): string | undefined {
  if (given.value === undefined) return undefined;
  const url = checkedUrl(given.value.replaceAll('{id}', 'ID'), given.flag);
  if (!given.value.includes('{id}'))
    throw new UserError(`${given.flag}: expected a URL with {id} where the rule id goes, got "${url}"`);
  return given.value;
}

/** An http(s) URL without user-info; throws a UserError that shows the URL redacted. */
export function checkedUrl(text: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`${flag}: expected an http(s) URL, got "${redactUrl(text)}"`);
  }
  if (url.username !== '' || url.password !== '')
    throw new UserError(
      `${flag}: credentials in the URL are refused (${redactUrl(text)}); pass the token in GITHUB_TOKEN instead`,
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UserError(`${flag}: expected an http(s) URL, got "${redactUrl(text)}"`);
  return text;
}

/** The URL with any user-info replaced by `***` (also for text that does not parse as a URL). */
function redactUrl(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1***@');
}
