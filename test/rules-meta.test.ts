import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { DOC_HEADINGS, docHeadings } from '../src/docs/rule-docs.js';
import { loadProject } from '../src/load/project.js';
import { listFixtureCases } from './fixture-runner.js';

const ROOT = join(import.meta.dirname, '..');
const RULES_DIR = join(ROOT, 'rules');
const FIXTURES_DIR = join(ROOT, 'fixtures');
const ids = RULES.map((r) => r.meta.id);

describe('rule registry', () => {
  it('lists every rule file exactly once, with id = file name', () => {
    const files = readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect([...ids].sort()).toEqual(files);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has fixture folders only for registered rules', () => {
    const groups = readdirSync(FIXTURES_DIR).filter(
      (g) => !g.startsWith('_') && statSync(join(FIXTURES_DIR, g)).isDirectory(),
    );
    const projects = groups.filter(
      (g) => existsSync(join(FIXTURES_DIR, g, 'tsconfig.json')) || existsSync(join(FIXTURES_DIR, g, 'package.json')),
    );
    expect(groups.filter((g) => !projects.includes(g) && !ids.includes(g))).toEqual([]);
  });
});

describe.each(RULES.map((r) => [r.meta.id, r.meta] as const))('%s', (id, meta) => {
  it('has a description in the house form', () => {
    expect(meta.description).toMatch(/^(Disallow|Require|Enforce) .+[^.]$/);
    expect(meta.title.length).toBeGreaterThan(0);
    expect(meta.rationale).toMatch(/\.$/);
  });

  it('has camelCase message ids, sentences for messages and recommendations', () => {
    for (const [messageId, text] of Object.entries(meta.messages)) {
      expect(messageId).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(text.message).toMatch(/^[A-Z`].*[.]$/s);
      expect(text.recommendation).toMatch(/^[A-Z`].*[.]$/s);
    }
  });

  it('describes every option', () => {
    for (const [name, schema] of Object.entries(meta.options.schema.properties ?? {})) {
      expect(schema.description, `option ${name}`).toBeTruthy();
      expect(meta.options.defaults, `default of ${name}`).toHaveProperty(name);
    }
  });

  it('has a doc page with the fixed headings, opening with the description', () => {
    const path = join(RULES_DIR, `${id}.md`);
    expect(existsSync(path), `rules/${id}.md`).toBe(true);
    const markdown = readFileSync(path, 'utf8');
    expect(markdown.split('\n')[0]).toBe(meta.description);
    expect(docHeadings(markdown).filter((h) => (DOC_HEADINGS as readonly string[]).includes(h))).toEqual([
      ...DOC_HEADINGS,
    ]);
  });

  it('has valid-* and invalid-* fixtures', () => {
    const dir = join(FIXTURES_DIR, id);
    const cases = existsSync(dir) ? readdirSync(dir) : [];
    expect(
      cases.some((c) => c.startsWith('valid-')),
      'a valid-* fixture',
    ).toBe(true);
    expect(
      cases.some((c) => c.startsWith('invalid-')),
      'an invalid-* fixture',
    ).toBe(true);
  });
});

describe('needsTypeChecker: false', () => {
  const withoutChecker = RULES.filter((r) => !r.meta.needsTypeChecker);
  it.each(withoutChecker.map((r) => [r.meta.id, r] as const))('%s never asks the type checker', (_, rule) => {
    for (const fixture of listFixtureCases().filter((f) => f.ruleId === rule.meta.id)) {
      const { view } = loadProject({ path: fixture.dir });
      const program = view.project.getProgram().compilerObject;
      program.getTypeChecker = () => {
        throw new Error(`${rule.meta.id} asked the type checker in ${fixture.name}`);
      };
      expect(() => [...rule.run({ files: view.files, project: view }, {})]).not.toThrow();
    }
  });
});
