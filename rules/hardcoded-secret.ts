import { Node, SyntaxKind } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { defineRule } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import { describeSecretNoun, getEnclosingPath, getSecretNoun, getStoredName } from './_shared/security-names.js';

type MessageId = 'knownFormat' | 'namedSecret';

interface Options {
  minLength: number;
  minEntropy: number;
  ignoreTestFiles: boolean;
}

/** A credential format recognised anywhere in a string. */
interface CredentialFormat {
  kind: string;
  pattern: RegExp;
}

/** Credential formats, each with a pattern for the whole token (bounded by non-token characters). */
const FORMATS: readonly CredentialFormat[] = [
  { kind: 'AWS access key ID', pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9])/ },
  { kind: 'GitHub token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_])/ },
  { kind: 'GitHub token', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{50,255}(?![A-Za-z0-9_])/ },
  { kind: 'Slack token', pattern: /(?<![A-Za-z0-9])xox[abpors]-[0-9A-Za-z]{8,}-[0-9A-Za-z-]{8,}/ },
  { kind: 'Stripe live key', pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_live_[0-9A-Za-z]{20,}(?![A-Za-z0-9_])/ },
  { kind: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----\s*(?:[A-Za-z-]+:[^\n]*\n\s*)*[A-Za-z0-9+/=\s]{40,}/ },
];

/** Text that marks a value as a placeholder, not a credential. */
const PLACEHOLDER = /changeme|change[-_ ]?me|xxx|example|dummy|test|sample|placeholder|fake|redacted|your[-_ ]|insert[-_ ]|replace[-_ ]|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|^\*+$|secret[-_ ]?here|todo|foobar|lorem/i;

export default defineRule({
  meta: {
    id: 'hardcoded-secret',
    description: 'Disallow credentials written as string literals in source code',
    category: 'security',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: false,
    title: 'Hardcoded secrets',
    rationale: 'A credential in the source is readable by everyone who can read the repository, its history and its published packages, and cannot be rotated without a release.',
    messages: {
      knownFormat: {
        message: 'String literal holds {{article}} {{kind}} (`{{preview}}`).',
        recommendation: 'Revoke this {{kind}}, then load its replacement from the environment or a secret store at run time.',
      },
      namedSecret: {
        message: '`{{name}}` is given a hardcoded {{noun}} (`{{preview}}`, {{length}} characters).',
        recommendation: 'Load `{{name}}` from the environment or a secret store at run time, and rotate the value that was committed.',
      },
    },
    options: {
      defaults: { minLength: 16, minEntropy: 3.5, ignoreTestFiles: true },
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          minLength: { type: 'number', minimum: 1, description: 'Shortest value, in characters, that counts as a secret when assigned to a secret-like name.' },
          minEntropy: { type: 'number', minimum: 0, description: 'Lowest Shannon entropy, in bits per character, that counts as a secret when assigned to a secret-like name.' },
          ignoreTestFiles: { type: 'boolean', description: 'Skip test files (`*.test.*`, `*.spec.*`, files under test folders), whose credentials are usually fakes.' },
        },
      },
    },
  },
  *check({ files, project, options }) {
    for (const file of files) {
      if (options.ignoreTestFiles && (project.isTestFile(file) || isFixturePath(project.relativePath(file)))) continue;
      yield* checkFile(file, options);
    }
  },
});

/** True for mock and fixture folders, whose credentials are fakes. */
function isFixturePath(path: string): boolean {
  return /(?:^|\/)(?:__mocks__|__fixtures__|fixtures|mocks)\//.test(path);
}

/** Findings of one file. */
function* checkFile(file: SourceFile, options: Options): Generator<FindingDraft<MessageId>> {
  const literals = [...file.getDescendantsOfKind(SyntaxKind.StringLiteral), ...file.getDescendantsOfKind(SyntaxKind.NoSubstitutionTemplateLiteral)];
  for (const literal of literals) {
    if (isModuleName(literal)) continue;
    const text = literal.getLiteralText();
    const format = findFormat(text);
    if (format !== undefined) {
      yield { node: literal, messageId: 'knownFormat', symbol: `${getEnclosingPath(literal)}:${format.kind}:${preview(format.match)}`, data: { article: /^[AEIOU]/.test(format.kind) ? 'an' : 'a', kind: format.kind, preview: preview(format.match) } };
      continue;
    }
    const name = getAssignedName(literal);
    if (name === undefined) continue;
    const noun = getSecretNoun(name);
    if (noun === undefined || !looksLikeSecret(text, options)) continue;
    yield { node: literal, messageId: 'namedSecret', symbol: `${getEnclosingPath(literal)}:${name}`, data: { name, noun: describeSecretNoun(noun), preview: preview(text), length: text.length } };
  }
}

/** True for an import or require specifier, which names a module, not a value. */
function isModuleName(literal: Node): boolean {
  const parent = literal.getParent();
  return parent !== undefined && (Node.isImportDeclaration(parent) || Node.isExportDeclaration(parent) || Node.isExternalModuleReference(parent)
    || Node.isImportTypeNode(parent.getParent() ?? parent));
}

/** The credential format found in a string, with the matched token; placeholders excluded. */
function findFormat(text: string): { kind: string; match: string } | undefined {
  for (const format of FORMATS) {
    const match = format.pattern.exec(text);
    if (match === null) continue;
    const token = match[0];
    if (PLACEHOLDER.test(token) || isRepetitive(token.replace(/^[a-z]+_(?:live_|pat_)?|^(?:AKIA|ASIA)/, ''))) continue;
    return { kind: format.kind, match: token.trim() };
  }
  return undefined;
}

/**
 * The name a literal is stored under: `const apiKey = '...'`, `{ password: '...' }`,
 * `this.token = '...'`, `config['secret'] = '...'`, `function f(password = '...')`,
 * also as the fallback of `??`/`||` (`process.env.TOKEN ?? '...'` is not followed: env lookups are skipped).
 */
function getAssignedName(literal: Node): string | undefined {
  const parent = literal.getParent();
  if (parent === undefined) return undefined;
  if ((Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent)
    || Node.isParameterDeclaration(parent) || Node.isBindingElement(parent)) && parent.getInitializer() === literal) {
    return getStoredName(parent);
  }
  if (Node.isBinaryExpression(parent) && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken && parent.getRight() === literal) {
    return getStoredName(parent.getLeft());
  }
  return undefined;
}

/** True when a value is long, varied and placeholder-free enough to be a real credential. */
function looksLikeSecret(text: string, options: Options): boolean {
  if (text.length < options.minLength) return false;
  if (/\s/.test(text) || text.includes('://') || text.startsWith('/') || text.startsWith('./')) return false;
  if (PLACEHOLDER.test(text) || isRepetitive(text)) return false;
  if (!/[0-9]/.test(text) || !/[A-Za-z]/.test(text)) return false;
  return shannonEntropy(text) >= options.minEntropy;
}

/** True when one or two characters make up the whole text (`aaaa`, `0000-0000`). */
function isRepetitive(text: string): boolean {
  return new Set(text.replace(/[-_]/g, '')).size <= 2;
}

/** Shannon entropy of a string, in bits per character. */
function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/** The first four characters of a secret and an ellipsis: never the whole value. */
function preview(secret: string): string {
  return `${secret.slice(0, 4)}…`;
}
