/** One ESLint message, as much of it as we read (ESLint's `LintMessage`). */
export interface EslintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  messageId?: string | undefined;
  fatal?: boolean | undefined;
}

/** One linted file (ESLint's `LintResult`). */
export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
}

/**
 * ESLint's results, checked field by field: they come from the project's own
 * ESLint and plugins, so they are data of unknown shape. Messages that lack a
 * field we need are left out.
 */
export function parseResults(value: unknown): EslintResult[] {
  if (!Array.isArray(value)) throw new Error('ESLint returned no list of results');
  return value.flatMap((item: unknown) => {
    if (!isRecord(item) || typeof item['filePath'] !== 'string' || !Array.isArray(item['messages'])) return [];
    const messages = item['messages'].flatMap((m: unknown) => {
      const parsed = parseMessage(m);
      return parsed === undefined ? [] : [parsed];
    });
    return [{ filePath: item['filePath'], messages }];
  });
}

/** A message, or undefined when it lacks its text, severity or place. */
function parseMessage(value: unknown): EslintMessage | undefined {
  if (!isRecord(value)) return undefined;
  const { ruleId, severity, message, line, column } = value;
  if (typeof message !== 'string' || typeof severity !== 'number') return undefined;
  if (typeof line !== 'number' || typeof column !== 'number') return undefined;
  if (ruleId !== null && typeof ruleId !== 'string') return undefined;
  return {
    ruleId,
    severity,
    message,
    line,
    column,
    endLine: numberOrUndefined(value['endLine']),
    endColumn: numberOrUndefined(value['endColumn']),
    messageId: typeof value['messageId'] === 'string' ? value['messageId'] : undefined,
    fatal: value['fatal'] === true,
  };
}

/** The documentation URL of each rule, from ESLint's `getRulesMetaForResults`; rules without one are absent. */
export function parseDocsUrls(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isRecord(value)) return out;
  for (const [ruleId, meta] of Object.entries(value)) {
    const docs = isRecord(meta) ? meta['docs'] : undefined;
    const url = isRecord(docs) ? docs['url'] : undefined;
    if (typeof url === 'string' && /^https?:\/\/\S+$/.test(url)) out.set(ruleId, url);
  }
  return out;
}

/** True for a non-null object (indexable by string keys). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
