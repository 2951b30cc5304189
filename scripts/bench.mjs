#!/usr/bin/env node
// npm run bench [-- --runs N --corpus rxjs,zod,effect --no-write]
// Reviews real codebases from the npm registry (pinned, see shared/corpora/README.md) and runs `tsc --noEmit`
// on the same tsconfig, alternating (review, tsc, review, tsc...), and reports median wall time, CPU time and
// peak memory of each and their ratios; then, per corpus: the per-rule breakdown (--debug), a pull-request run
// (--diff over a commit that changes five files; its findings are checked against a whole run narrowed to the
// same files), and a cached run (--cache, skipped when the CLI has no such flag). Writes the tables into
// BENCHMARKS.md between the bench markers, with the machine and versions. Public tools only: node, tsc, npm, git.
// Speed is never asserted: this prints and records figures.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    corpus: { type: 'string', default: 'rxjs,zod,effect' },
    'no-write': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const corpora = values.corpus.split(',').filter(Boolean);

// Build into .corpora/.build (never dist/, which is committed; not node_modules/.cache either, which worktrees may
// share): packages resolve from the repository's node_modules.
const outdir = join(root, '.corpora/.build');
run(process.execPath, [join(root, 'scripts/build.mjs'), '--outdir', outdir]);
run(process.execPath, [join(root, 'scripts/fetch-corpus.mjs'), ...corpora]);

const preload = join(root, 'scripts/bench-rss.cjs');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const cli = join(outdir, 'cli.cjs');
const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout ?? '';
const hasCache = help.includes('--cache');

const rows = [];
for (const name of corpora) {
  const dir = join(root, '.corpora', name);
  if (!existsSync(dir)) throw new Error(`corpus ${name} is missing in ${dir}`);
  const review = (...extra) => [
    process.execPath,
    '-r',
    preload,
    cli,
    dir,
    '--format',
    'json',
    '--fail-on',
    'never',
    ...extra,
  ];
  const check = [process.execPath, '-r', preload, tsc, '--noEmit', '-p', dir];
  log(`${name}: warm-up`);
  measure(review('--output', '/dev/null'));
  measure(check);
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    log(`${name}: run ${i + 1}/${runs}`);
    a.push(measure(review('--output', '/dev/null')));
    b.push(measure(check));
  }
  const debug = measure(review('--output', '/dev/null', '--debug'));
  const timings = ruleShares(/rule timings \(ms\): (.*)/.exec(debug.stderr)?.[1] ?? '', debug.wall);
  log(`${name}: pull-request mode`);
  const pr = prRun(name, dir, review, check);
  log(`${name}: pull-request mode (5 files): ${f2(pr.wall)} s; identical: ${pr.identical ? 'yes' : 'no'}`);
  log(`${name}: cached run`);
  const cached = hasCache ? cachedRun(name, review) : undefined;
  if (cached !== undefined) log(`${name}: cached run: identical: ${cached.identical ? 'yes' : 'no'}`);
  rows.push({
    name,
    review: summary(a),
    tsc: summary(b),
    wallRatio: median(a.map((x, i) => x.wall / b[i].wall)),
    cpuRatio: median(a.map((x, i) => x.cpu / b[i].cpu)),
    rssRatio: median(a.map((x, i) => x.rss / b[i].rss)),
    timings,
    pr,
    cached,
  });
}

const table = render(rows);
console.log(`\n${table}`);
if (!values['no-write']) writeBenchmarks(table);

/**
 * A pull request over five files: a copy of the corpus under git, a commit touching five files, `--diff` against
 * its parent, run as often as the whole review, each run beside a `tsc --noEmit` (`check`); medians.
 */
function prRun(name, dir, review, check) {
  const work = join(root, '.corpora', `${name}-pr`);
  if (!existsSync(join(work, '.git'))) {
    rmSync(work, { recursive: true, force: true });
    cpSync(dir, work, { recursive: true, filter: (src) => !src.includes('node_modules') });
    if (existsSync(join(dir, 'node_modules'))) symlinkSync(join(dir, 'node_modules'), join(work, 'node_modules'));
    git(work, 'init', '-q', '-b', 'main');
    git(work, 'add', '-A', '.');
    git(work, '-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'base');
    git(work, 'tag', 'base');
    const files = git(work, 'ls-files', '*.ts')
      .split('\n')
      .filter((f) => f.startsWith('src/') && !f.endsWith('.d.ts'))
      .sort();
    const step = Math.max(1, Math.floor(files.length / 5));
    for (let i = 0; i < 5; i++) {
      const file = join(work, files[i * step]);
      writeFileSync(
        file,
        `${readFileSync(file, 'utf8')}\nexport function benchChanged${i}(value) {\n  return value;\n}\n`,
      );
    }
    git(work, 'add', '-A', '.');
    git(work, '-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-qm', 'five files');
  }
  const changed = git(work, 'diff', '--name-only', 'base...HEAD').split('\n').filter(Boolean);
  const reviewIn = (...extra) => review(...extra).map((part) => (part === dir ? work : part));
  const out = join(work, '.bench-pr.json');
  const whole = join(work, '.bench-whole.json');
  // One run is one sample on a shared machine: several, each beside a `tsc` run of the same minutes.
  const walls = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const pr = measure(reviewIn('--output', out, '--diff', 'base', '--filter-mode', 'file'));
    const typecheck = measure(check);
    walls.push(pr.wall);
    ratios.push(pr.wall / typecheck.wall);
  }
  measure(reviewIn('--output', whole));
  const narrowed = findingsOf(whole).filter((f) => changed.includes(f.file));
  const identical = JSON.stringify(findingsOf(out)) === JSON.stringify(narrowed);
  return { wall: median(walls), ratio: median(ratios), files: changed.length, identical };
}

