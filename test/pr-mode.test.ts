import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { analyse } from '../src/pipeline.js';
import type { PipelineOptions } from '../src/pipeline.js';
import { FIXTURES, listFixtureCases } from './fixture-runner.js';
import type { FixtureCase } from './fixture-runner.js';

// Pull-request mode runs file rules on the changed files only and gives project rules what they need; its
// findings must be exactly those of a whole run narrowed to the changed files (fingerprints included). Each
// fixture with more than one source file is reviewed whole, then twice in pull-request mode: once with every
// other file changed, once with the rest, so that every file is reviewed as changed next to unchanged ones.
// Every such fixture of a project rule and of the whole default rule set takes part; a file rule, which the
// engine runs file by file either way, takes part with its first two.
describe('pull-request mode gives the findings of a whole run narrowed to the changed files', () => {
  for (const fixture of representativeFixtures()) {
    const options = optionsOf(fixture);
    it(`${fixture.ruleId ?? 'project'}/${fixture.name}`, () => {
      const whole = analyse(options);
      expect(whole.files.length).toBeGreaterThan(1);
      const halves = [whole.files.filter((_, i) => i % 2 === 0), whole.files.filter((_, i) => i % 2 === 1)];
      for (const changed of halves) {
        const run = analyse({ ...options, changed: changed.map((file) => join(whole.root, file)) });
        expect(run.result.findings, `changed: ${changed.join(', ')}`).toEqual(
          whole.result.findings.filter((f) => changed.includes(f.file)),
        );
      }
    });
  }

  it('reports nothing and reviews no file when the change touches no source file', () => {
    const fixture = join(FIXTURES, 'provider-tree');
    const whole = analyse({ path: fixture });
    expect(whole.result.findings.length).toBeGreaterThan(0);
    const none = analyse({ path: fixture, changed: [join(fixture, 'README.md')] });
    expect(none.result.findings).toEqual([]);
    expect(none.result.fileCount).toBe(0);
  });
});

/** The fixtures with more than one source file: all of project rules and project fixtures, the first two of file rules. */
function representativeFixtures(): FixtureCase[] {
  const taken = new Map<string, number>();
  return listFixtureCases().filter((fixture) => {
    if (sourceFilesUnder(fixture.dir) < 2) return false;
    const scope = RULES.find((r) => r.meta.id === fixture.ruleId)?.meta.scope ?? 'project';
    if (scope === 'project' || fixture.ruleId === undefined) return true;
    const count = taken.get(fixture.ruleId) ?? 0;
    taken.set(fixture.ruleId, count + 1);
    return count < 2;
  });
}

/** How many TypeScript or JavaScript sources a folder holds outside node_modules (declaration files excluded). */
function sourceFilesUnder(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'expected.fixed') continue;
    if (entry.isDirectory()) count += sourceFilesUnder(join(dir, entry.name));
    else if (/\.[cm]?[jt]sx?$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) count++;
  }
  return count;
}

/** The options the fixture test runs a fixture with: only its rule and its options.json, or every default rule. */
function optionsOf(fixture: FixtureCase): PipelineOptions {
  if (fixture.ruleId === undefined) return { path: fixture.dir };
  const optionsPath = join(fixture.dir, 'options.json');
  const parsed: unknown = existsSync(optionsPath) ? JSON.parse(readFileSync(optionsPath, 'utf8')) : {};
  const ruleOptions = typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {};
  return { path: fixture.dir, only: [fixture.ruleId], inlineRules: { [fixture.ruleId]: { options: ruleOptions } } };
}
