#!/usr/bin/env node
// Runs a review-bot build on each fetched package of a set (see fetch.mjs) with default rules and records, per
// package: files, lines, findings per rule and findings per 1,000 lines. Output: .corpora/precision/_out/<dir>.json
// (the CLI's JSON report) and .corpora/precision/_out/<set>-stats.md (a Markdown table).
//
// Usage: node scripts/precision/run.mjs A [--cli /work/main/dist/cli.cjs] [--reuse] [--experimental] [name ...]
// --reuse: a package whose report is already in _out/ is not run again (the table is rebuilt from the reports).
// --experimental: the default rules plus the experimental ones, turned on by the config the end-to-end tests use
// (test/experimental-rules.ts); reports and table go to _out/experimental/ instead.
// Only set A may be run before the fixes are done; set B is held aside (pass --final to run it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const sets = JSON.parse(readFileSync(join(import.meta.dirname, 'sets.json'), 'utf8'));
const corpora = join(root, '.corpora', 'precision');
const EXPERIMENTAL = process.argv.includes('--experimental');
const out = join(corpora, '_out', ...(EXPERIMENTAL ? ['experimental'] : []));

const SKIPPED = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'lib-cov']);
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const DECLARATION = /\.d\.[mc]?ts$/;

main(process.argv.slice(2));

function main(args) {
  const cliAt = args.indexOf('--cli');
  const cli = cliAt >= 0 ? args[cliAt + 1] : '/work/main/dist/cli.cjs';
  const final = args.includes('--final');
  const reuse = args.includes('--reuse');
  const rest = args.filter((a, i) => !a.startsWith('--') && (cliAt < 0 || i !== cliAt + 1));
  const [setName, ...names] = rest;
  if (setName === 'B' && !final) {
    console.error('set B is held aside for the final measurement; pass --final to run it');
    process.exit(2);
  }
  const set = sets[setName] ?? [];
  mkdirSync(out, { recursive: true });
  const config = EXPERIMENTAL ? writeExperimentalConfig() : undefined;
  const rows = [];
  for (const entry of set.filter((e) => names.length === 0 || names.includes(e.name)))
    rows.push(runOne(cli, entry, reuse, config));
  const statsPath = join(out, `${setName}-stats.md`);
  writeFileSync(statsPath, table(rows));
  console.log(readFileSync(statsPath, 'utf8'));
}

function dirOf(entry) {
  return entry.name.replace(/^@/, '').replace('/', '__');
}

/** Writes test/experimental-rules.ts's `.review-bot.json` to _out/experimental/ (one source for the rule list). */
function writeExperimentalConfig() {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const code = `import { EXPERIMENTAL_RULES_CONFIG } from './test/experimental-rules.ts'; console.log(EXPERIMENTAL_RULES_CONFIG);`;
  const path = join(out, 'review-bot.json');
  writeFileSync(path, execFileSync(tsx, ['-e', code], { cwd: root, encoding: 'utf8' }));
  return path;
}

/** Runs the CLI on one package folder (with a config file when given); returns its figures. */
function runOne(cli, entry, reuse, config) {
  const dir = join(corpora, dirOf(entry));
  if (!existsSync(join(dir, '.done')))
    throw new Error(`${entry.name} is not fetched: node scripts/precision/fetch.mjs`);
  const reportPath = join(out, `${dirOf(entry)}.json`);
  const metaPath = join(out, `${dirOf(entry)}.meta.json`);
  if (!reuse || !existsSync(reportPath) || !existsSync(metaPath)) {
    const started = Date.now();
    const configArgs = config === undefined ? [] : ['--config', config];
    const run = spawnSync('node', [cli, dir, ...configArgs, '--format', 'json', '--fail-on', 'never'], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    // Exit 2 with a report is a rule that crashed, or a file that could not be parsed and was skipped (each named on
    // stderr): the report keeps what every other rule found on every other file, and the set goes on. Exit 2
    // without one (the package could not be loaded) stops the set, as any other failure.
    const failures = run.stderr
      .split('\n')
      .filter((line) => / crashed on |: cannot parse: .*\(file skipped\)$/.test(line));
    if (run.status !== 0 && !(run.status === 2 && failures.length > 0 && run.stdout.startsWith('{')))
      throw new Error(`${entry.name}: exit ${String(run.status)}: ${run.stderr.trim()}`);
    writeFileSync(reportPath, run.stdout);
    const seconds = Math.round((Date.now() - started) / 1000);
    writeFileSync(metaPath, JSON.stringify({ cli, seconds, failures }) + '\n');
  }
  const json = readFileSync(reportPath, 'utf8');
  const { seconds, failures = [] } = JSON.parse(readFileSync(metaPath, 'utf8'));
  for (const failure of failures) console.error(`${entry.name}: ${failure}`);
  const report = JSON.parse(json);
  const lines = countLines(dir);
  const byRule = report.summary?.byRule ?? {};
  const total = report.findings.length;
  console.error(`${entry.name}: ${total} findings in ${seconds}s`);
  return { entry, files: report.summary?.files, lines, byRule, total, seconds, failures: failures.length };
}

/** Lines of the analysed source files (same folders skipped as the loader, declarations excluded). */
function countLines(folder) {
  let lines = 0;
  for (const name of readdirSync(folder)) {
    if (name.startsWith('.') || SKIPPED.has(name)) continue;
    const path = join(folder, name);
    const stat = statSync(path);
    if (stat.isDirectory()) lines += countLines(path);
    else if (SOURCE.test(name) && !DECLARATION.test(name)) lines += readFileSync(path, 'utf8').split('\n').length;
  }
  return lines;
}

function table(rows) {
  const rules = [...new Set(rows.flatMap((r) => Object.keys(r.byRule)))].sort();
  const head = ['package', 'files', 'lines', 'findings', 'per 1k lines', 'seconds', ...rules];
  const body = rows.map((r) => [
    `${r.entry.name}@${r.entry.version}${r.failures > 0 ? ` (${r.failures} rule crashes or files skipped)` : ''}`,
    r.files,
    r.lines,
    r.total,
    ((r.total * 1000) / r.lines).toFixed(1),
    r.seconds,
    ...rules.map((id) =>
      r.byRule[id] === undefined ? '' : `${r.byRule[id]} (${((r.byRule[id] * 1000) / r.lines).toFixed(1)})`,
    ),
  ]);
  return [head, head.map(() => '---'), ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}
