#!/usr/bin/env node
// Fetches a pinned real codebase from the npm registry into .corpora/<name>/ (never committed).
// Usage: node scripts/fetch-corpus.mjs rxjs|zod|effect|<pkg@version> [...]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// The tsconfig/package.json files that make zod and effect type-check live in shared/corpora next to the
// checkout (or two levels up from a worktree); REVIEW_BOT_CORPORA overrides.
const shared = [
  process.env.REVIEW_BOT_CORPORA,
  resolve(root, '../shared/corpora'),
  resolve(root, '../../shared/corpora'),
]
  .filter((p) => p !== undefined && p !== '')
  .find((p) => existsSync(p));
const PINNED = { rxjs: 'rxjs@7.8.2', zod: 'zod@4.6.7', effect: 'effect@3.22.4' };

for (const arg of process.argv.slice(2)) fetchCorpus(arg);

function fetchCorpus(arg) {
  const spec = PINNED[arg] ?? arg;
  const name = arg in PINNED ? arg : spec.replace(/@[^@]*$/, '').replace(/[/@]/g, '_');
  const dest = join(root, '.corpora', name);
  if (existsSync(join(dest, '.done'))) {
    console.log(`${name}: already in ${dest}`);
    return;
  }
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dest], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['-xzf', join(dest, tarball), '-C', dest]);
  rmSync(join(dest, tarball));
  const pkg = join(dest, 'package');
  if (name === 'rxjs') {
    // rxjs ships its sources with its own tsconfig files next to them.
    cpSync(join(pkg, 'src'), join(dest, 'src'), { recursive: true });
    writeFileSync(
      join(dest, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: {
            target: 'es2022',
            lib: ['es2022', 'dom'],
            module: 'esnext',
            moduleResolution: 'bundler', // 'node' (node10) is deprecated in TypeScript 6: tsc stops at the options error and checks nothing
            strict: true,
            skipLibCheck: true,
            noEmit: true,
            types: [],
          },
          include: ['src'],
          exclude: ['src/**/tsconfig*.json'],
        },
        null,
        2,
      ),
    );
    writeFileSync(
      join(dest, 'package.json'),
      JSON.stringify(
        {
          name: 'rxjs',
          version: '7.8.2',
          main: './dist/cjs/index.js',
          module: './dist/esm5/index.js',
          types: './dist/types/index.d.ts',
        },
        null,
        2,
      ),
    );
  } else if (name === 'zod' || name === 'effect') {
    cpSync(join(pkg, 'src'), join(dest, 'src'), { recursive: true });
    for (const skip of ['tests', 'benchmarks']) removeNamed(join(dest, 'src'), skip);
    if (shared === undefined) throw new Error('shared/corpora not found: set REVIEW_BOT_CORPORA to its folder');
    for (const f of readdirSync(join(shared, name))) cpSync(join(shared, name, f), join(dest, f));
    if (name === 'effect')
      execFileSync('npm', ['ci', '--silent', '--no-audit', '--no-fund'], { cwd: dest, stdio: 'inherit' });
  } else {
    for (const f of readdirSync(pkg)) cpSync(join(pkg, f), join(dest, f), { recursive: true });
  }
  rmSync(pkg, { recursive: true, force: true });
  writeFileSync(join(dest, '.done'), spec + '\n');
  console.log(`${name}: ${spec} in ${dest}`);
}

function removeNamed(dir, name) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const p = join(dir, entry.name);
    if (entry.name === name) rmSync(p, { recursive: true, force: true });
    else removeNamed(p, name);
  }
}
