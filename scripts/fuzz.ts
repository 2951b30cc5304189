// Fuzzes the whole pipeline (load -> every rule) with generated and mutated sources.
// Usage: npm run fuzz -- [--seed N] [--inputs N] [--per-project N] [--time-limit SECONDS] [--only-project N] [--keep FOLDER]
// Asserts, for every project: the run does not throw, it ends within the budget, and every file
// written is either reviewed or named as skipped or unparsed. Rule crashes (isolated by the engine)
// are counted and printed. Exit 1 on any broken promise.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { analyse } from '../src/pipeline.js';

/** How to fuzz. */
interface FuzzOptions {
  seed: number;
  /** Inputs (files) to try in all. */
  inputs: number;
  /** Files per generated project. */
  perProject: number;
  /** Stop starting new projects after this many milliseconds. */
  timeLimitMs: number;
  /** A project taking longer than this counts as a hang. */
  projectBudgetMs: number;
  /** Generate every project but run only this one (to reproduce a finding). */
  onlyProject?: number | undefined;
  /** Write the projects run into this folder and keep them (to reproduce a finding). */
  keep?: string | undefined;
  /** Called after each project. */
  onProject?: (report: FuzzReport) => void;
}

/** What a fuzz run found. */
interface FuzzReport {
  seed: number;
  inputs: number;
  projects: number;
  reviewed: number;
  skipped: number;
  unparsed: number;
  /** Projects whose run threw (the whole run lost). */
  aborts: string[];
  /** Projects that took longer than the budget. */
  hangs: string[];
  /** Files neither reviewed nor named as skipped or unparsed. */
  lost: string[];
  /** Rule crashes the engine isolated, as `rule on file: message`. */
  ruleCrashes: string[];
  slowestProjectMs: number;
  elapsedMs: number;
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

/** Runs the fuzzer; never throws for what it finds, only reports it. */
export function fuzz(options: FuzzOptions): FuzzReport {
  const random = mulberry32(options.seed);
  const seeds = seedSources();
  const report: FuzzReport = {
    seed: options.seed,
    inputs: 0,
    projects: 0,
    reviewed: 0,
    skipped: 0,
    unparsed: 0,
    aborts: [],
    hangs: [],
    lost: [],
    ruleCrashes: [],
    slowestProjectMs: 0,
    elapsedMs: 0,
  };
  const started = performance.now();
  while (report.inputs < options.inputs && performance.now() - started < options.timeLimitMs) {
    const count = Math.min(options.perProject, options.inputs - report.inputs);
    const files = Array.from({ length: count }, (_, i) => generateFile(random, seeds, i));
    if (options.onlyProject === undefined || options.onlyProject === report.projects)
      runProject(files, options, report);
    report.inputs += count;
    report.projects++;
    options.onProject?.(report);
  }
  report.elapsedMs = Math.round(performance.now() - started);
  return report;
}

/** One generated project: written to a temporary folder, analysed in-process, checked, removed. */
function runProject(files: readonly GeneratedFile[], options: FuzzOptions, report: FuzzReport): void {
  const folder = mkdtempSync(join(options.keep ?? tmpdir(), 'review-bot-fuzz-'));
  const label = `seed ${String(options.seed)} project ${String(report.projects)}`;
  try {
    for (const file of files) writeFileSync(join(folder, file.name), file.bytes);
    const started = performance.now();
    let outcome: ReturnType<typeof analyse>;
    try {
      outcome = analyse({ path: folder });
    } catch (error) {
      report.aborts.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const ms = performance.now() - started;
    report.slowestProjectMs = Math.max(report.slowestProjectMs, Math.round(ms));
    if (ms > options.projectBudgetMs) report.hangs.push(`${label}: ${String(Math.round(ms))} ms`);
    const { files: analysed, parseProblems, result } = outcome;
    const reviewed = new Set(analysed);
    const named = new Map(parseProblems.map((p) => [p.file, p.kind]));
    for (const file of files) {
      if (reviewed.has(file.name)) report.reviewed++;
      else if (named.get(file.name) === 'skipped') report.skipped++;
      else if (named.get(file.name) === 'unparsed') report.unparsed++;
      else report.lost.push(`${label}: ${file.name} (${file.recipe})`);
    }
    for (const failure of result.failures) {
      const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
      report.ruleCrashes.push(`${label}: ${failure.ruleId} on ${failure.file ?? '(project)'}: ${message}`);
    }
  } finally {
    if (options.keep === undefined) rmSync(folder, { recursive: true, force: true });
  }
}

/** A generated input: its file name, bytes, and how it was made (for reproducing it). */
interface GeneratedFile {
  name: string;
  bytes: Buffer;
  recipe: string;
}

/** The fixtures' source texts, the material mutations start from. */
function seedSources(): string[] {
  const out: string[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (SOURCE.test(entry.name) && !relative(FIXTURES, path).includes('node_modules'))
        out.push(readFileSync(path, 'utf8'));
    }
  };
  visit(FIXTURES);
  return out.sort();
}

type Random = () => number;

/** A small seeded generator (mulberry32): the same seed gives the same inputs. */
function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function int(random: Random, max: number): number {
  return Math.floor(random() * max);
}

const EXTENSIONS = ['.ts', '.ts', '.ts', '.tsx', '.js', '.mjs', '.cts'];
/** Fragments of the language and of broken code that generated texts are made of (also test/syntax-errors.test.ts). */
export const TOKENS = [
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ';',
  ',',
  '=>',
  '?',
  ':',
  '`',
  '${',
  "'",
  '"',
  '/*',
  '*/',
  '//',
  '<',
  '>',
  '</',
  '/>',
  'class',
  'function',
  'async',
  'await',
  'yield',
  'import',
  'export',
  'default',
  'new',
  'this',
  'super',
  'return',
  'throw',
  'try',
  'catch',
  'lock',
  'unlock',
  'eval',
  'exec',
  'Math.random()',
  'md5',
  '@',
  '#x',
  '...',
  '?.',
  '??=',
  'enum',
  'namespace',
  'declare',
  'abstract',
  'private',
  'static',
  'get',
  'set',
  'readonly',
  'keyof',
  'infer',
  'as',
  'satisfies',
  '\\',
  '\\u{',
  '0x',
  '1e999',
  '/re/g',
  '\n',
  '\r\n',
  '\t',
];
const ODD_TEXT = [
  '\u0000',
  '\u202e',
  '\u2066',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u200b',
  '\u00a0',
  '\u{1f600}',
  '\u0085',
  '\u001b[2J',
  'é',
  'ß',
  '\uffff',
  '\u0301',
];

/** One input: a mutated fixture source, a pathological text, or odd bytes. */
function generateFile(random: Random, seeds: readonly string[], index: number): GeneratedFile {
  const extension = pick(random, EXTENSIONS);
  const name = `f${String(index)}${extension}`;
  const kind = random();
  let text: string;
  let recipe: string;
  if (kind < 0.6) {
    const seedIndex = int(random, seeds.length);
    text = seeds[seedIndex] ?? '';
    const steps = 1 + int(random, 3);
    const applied: string[] = [];
    for (let i = 0; i < steps; i++) {
      const mutation = random() < 0.85 ? pick(random, LIGHT_MUTATIONS) : pick(random, HEAVY_MUTATIONS);
      text = mutation.apply(random, text);
      applied.push(mutation.name);
    }
    recipe = `fixture ${String(seedIndex)} + ${applied.join(', ')}`;
  } else if (kind < 0.85) {
    const generator = pick(random, PATHOLOGICAL);
    text = generator.make(random);
    recipe = generator.name;
  } else {
    text = Array.from({ length: 1 + int(random, 200) }, () =>
      random() < 0.5 ? pick(random, TOKENS) : pick(random, ODD_TEXT),
    ).join(random() < 0.5 ? ' ' : '');
    recipe = 'token soup';
  }
  return { name, bytes: encode(random, text), recipe };
}

/** Writes the text as UTF-8 (most often), UTF-8 with a BOM, UTF-16 LE/BE with a BOM, or raw bytes cut anywhere. */
function encode(random: Random, text: string): Buffer {
  const r = random();
  if (r < 0.8) return Buffer.from(text, 'utf8');
  if (r < 0.85) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  if (r < 0.9) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (r < 0.95) return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < 1 + int(random, 16); i++)
    if (bytes.length > 0) bytes[int(random, bytes.length)] = int(random, 256);
  return bytes;
}

