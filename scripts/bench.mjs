#!/usr/bin/env node
// npm run bench [-- --runs N --corpus rxjs,zod,effect]
// Reviews real codebases from the npm registry and runs `tsc --noEmit` on the
// same code, side by side (A B A B ...), and reports median wall time and
// peak memory of each, and their ratio. Public tools only: node, tsc, npm.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, corpus: { type: 'string', default: 'rxjs,zod,effect' } },
});
const runs = Number(values.runs);
const corpora = values.corpus.split(',').filter(Boolean);

spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
spawnSync(process.execPath, [join(root, 'scripts/fetch-corpus.mjs'), ...corpora], { cwd: root, stdio: 'inherit' });

const preload = join(root, 'scripts/bench-rss.cjs');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const cli = join(root, 'dist/cli.js');
const rows = [];
for (const name of corpora) {
  const dir = join(root, '.corpora', name);
  if (!existsSync(dir)) throw new Error(`corpus ${name} is missing in ${dir}`);
  const review = [
    process.execPath,
    '-r',
    preload,
    cli,
    dir,
    '--format',
    'json',
    '--fail-on',
    'never',
    '--output',
    '/dev/null',
  ];
  const check = [process.execPath, '-r', preload, tsc, '--noEmit', '-p', dir];
  const a = [];
  const b = [];
  measure(review);
  measure(check); // warm-up: file cache
  for (let i = 0; i < runs; i++) {
    a.push(measure(review));
    b.push(measure(check));
  }
  rows.push({ name, review: summary(a), tsc: summary(b), ratio: median(a.map((x, i) => x.wall / b[i].wall)) });
}

console.log(`\nreview-bot vs tsc --noEmit, ${runs} runs each, medians (node ${process.version})\n`);
console.log('| corpus | review-bot wall s | review-bot peak MiB | tsc wall s | tsc peak MiB | wall ratio |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.name} | ${r.review.wall.toFixed(2)} | ${r.review.rss.toFixed(0)} | ${r.tsc.wall.toFixed(2)} | ${r.tsc.rss.toFixed(0)} | ${r.ratio.toFixed(2)} |`,
  );
}

function measure(command) {
  const started = process.hrtime.bigint();
  const child = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const match = /BENCH_MAXRSS_KB=(\d+)/.exec(child.stderr ?? '');
  if (match === null) throw new Error(`no memory figure from: ${command.join(' ')}\n${child.stderr}`);
  return { wall, rss: Number(match[1]) / 1024 };
}

function summary(samples) {
  return { wall: median(samples.map((s) => s.wall)), rss: median(samples.map((s) => s.rss)) };
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
