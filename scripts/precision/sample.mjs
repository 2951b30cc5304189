#!/usr/bin/env node
// Deterministic sample of the findings of a set (issue 10 §3): for every rule, all findings when there are at most
// 15, else 15 drawn by a seeded Fisher–Yates shuffle (mulberry32, seeded by SEED and the rule id). The pool of a rule
// is its findings on every package of the set, sorted by package order in sets.json, file, line, column, fingerprint,
// so the draw depends only on the reports and the seed.
//
// Usage: node scripts/precision/sample.mjs A [--seed 10] [--context 4]
//   writes .corpora/precision/_out/<set>-sample.md (each sampled finding with its code) and
//          .corpora/precision/_out/<set>-sample.tsv (id, rule, package, place, message: one line each, for verdicts)
//        node scripts/precision/sample.mjs A --tally <verdicts.tsv>
//   prints per rule: findings, read, right, wrong, noise (verdicts.tsv: id<TAB>right|wrong|noise<TAB>reason)
//        node scripts/precision/sample.mjs A --report <verdicts.tsv>
//   prints Markdown: the tally, then per rule every sampled finding with its place, message, verdict and reason
//        node scripts/precision/sample.mjs A --carry <old-sample.tsv> <old-verdicts.tsv>
//   after a re-run on a newer build: prints the old verdicts re-keyed to this draw's ids (a finding is the same when
//   its package, place and message are), so only findings that appeared or changed are read again; their ids go to
//   standard error
// --experimental: reads the reports of `run.mjs --experimental` (_out/experimental/) and samples only the rules that
//   are not in the default run's reports (the experimental ones); files are named <set>-experimental-sample.*
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SEED_DEFAULT = 10;
const SAMPLE_SIZE = 15;

const root = resolve(import.meta.dirname, '../..');
const sets = JSON.parse(readFileSync(join(import.meta.dirname, 'sets.json'), 'utf8'));
const corpora = join(root, '.corpora', 'precision');
const EXPERIMENTAL = process.argv.includes('--experimental');
const out = join(corpora, '_out');
const reports = EXPERIMENTAL ? join(out, 'experimental') : out;
const label = EXPERIMENTAL ? '-experimental' : '';

main(process.argv.slice(2));

function main(args) {
  const setName = args[0];
  const seed = Number(option(args, '--seed') ?? SEED_DEFAULT);
  const context = Number(option(args, '--context') ?? 4);
  const pools = EXPERIMENTAL
    ? withoutDefaultRules(poolsOf(setName, reports), poolsOf(setName, out))
    : poolsOf(setName, out);
  const samples = new Map([...pools].map(([rule, pool]) => [rule, sampleOf(pool, seed, rule)]));
  const tally = option(args, '--tally');
  if (tally !== undefined) {
    printTally(pools, samples, tally);
    return;
  }
  const carryFrom = option(args, '--carry');
  if (carryFrom !== undefined) {
    carry(samples, carryFrom, args[args.indexOf('--carry') + 2]);
    return;
  }
  const report = option(args, '--report');
  if (report !== undefined) {
    printTally(pools, samples, report);
    printReport(samples, pools, report);
    return;
  }
  writeFileSync(join(out, `${setName}${label}-sample.md`), render(samples, pools, seed, context));
  writeFileSync(join(out, `${setName}${label}-sample.tsv`), tsv(samples));
  for (const [rule, pool] of pools)
    console.log(`${rule}: ${pool.length} findings, ${samples.get(rule).length} sampled`);
}

