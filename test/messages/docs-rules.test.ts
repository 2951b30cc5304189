import { describe, expect, it } from 'vitest';
import { markerSummaryData, parameterListMessage } from '../../rules/incomplete-docstring.js';
import { undocumentedProjectData } from '../../rules/missing-docstring.js';
import { render } from './render.js';

describe('incomplete-docstring parameter messages', () => {
  it('names only what is missing when no parameter is documented', () => {
    const { messageId, data } = parameterListMessage('send', [], ['`action`']);
    expect(render('incomplete-docstring', messageId, data)).toEqual([
      'JSDoc comment of `send` has no `@param` tag for `action`.',
      'Add a `@param` tag for `action`.',
    ]);
  });

  it('lists one documented and many missing parameters', () => {
    const { messageId, data } = parameterListMessage('send', ['`chatId`'], ['`text`', '`extra`', '`signal`']);
    expect(render('incomplete-docstring', messageId, data)).toEqual([
      'JSDoc comment of `send` documents `chatId` but not `text`, `extra` and `signal`.',
      'Add `@param` tags for `text`, `extra` and `signal`.',
    ]);
  });

  it('lists many documented and one missing parameter', () => {
    const { messageId, data } = parameterListMessage('send', ['`a`', '`b`'], ['`c`']);
    expect(render('incomplete-docstring', messageId, data)).toEqual([
      'JSDoc comment of `send` documents `a` and `b` but not `c`.',
      'Add a `@param` tag for `c`.',
    ]);
  });

  it('renders a renamed parameter as one sentence', () => {
    expect(
      render('incomplete-docstring', 'renamedParam', { name: 'upload', param: 'stickerFile', parameter: 'sticker' }),
    ).toEqual([
      '`@param stickerFile` in the JSDoc comment of `upload` names no parameter; the parameter in its place is `sticker`.',
      'Rename `@param stickerFile` to `@param sticker`.',
    ]);
  });
});

describe('incomplete-docstring marker summary', () => {
  it('counts one comment with one tag', () => {
    expect(render('incomplete-docstring', 'markerOnlyComments', markerSummaryData([['since']], 1))[0]).toBe(
      'The project has 1 JSDoc comment made only of metadata tags (`@since`) and no description, of 1 in all.',
    );
  });

  it('lists many tags, the most used first, each once per comment', () => {
    const data = markerSummaryData(
      [['category', 'since'], ['since'], ['public', 'since', 'since'], ['category', 'since']],
      2566,
    );
    expect(render('incomplete-docstring', 'markerOnlyComments', data)[0]).toBe(
      'The project has 4 JSDoc comments made only of metadata tags (`@since`, `@category` and `@public`) and no description, of 2566 in all.',
    );
  });
});

describe('missing-docstring project summary', () => {
  it('renders none, one and many documented declarations', () => {
    const template = (documented: number, total: number): string =>
      render('missing-docstring', 'undocumentedProject', undocumentedProjectData(documented, total, 0.25))[0] ?? '';
    expect(template(0, 12)).toBe(
      "JSDoc comments cover 0 of the project's 12 exported declarations (0%), under the 25% that makes documenting them its practice, so they are not listed one by one.",
    );
    expect(template(1, 11)).toBe(
      "JSDoc comments cover 1 of the project's 11 exported declarations (9%), under the 25% that makes documenting them its practice, so they are not listed one by one.",
    );
    expect(template(249, 1000)).toContain("249 of the project's 1000 exported declarations (24%)");
  });
});
