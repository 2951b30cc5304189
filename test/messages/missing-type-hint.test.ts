import { describe, expect, it } from 'vitest';
import rule from '../../rules/missing-type-hint.js';
import { fill } from '../../src/model/finding-text.js';

/** The template of a message id; a missing one fails the test. */
function templateOf(id: string): { message: string; recommendation: string } {
  const template = (rule.meta.messages as Record<string, { message: string; recommendation: string } | undefined>)[id];
  if (template === undefined) throw new Error(`no message ${id}`);
  return template;
}

describe('missing-type-hint messages', () => {
  it('quotes the implicit type, plain or rest', () => {
    const data = { param: 'names', name: 'ProviderTree.remove' };
    expect(fill(templateOf('implicitAnyParameter').message, { ...data, type: 'any' })).toBe(
      'Parameter `names` of `ProviderTree.remove` is implicitly `any`.',
    );
    expect(fill(templateOf('implicitAnyParameter').message, { ...data, type: 'any[]' })).toBe(
      'Parameter `names` of `ProviderTree.remove` is implicitly `any[]`.',
    );
  });

  it('quotes the inferred return type, any included, without mentioning packages', () => {
    const text = fill(templateOf('missingReturnType').message, {
      name: 'safeJSON',
      kind: 'exported function',
      type: 'any',
    });
    expect(text).toBe('`safeJSON` (exported function) returns `any` without a return type annotation.');
    expect(text).not.toMatch(/package/);
  });

  it('names uninstalled packages only in the unresolved variant', () => {
    const text = fill(templateOf('missingReturnTypeUnresolved').message, {
      name: 'useFlag',
      kind: 'exported function',
    });
    expect(text).toContain('packages that are not installed');
    expect(fill(templateOf('missingReturnTypeUnresolved').recommendation, { name: 'useFlag' })).toBe(
      'Declare the return type of `useFlag`.',
    );
  });
});
