import type { AnalysisResult } from '../model/finding.js';
import { forTerminal } from './escape/terminal.js';
import { plural } from './plural.js';
import { verdictLine } from './verdict.js';

/**
 * Terminal output in the shape of ESLint's "stylish" formatter, plus the security verdict. Every text that
 * may come from the repository (file names, messages, the verdict's places) goes through `forTerminal`.
 */
export function toStylish(result: AnalysisResult, options: { color?: boolean } = {}): string {
  const color = options.color ?? false;
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const out: string[] = [];
  let file = '';
  for (const f of result.findings) {
    if (f.file !== file) {
      if (file !== '') out.push('');
      file = f.file;
      out.push(paint('4', forTerminal(f.file)));
    }
    const severity =
      f.severity === 'error'
        ? paint('31', 'error  ')
        : f.severity === 'warning'
          ? paint('33', 'warning')
          : paint('36', 'info   ');
    out.push(
      `  ${paint('2', `${String(f.line)}:${String(f.column)}`.padEnd(8))} ${severity}  ${forTerminal(f.message)}  ${paint('2', forTerminal(f.ruleId))}`,
    );
  }
  if (out.length > 0) out.push('');
  const counts = (['error', 'warning', 'info'] as const).map(
    (s) => [s, result.findings.filter((f) => f.severity === s).length] as const,
  );
  const total = result.findings.length;
  const detail = counts.map(([s, n]) => `${String(n)} ${s === 'info' ? 'info' : s + (n === 1 ? '' : 's')}`).join(', ');
  out.push(
    total === 0
      ? paint('32', `✔ No problems in ${plural(result.fileCount, 'file')}.`)
      : paint(
          '1',
          `✖ ${String(total)} ${total === 1 ? 'problem' : 'problems'} (${detail}) in ${plural(result.fileCount, 'file')}.`,
        ),
  );
  out.push(forTerminal(verdictLine(result)));
  return `${out.join('\n')}\n`;
}
