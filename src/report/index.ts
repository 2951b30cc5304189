import type { AnalysisResult } from '../model/finding.js';
import { toJson } from './json.js';
import { composeReview } from './review.js';
import { toSarif } from './sarif.js';
import { toStylish } from './stylish.js';

/** Output formats of the CLI. */
export const FORMATS = ['stylish', 'json', 'review', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** True for a known format name. */
export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

/** How to render: colours for a terminal, and the template of rule pages that SARIF links to. */
interface RenderOptions {
  color?: boolean | undefined;
  docsTemplate?: string | undefined;
}

/** Renders a result in a format; every reporter is a pure function of the result. */
export function render(format: Format, result: AnalysisResult, options: RenderOptions = {}): string {
  switch (format) {
    case 'stylish':
      return toStylish(result, options);
    case 'json':
      return toJson(result);
    case 'review':
      return composeReview(result);
    case 'sarif':
      return `${JSON.stringify(toSarif(result, options.docsTemplate), null, 2)}\n`;
  }
}
