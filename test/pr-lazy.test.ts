import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileTree } from './support/file-tree.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import { analyse } from '../src/pipeline.js';

// A pull-request run parses the changed files at load, and of the others only what the rules ask for
// (ProjectView.filesWhoseText and the like); whatever reads the whole project parses the rest first. These
// check the parts the fixtures of test/pr-mode.test.ts do not reach: a file the rules need that only its text
// points to, the files a run never parses, and what a whole-project read then sees.
const temp = mkdtempSync(join(tmpdir(), 'review-bot-pr-lazy-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

/** A project folder holding these files (paths relative to it). */
function projectOf(name: string, files: Readonly<Record<string, string>>): string {
  const dir = join(temp, name);
  writeFileTree(dir, files);
  return dir;
}

const POLL = [
  'export function schedule(handlerName: string): void {',
  "  setTimeout('window.' + handlerName + '()', 1000);",
  '  setInterval(`refresh("${handlerName}")`, 5000);',
  '}',
  '',
].join('\n');
// A script (no import or export): its top-level function is a global, which the timer call above then calls.
const TIMERS = 'function setTimeout(code: string, ms: number): void {\n  console.log(code, ms);\n}\n';
const BROKEN = 'export const broken = (;\n';
const PLAIN = 'export const plain = 1;\n';

describe('a pull-request run parses what its rules need, and finds what a whole run finds', () => {
  const withScript = projectOf('with-script', { 'src/poll.ts': POLL, 'src/timers.ts': TIMERS, 'src/plain.ts': PLAIN });
  const withoutScript = projectOf('without-script', { 'src/poll.ts': POLL, 'src/plain.ts': PLAIN });

  it('finds an unchanged script that redeclares a global by its text', () => {
    const sinks = (dir: string): unknown[] =>
      analyse({ path: dir }).result.findings.map((f) => [f.file, f.ruleId, f.data['sink']]);
    // The script's `setTimeout` is not the timer: only `setInterval` is reported; without the script, both are.
    expect(sinks(withScript)).toEqual([['src/poll.ts', 'code-injection', 'setInterval']]);
    expect(sinks(withoutScript)).toEqual([
      ['src/poll.ts', 'code-injection', 'setTimeout'],
      ['src/poll.ts', 'code-injection', 'setInterval'],
    ]);
    for (const dir of [withScript, withoutScript]) {
      const whole = analyse({ path: dir });
      const changed = analyse({ path: dir, changed: [join(dir, 'src/poll.ts')] });
      expect(changed.result.findings).toEqual(whole.result.findings);
      expect(changed.files).toEqual(['src/poll.ts']);
    }
  });

  it('leaves unparsed the files no rule needs: their syntax errors are not its to report', () => {
    const dir = projectOf('unneeded', { 'src/plain.ts': PLAIN, 'src/broken.ts': BROKEN, 'src/poll.ts': POLL });
    const whole = analyse({ path: dir });
    const changed = analyse({ path: dir, changed: [join(dir, 'src/plain.ts')] });
    expect(whole.parseProblems.map((p) => p.file)).toEqual(['src/broken.ts']);
    expect(changed.parseProblems).toEqual([]);
    expect(changed.result.findings).toEqual([]);
    expect(changed.files).toEqual(['src/plain.ts']);
  });

  it('leaves unparsed a module that spells a global: no top-level declaration of a module is one', () => {
    // code-injection asks whether poll.ts's `setTimeout` is the global one: late.ts spells it, but opens with an
    // import, so its text alone shows that it cannot declare it for poll.ts.
    const poll = "export function tick(): void {\n  setTimeout('refresh()', 1000);\n}\n";
    const late = "import { plain } from './plain';\nexport const later = setTimeout(plain, (;\n";
    const dir = projectOf('module-spelling', { 'src/plain.ts': PLAIN, 'src/late.ts': late, 'src/poll.ts': poll });
    const whole = analyse({ path: dir });
    const changed = analyse({ path: dir, changed: [join(dir, 'src/poll.ts')] });
    expect(whole.parseProblems.map((p) => p.file)).toEqual(['src/late.ts']);
    expect(changed.parseProblems).toEqual([]);
    expect(changed.result.findings).toEqual(whole.result.findings.filter((f) => f.file === 'src/poll.ts'));
  });

  it('leaves unparsed a file that names a lock method only outside a member call or a declaration', () => {
    // Spells `request`, `lock` and `acquire` as a parameter, a variable and in a comment, and breaks: the lock
    // model's screen passes a file that calls a lock method (`x.acquire(`), declares one (`acquire(`) or names a
    // lock class, and this file does none of that.
    const http = [
      '// Sends a request; no lock is taken.',
      'export function send(request: string, acquire = 1): string {',
      '  const lock = request;',
      '  return lock + acquire + (;',
      '}',
      '',
    ].join('\n');
    const dir = projectOf('lock-words', { 'src/plain.ts': PLAIN, 'src/http.ts': http });
    const whole = analyse({ path: dir });
    const changed = analyse({ path: dir, changed: [join(dir, 'src/plain.ts')] });
    expect(whole.parseProblems.map((p) => p.file)).toEqual(['src/http.ts']);
    expect(changed.parseProblems).toEqual([]);
    expect(changed.result.findings).toEqual(whole.result.findings.filter((f) => f.file === 'src/plain.ts'));
  });

  // The holder is created in shared.ts; files.ts names no lock class, only the member call, however it is spaced,
  // commented or escaped (the compiler reads `\u006Cock` as `lock`; a screen of the text must let such a file pass).
  it.each([
    ['latch.lock()', 'dot', 'Latch'],
    ['latch?.lock()', 'optional', 'Latch'],
    ['latch\n    .lock()', 'line-break', 'Latch'],
    ['latch. lock()', 'space', 'Latch'],
    ['latch./* held */lock()', 'block-comment', 'Latch'],
    ['latch.// held\n    lock()', 'line-comment', 'Latch'],
    ['latch.\\u006Cock()', 'escaped-method', 'Latch'],
    ['latch.\\u{6C}ock()', 'escaped-method-braces', 'Latch'],
    ['latch.lock()', 'escaped-class', 'L\\u0061tch'],
  ])(
    'finds a lock taken as `%s` in a file that names no lock class (%s; the class spelled `%s`)',
    (call, spacing, name) => {
      const latch = [
        'export class Latch {',
        '  private held = false;',
        '  async lock(): Promise<void> {',
        '    this.held = true;',
        '  }',
        '  unlock(): void {',
        '    this.held = false;',
        '  }',
        '}',
        '',
      ].join('\n');
      const files = [
        "import { latch } from './shared';",
        '',
        'export async function save(write: () => Promise<void>): Promise<void> {',
        `  await ${call};`,
        '  await write();',
        '  latch.unlock();',
        '}',
        '',
      ].join('\n');
      const dir = projectOf(`member-call-${spacing}`, {
        'src/lock.ts': latch,
        'src/shared.ts': `import { ${name} } from './lock';\n\nexport const latch = new ${name}();\n`,
        'src/files.ts': files,
      });
      const whole = analyse({ path: dir });
      expect(whole.result.findings.map((f) => [f.file, f.line, f.ruleId, f.data['lock']])).toEqual([
        ['src/files.ts', 4, 'unreleased-lock', 'latch'],
      ]);
      expect(analyse({ path: dir, changed: [join(dir, 'src/files.ts')] }).result.findings).toEqual(
        whole.result.findings,
      );
    },
  );

  it('makes the whole project, its files and its program what a run that parsed everything at load makes', () => {
    const dir = projectOf('order', {
      'a/one.ts': 'export const one = 1;\n',
      'b/two.ts': 'export const two = 2; // Z\n',
      'c/three.ts': 'export const three = 3;\n',
      'd/four.ts': 'export const four: number = 4;\n',
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ['**/*.ts'] }),
    });
    const eager = loadProject({ path: dir }).view;
    const lazy = loadProject({ path: dir, focus: [join(dir, 'd/four.ts')] }).view;
    // Parsed out of load order: the changed file first, then one the screen asks for.
    expect(lazy.filesWhoseText((text) => text.includes('Z')).map((f) => lazy.relativePath(f))).toEqual(['b/two.ts']);
    expect(lazy.filesAt(new Set([join(dir, 'd/four.ts')])).map((f) => lazy.relativePath(f))).toEqual(['d/four.ts']);
    const rootNames = (view: typeof eager): readonly string[] =>
      view.project.getProgram().compilerObject.getRootFileNames();
    expect(rootNames(lazy)).toEqual(rootNames(eager));
    expect(lazy.files.map((f) => lazy.relativePath(f))).toEqual(eager.files.map((f) => eager.relativePath(f)));
    expect(lazy.files.map((f) => lazy.relativePath(f))).toEqual(['a/one.ts', 'b/two.ts', 'c/three.ts', 'd/four.ts']);
  });

  it('parses every file before a read of the whole project through ts-morph', () => {
    const dir = projectOf('whole-reads', { 'x.ts': PLAIN, 'y.ts': 'export const y = 2;\n', 'z.ts': BROKEN });
    const eager = loadProject({ path: dir }).view;
    const paths = (view: typeof eager): string[] =>
      view.project
        .getSourceFiles()
        .map((f) => view.relativePath(f))
        .sort();
    expect(paths(loadProject({ path: dir, focus: [join(dir, 'x.ts')] }).view)).toEqual(paths(eager));
    const loaded = loadProject({ path: dir, focus: [join(dir, 'x.ts')] });
    expect(loaded.view.project.getSourceFile(join(dir, 'y.ts'))?.getFullText()).toBe('export const y = 2;\n');
    expect(loaded.parseProblems().map((p) => p.file)).toEqual(['z.ts']);
  });

  it('times the parse of deferred files as shared work, apart from the program it is done for', () => {
    const dir = projectOf('timed', { 'x.ts': PLAIN, 'y.ts': 'export const y = 2;\n' });
    const eager = loadProject({ path: dir }).view;
    const lazy = loadProject({ path: dir, focus: [join(dir, 'x.ts')] }).view;
    expect(lazy.sharedWork()['(deferred parses)']).toBe(0);
    // Building the program parses the deferred file first, inside the program's clock: counted under the parse only.
    eager.project.getProgram().compilerObject.getTypeChecker();
    lazy.project.getProgram().compilerObject.getTypeChecker();
    expect(eager.sharedWork()['(deferred parses)']).toBe(0);
    expect(lazy.sharedWork()['(deferred parses)']).toBeGreaterThan(0);
    expect(lazy.sharedWork()['(program and checker)']).toBeGreaterThan(0);
  });
});