/** A run with --cache that fills it, then `runs` runs that find nothing changed (median); findings must be equal. */
function cachedRun(name, review) {
  const location = join(root, '.corpora', `.cache-${name}`);
  rmSync(location, { recursive: true, force: true });
  const first = join(location, 'first.json');
  const second = join(location, 'second.json');
  mkdirSync(location, { recursive: true });
  const cold = measure(review('--output', first, '--cache', '--cache-location', join(location, 'store')));
  const warm = [];
  for (let i = 0; i < runs; i++)
    warm.push(measure(review('--output', second, '--cache', '--cache-location', join(location, 'store'))));
  const identical = JSON.stringify(findingsOf(first)) === JSON.stringify(findingsOf(second));
  return { cold, warm: summary(warm), identical };
}

/**
 * `id ms, id ms…` from --debug as `id ms (share%)`, a rule above 10% of the run's wall time in bold. Shared work
 * (`(type checker)`, `(syntax indexes)`: names in parentheses) is shown with its share but is no rule's budget.
 */
function ruleShares(text, wallSeconds) {
  return text
    .split(', ')
    .filter(Boolean)
    .map((entry) => {
      const [, id, ms] = /^(.*) (\d+)$/.exec(entry) ?? [entry, entry, '0'];
      const share = Number(ms) / (wallSeconds * 1000);
      const shown = `${id} ${ms} (${(share * 100).toFixed(1)}%)`;
      return share > 0.1 && !id.startsWith('(') ? `**${shown}**` : shown;
    })
    .join(', ');
}

/** The findings of a JSON report. */
function findingsOf(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return report.findings ?? report;
}

function render(rows) {
  const lines = [];
  const typescript = JSON.parse(readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8')).version;
  const tsMorph = JSON.parse(readFileSync(join(root, 'node_modules/ts-morph/package.json'), 'utf8')).version;
  // review-bot runs the TypeScript ts-morph carries (vendored into dist/vendor), which may differ from `tsc`'s.
  const carried = createRequire(join(root, 'package.json'))('ts-morph').ts.version;
  lines.push(
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
      `Node ${process.version}; \`tsc\` of TypeScript ${typescript}; review-bot on ts-morph ${tsMorph} and its ` +
      `TypeScript ${carried}; ${runs} alternating runs each, medians.`,
    '',
    '| corpus | review-bot wall s | tsc wall s | wall ratio | review-bot CPU s | tsc CPU s | CPU ratio | review-bot peak MiB | tsc peak MiB | memory ratio |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows) {
    lines.push(
      `| ${r.name} | ${f2(r.review.wall)} | ${f2(r.tsc.wall)} | ${f2(r.wallRatio)} | ${f2(r.review.cpu)} | ${f2(r.tsc.cpu)} | ${f2(r.cpuRatio)} | ${r.review.rss.toFixed(0)} | ${r.tsc.rss.toFixed(0)} | ${f2(r.rssRatio)} |`,
    );
  }
  lines.push(
    '',
    '| corpus | PR mode (5 files) wall s | / tsc (same minutes) | PR findings = whole run narrowed | cached: 1st run s | nothing changed s (median) | speed-up | cached findings = 1st run |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows) {
    const cached =
      r.cached === undefined
        ? '(no --cache) | | | '
        : `${f2(r.cached.cold.wall)} | ${f2(r.cached.warm.wall)} | ${f2(r.cached.cold.wall / r.cached.warm.wall)}× | ${r.cached.identical ? 'yes' : '**no**'}`;
    lines.push(
      `| ${r.name} | ${f2(r.pr.wall)} | ${f2(r.pr.ratio)} | ${r.pr.identical ? 'yes' : '**no**'} (${r.pr.files} files) | ${cached} |`,
    );
  }
  lines.push(
    '',
    "Per-rule time (ms and share of the whole run's wall time, `--debug`, one run, slowest first; **bold**: above the 10% budget):",
    '',
  );
  for (const r of rows) lines.push(`- **${r.name}**: ${r.timings}`);
  return lines.join('\n');
}

/** Replaces the text between the bench markers of BENCHMARKS.md (or appends it). */
function writeBenchmarks(table) {
  const path = join(root, 'BENCHMARKS.md');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const stamp = `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\`.`;
  const block = `${start}\n${stamp}\n\n${table}\n${end}`;
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text}\n${block}\n`;
  writeFileSync(path, next);
  console.log(`wrote ${path}`);
}

function measure(command) {
  const started = process.hrtime.bigint();
  const child = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const stderr = child.stderr ?? '';
  const rss = /BENCH_MAXRSS_KB=(\d+)/.exec(stderr);
  const cpu = /BENCH_CPU_MS=(\d+)/.exec(stderr);
  if (rss === null || cpu === null) throw new Error(`no figures from: ${command.join(' ')}\n${stderr}`);
  return { wall, rss: Number(rss[1]) / 1024, cpu: Number(cpu[1]) / 1000, stderr };
}

function summary(samples) {
  return {
    wall: median(samples.map((s) => s.wall)),
    cpu: median(samples.map((s) => s.cpu)),
    rss: median(samples.map((s) => s.rss)),
  };
}

function median(list) {
  const sorted = [...list].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function f2(x) {
  return x.toFixed(2);
}

function run(command, args) {
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

function git(cwd, ...args) {
  const child = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${child.stderr}`);
  return child.stdout.trim();
}

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}