interface Mutation {
  name: string;
  apply(random: Random, text: string): string;
}

/** Mutations that seldom push a file past a budget, so most inputs reach the rules. */
const LIGHT_MUTATIONS: readonly Mutation[] = [
  { name: 'insert token', apply: (r, t) => spliceAt(r, t, 0, pick(r, TOKENS)) },
  { name: 'insert odd text', apply: (r, t) => spliceAt(r, t, 0, pick(r, ODD_TEXT)) },
  { name: 'delete range', apply: (r, t) => spliceAt(r, t, 1 + int(r, 40), '') },
  {
    name: 'duplicate range',
    apply: (r, t) => {
      const at = int(r, t.length + 1);
      const piece = t.slice(at, at + 1 + int(r, 400));
      return spliceAt(r, t, 0, piece.repeat(1 + int(r, 20)));
    },
  },
  { name: 'truncate', apply: (r, t) => t.slice(0, int(r, t.length + 1)) },
  { name: 'swap lines', apply: (r, t) => shuffleLines(r, t) },
  { name: 'CRLF', apply: (_r, t) => t.replace(/\n/g, '\r\n') },
];

/** Mutations aimed at the budgets and the walks: nesting, size, NULs, lost newlines. */
const HEAVY_MUTATIONS: readonly Mutation[] = [
  { name: 'wrap in nesting', apply: (r, t) => spliceAt(r, t, 0, nest(r, 1 + int(r, 1500))) },
  { name: 'huge literal', apply: (r, t) => spliceAt(r, t, 0, `"${'x'.repeat(int(r, 200_000))}"`) },
  { name: 'NUL bytes', apply: (r, t) => spliceAt(r, t, 0, '\u0000'.repeat(1 + int(r, 64))) },
  { name: 'no newlines', apply: (_r, t) => t.replace(/\n/g, ' ') },
];

