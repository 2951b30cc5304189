import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryFolder } from './temporary-folder.js';
import { BUILT_CLI } from './support/built-cli.js';

const ROOT = join(import.meta.dirname, '..');

/** Runs a command in a folder and returns its standard output; npm's own noise stays on standard error. */
function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The version in our package.json. */
function ourVersion(): unknown {
  const parsed: unknown = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'version' in parsed ? parsed.version : undefined;
}

/** The `path` of each entry of npm pack's `files` list, sorted. */
function pathsOf(files: unknown): unknown[] {
  if (!Array.isArray(files)) return [];
  return files.map((f: unknown) => (typeof f === 'object' && f !== null && 'path' in f ? f.path : f)).sort();
}

/** Every `$schema` path the README and docs/ tell users to write in `.review-bot.json` (relative to the project). */
function schemaReferences(): string[] {
  const texts = [
    join(ROOT, 'README.md'),
    ...readdirSync(join(ROOT, 'docs'))
      .filter((n) => n.endsWith('.md'))
      .map((n) => join(ROOT, 'docs', n)),
  ].map((path) => readFileSync(path, 'utf8'));
  return [
    ...new Set(
      texts.flatMap((text) =>
        [...text.matchAll(/"\$schema":\s*"(\.\/node_modules\/review-bot\/[^"]+)"/g)].map((m) => m[1] ?? ''),
      ),
    ),
  ];
}

// The install path a user takes: `npm pack` the package, install the tarball into a fresh project
// (dependencies from the npm cache when it has them, else the registry), and run the `review-bot` bin there.
describe('installing the packed package', () => {
  it('gives a working review-bot command in a scratch project', { timeout: 120_000 }, () => {
    const work = temporaryFolder('review-bot-install-');
    const packed: unknown = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], ROOT));
    const tarball: unknown = Array.isArray(packed) ? packed[0] : undefined;
    if (typeof tarball !== 'object' || tarball === null || !('filename' in tarball) || !('files' in tarball))
      throw new Error(`npm pack printed no tarball: ${JSON.stringify(packed)}`);
    // README and package.json always ship; the bin, and the JSON Schema that `$schema` in a configuration names.
    // The bin is its entry, the engine it loads and the ts-morph and TypeScript the build vendors, with each
    // of TypeScript's lib files, read when the type checker needs it (scripts/build.mjs); the Action's bundle
    // does not ship.
    const libs = readdirSync(join(ROOT, 'dist', 'vendor', 'lib')).map((name) => `dist/vendor/lib/${name}`);
    expect(libs).toContain('dist/vendor/lib/lib.es5.d.ts');
    expect(pathsOf(tarball.files)).toEqual(
      [
        'README.md',
        'dist/cli.cjs',
        'dist/engine.cjs',
        'dist/hit.cjs',
        'dist/vendor/ts-morph-common.cjs',
        'dist/vendor/ts-morph.cjs',
        'dist/vendor/typescript.cjs',
        ...libs,
        'package.json',
        'schema/review-bot.schema.json',
      ].sort(),
    );

    const project = join(work, 'scratch');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "scratch", "version": "1.0.0", "private": true }\n');
    writeFileSync(
      join(project, 'src/index.ts'),
      "import { readFileSync } from 'node:fs';\n\nexport const answer = 42;\n",
    );
    // The configuration the README shows, with its `$schema` reference as written there.
    const schemaRefs = schemaReferences();
    expect(schemaRefs.length).toBeGreaterThan(0);
    writeFileSync(join(project, '.review-bot.json'), `${JSON.stringify({ $schema: schemaRefs[0] })}\n`);
    run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, String(tarball.filename))],
      project,
    );
    for (const ref of schemaRefs) {
      const schema: unknown = JSON.parse(readFileSync(join(project, ref), 'utf8'));
      expect(schema, ref).toMatchObject({ $schema: expect.stringContaining('json-schema.org') as unknown });
    }

    // ts-morph (and the TypeScript it carries) is the build's: nothing of it is installed.
    expect(existsSync(join(project, 'node_modules', 'ts-morph'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', '@ts-morph'))).toBe(false);
    expect(run('npx', ['--no', '--', 'review-bot', '--version'], project)).toBe(`${String(ourVersion())}\n`);
    const output: unknown = JSON.parse(
      run('npx', ['--no', '--', 'review-bot', '--format', 'json', '--fail-on', 'never'], project),
    );
    expect(output).toMatchObject({
      tool: { name: 'review-bot', version: ourVersion() },
      findings: [{ ruleId: 'unused-import', file: 'src/index.ts', line: 1, column: 10, symbol: 'readFileSync' }],
      summary: { files: 1, byRule: { 'unused-import': 1 } },
    });

    // The demo's lock rules ask the type checker, which reads the vendored lib files: the installed command
    // reviews it as the repository's build does.
    const demo = join(work, 'demo');
    cpSync(join(ROOT, 'fixtures', 'provider-tree'), demo, { recursive: true });
    const demoArgs = [demo, '--format', 'json', '--fail-on', 'never'];
    const built = run(process.execPath, [BUILT_CLI, ...demoArgs], work);
    expect(JSON.parse(built)).toHaveProperty(['summary', 'byRule', 'check-then-act'], 1);
    expect(run('npx', ['--no', '--', 'review-bot', ...demoArgs], project)).toBe(built);
  });
});