function option(args, name) {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function dirOf(entry) {
  return entry.name.replace(/^@/, '').replace('/', '__');
}

/** The pools of the rules that the default run did not report: the experimental rules. */
function withoutDefaultRules(pools, defaults) {
  return new Map([...pools].filter(([rule]) => !defaults.has(rule)));
}

/** Rule id -> findings of every package of the set (reports in `folder`), stable order, each tagged with its package. */
function poolsOf(setName, folder) {
  const pools = new Map();
  const entries = sets[setName] ?? [];
  entries.forEach((entry, index) => {
    const path = join(folder, `${dirOf(entry)}.json`);
    if (!existsSync(path)) throw new Error(`no report in ${folder} for ${entry.name}: run scripts/precision/run.mjs`);
    const report = JSON.parse(readFileSync(path, 'utf8'));
    for (const f of report.findings) {
      const list = pools.get(f.ruleId) ?? [];
      list.push({ ...f, pkg: entry.name, dir: dirOf(entry), pkgIndex: index });
      pools.set(f.ruleId, list);
    }
  });
  for (const list of pools.values()) list.sort(byPlace);
  return new Map([...pools].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function byPlace(a, b) {
  return (
    a.pkgIndex - b.pkgIndex ||
    compare(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compare(a.fingerprint, b.fingerprint)
  );
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** All of a pool up to SAMPLE_SIZE, else a seeded draw of SAMPLE_SIZE kept in place order; ids are `<rule>#<n>`. */
function sampleOf(pool, seed, rule) {
  let picked = pool;
  if (pool.length > SAMPLE_SIZE) {
    const random = mulberry32(hash(`${seed}:${rule}`));
    const order = pool.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    picked = order
      .slice(0, SAMPLE_SIZE)
      .sort((a, b) => a - b)
      .map((i) => pool[i]);
  }
  return picked.map((f, n) => ({ ...f, id: `${rule}#${n + 1}` }));
}

/** 32-bit FNV-1a of a string. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function render(samples, pools, seed, context) {
  const parts = [`# Sample (seed ${seed}, ${SAMPLE_SIZE} per rule)\n`];
  for (const [rule, sample] of samples) {
    parts.push(`\n## ${rule}: ${sample.length} of ${pools.get(rule).length}\n`);
    for (const f of sample) {
      parts.push(`\n### ${f.id} ${f.pkg} ${f.file}:${f.line}\n\n${f.message}\n\n> ${f.recommendation ?? ''}\n`);
      parts.push('```ts\n' + excerpt(join(corpora, f.dir, f.file), f.line, f.endLine ?? f.line, context) + '```\n');
    }
  }
  return parts.join('');
}

function excerpt(path, line, endLine, context) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, Math.max(endLine, line) + context);
  let text = '';
  for (let n = from; n <= to; n++) text += `${String(n).padStart(5)}${n === line ? '>' : ' '} ${lines[n - 1]}\n`;
  return text;
}

function tsv(samples) {
  const rows = [];
  for (const sample of samples.values()) {
    for (const f of sample) rows.push([f.id, f.pkg, `${f.file}:${f.line}`, f.message.replace(/\s+/g, ' ')].join('\t'));
  }
  return rows.join('\n') + '\n';
}

/** id -> { verdict, reason } from a verdicts TSV (id, right|wrong|noise, reason); later lines win. */
function readVerdicts(verdictsPath) {
  const verdicts = new Map();
  for (const line of readFileSync(verdictsPath, 'utf8').split('\n')) {
    const [id, verdict, reason = ''] = line.split('\t');
    if (id && /^(right|wrong|noise)$/.test(verdict ?? '')) verdicts.set(id, { verdict, reason });
  }
  return verdicts;
}

function printReport(samples, pools, verdictsPath) {
  const verdicts = readVerdicts(verdictsPath);
  for (const [rule, sample] of samples) {
    console.log(`\n### ${rule} (${sample.length} read of ${pools.get(rule).length})\n`);
    console.log('| id | place | message | verdict | reason |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const f of sample) {
      const v = verdicts.get(f.id);
      const cells = [
        f.id,
        `${f.pkg} ${f.file}:${f.line}`,
        cell(f.message, 160),
        v?.verdict ?? 'unread',
        v?.reason ?? '',
      ];
      console.log(`| ${cells.map((c) => cell(c, 400)).join(' | ')} |`);
    }
  }
}

function cell(text, max) {
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .replace(/\\\\\|/g, '\\|');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

function printTally(pools, samples, verdictsPath) {
  const verdicts = new Map([...readVerdicts(verdictsPath)].map(([id, v]) => [id, v.verdict]));
  console.log('| rule | findings | sampled | read | right | wrong | noise |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [rule, sample] of samples) {
    const counts = { right: 0, wrong: 0, noise: 0 };
    for (const f of sample) if (verdicts.has(f.id)) counts[verdicts.get(f.id)]++;
    const read = counts.right + counts.wrong + counts.noise;
    console.log(
      `| ${rule} | ${pools.get(rule).length} | ${sample.length} | ${read} | ${counts.right} | ${counts.wrong} | ${counts.noise} |`,
    );
  }
}

/** Old verdicts re-keyed to the ids of this draw; the ids of findings without a verdict go to standard error. */
function carry(samples, oldSamplePath, oldVerdictsPath) {
  const keyOfOldId = new Map();
  for (const line of readFileSync(oldSamplePath, 'utf8').split('\n')) {
    const [id, ...rest] = line.split('\t');
    if (id) keyOfOldId.set(id, rest.join('\t'));
  }
  const verdictOfKey = new Map();
  for (const [id, v] of readVerdicts(oldVerdictsPath)) if (keyOfOldId.has(id)) verdictOfKey.set(keyOfOldId.get(id), v);
  const unread = [];
  for (const sample of samples.values()) {
    for (const f of sample) {
      const v = verdictOfKey.get([f.pkg, `${f.file}:${f.line}`, f.message.replace(/\s+/g, ' ')].join('\t'));
      if (v === undefined) unread.push(f.id);
      else console.log([f.id, v.verdict, v.reason].join('\t'));
    }
  }
  console.error(`to read: ${unread.length === 0 ? 'none' : unread.join(' ')}`);
}