function spliceAt(random: Random, text: string, deleteCount: number, insert: string): string {
  const at = int(random, text.length + 1);
  return text.slice(0, at) + insert + text.slice(at + deleteCount);
}

function shuffleLines(random: Random, text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < Math.min(lines.length, 10); i++) {
    const a = int(random, lines.length);
    const b = int(random, lines.length);
    const held = lines[a] ?? '';
    lines[a] = lines[b] ?? '';
    lines[b] = held;
  }
  return lines.join('\n');
}

/** Nested expression text of the given depth, of a random shape. */
function nest(random: Random, depth: number): string {
  const shape = int(random, 6);
  const sep = random() < 0.5 ? '\n' : '';
  if (shape === 0) return `${'('.repeat(depth)}1${')'.repeat(depth)}`;
  if (shape === 1) return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  if (shape === 2) return `${`{${sep}`.repeat(depth)}${`}${sep}`.repeat(depth)}`;
  if (shape === 3) return `${`c ? 1 :${sep}`.repeat(depth)}0`;
  if (shape === 4) return Array.from({ length: depth * 10 }, () => 'a').join(` +${sep}`);
  return `${'f(() => '.repeat(depth)}0${')'.repeat(depth)}`;
}

const PATHOLOGICAL: readonly { name: string; make: (random: Random) => string }[] = [
  { name: 'deep nesting', make: (r) => `export const x = ${nest(r, 200 + int(r, 3000))};\n` },
  {
    name: 'wide class',
    make: (r) =>
      `export class C {\n${Array.from({ length: r() < 0.5 ? int(r, 500) : 2001 + int(r, 1000) }, (_, i) => `  m${String(i)}(): number { return ${String(i)}; }\n`).join('')}}\n`,
  },
  { name: 'long line', make: (r) => `export const s = '${'y'.repeat(5000 + int(r, 60_000))}';\n` },
  { name: 'minified', make: (r) => 'var a=function(b){return b?a(b-1):0};'.repeat(150 + int(r, 3000)) },
  { name: 'generated', make: () => '// @generated\nexport const g: number = 1;\n' },
  { name: 'empty', make: () => '' },
  { name: 'only BOM and NULs', make: (r) => `\ufeff${'\u0000'.repeat(int(r, 100))}` },
  { name: 'big template', make: (r) => `export const t = \`${'${1}'.repeat(int(r, 5000))}\`;\n` },
  {
    name: 'deep JSDoc',
    make: (r) => `/** @type {${'Array<'.repeat(int(r, 1500))}number${'>'.repeat(1500)}} */\nexport const d = [];\n`,
  },
];

/** Reads the command line and runs; prints the figures and exits 1 on any broken promise. */
function main(): void {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '13' },
      inputs: { type: 'string', default: '10000' },
      'per-project': { type: 'string', default: '100' },
      'time-limit': { type: 'string', default: '1800' },
      'only-project': { type: 'string' },
      keep: { type: 'string' },
    },
  });
  const report = fuzz({
    seed: Number(values.seed),
    inputs: Number(values.inputs),
    perProject: Number(values['per-project']),
    timeLimitMs: Number(values['time-limit']) * 1000,
    projectBudgetMs: 120_000,
    keep: values.keep,
    onlyProject: values['only-project'] === undefined ? undefined : Number(values['only-project']),
    onProject: (r) => {
      process.stderr.write(
        `fuzz: ${String(r.inputs)} inputs, ${String(r.projects)} projects, ${String(r.aborts.length)} aborts, ${String(r.hangs.length)} hangs, ${String(r.lost.length)} lost, ${String(r.ruleCrashes.length)} rule crashes\n`,
      );
    },
  });
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const broken = report.aborts.length + report.hangs.length + report.lost.length;
  process.exitCode = broken > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
