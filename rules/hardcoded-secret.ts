import { Node, SyntaxKind, ts } from 'ts-morph';
import { symbolPathOf } from './_shared/names.js';
import type { SourceFile } from 'ts-morph';
import { defineRule } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { describeSecretNoun, getSecretNoun, getStoredName } from './_shared/security/names.js';

type MessageId = 'knownFormat' | 'namedSecret';

interface Options {
  minLength: number;
  minEntropy: number;
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
  { kind: 'Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/ },
  { kind: 'npm token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/ },
  {
    kind: 'OpenAI API key',
    pattern:
      /(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])|(?<![A-Za-z0-9_-])sk-proj-[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])/,
  },
  {
    kind: 'private key',
    pattern:
      /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----\s*(?:[A-Za-z-]+:[^\n]*\n\s*)*[A-Za-z0-9+/=\s]{40,}/,
  },
];

/** `===`, `==`, `!==`, `!=`: a literal compared with a secret's name is that secret. */
const EQUALITY = new Set([
  SyntaxKind.EqualsEqualsEqualsToken,
  SyntaxKind.EqualsEqualsToken,
  SyntaxKind.ExclamationEqualsEqualsToken,
  SyntaxKind.ExclamationEqualsToken,
]);

/**
 * Text that marks a value as a placeholder, not a credential; also anonymous FTP's conventional password
 * (`anonymous@`, RFC 1635: the login everyone may use, easy-ftp's default).
 */
const PLACEHOLDER =
  /changeme|change[-_ ]?me|xxx|example|dummy|test|sample|placeholder|fake|redacted|your[-_ ]|insert[-_ ]|replace[-_ ]|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|^\*+$|secret[-_ ]?here|todo|foobar|lorem|^anonymous@?$/i;

export default defineRule({
  meta: {
    id: 'hardcoded-secret',
    description: 'Disallow credentials written as string literals in source code',
    category: 'security',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: false,
    skipFiles: ['test'],
    title: 'Hardcoded secrets',
    rationale:
      'A credential in the source is readable by everyone who can read the repository, its history and its published packages, and cannot be rotated without a release.',
    messages: {
      knownFormat: {
        message: 'String literal holds {{article}} {{kind}} (`{{preview}}`).',
        recommendation:
          'Revoke this {{kind}}, then load its replacement from the environment or a secret store at run time.',
      },
      namedSecret: {
        message: '`{{name}}` is given a hardcoded {{noun}} (`{{preview}}`, {{length}} characters).',
        recommendation:
          'Load `{{name}}` from the environment or a secret store at run time, and rotate the value that was committed.',
      },
    },
    options: {
      defaults: { minLength: 16, minEntropy: 3.5 },
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          minLength: {
            type: 'number',
            minimum: 1,
            description: 'Shortest value, in characters, that counts as a secret when assigned to a secret-like name.',
          },
          minEntropy: {
            type: 'number',
            minimum: 0,
            description:
              'Lowest Shannon entropy, in bits per character, that counts as a secret when assigned to a secret-like name.',
          },
        },
      },
    },
  },
  *check({ files, project, options }) {
    for (const file of files) yield* checkFile(file, project, options);
  },
});

/** Parents under which a literal is stored under a name (`getAssignedName` looks no further). */
const NAMING_PARENTS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.BindingElement,
  ts.SyntaxKind.BinaryExpression,
]);

/** Findings of one file: string literals from the shared node index, wrapped only when a format matches or a name may hold them. */
function* checkFile(file: SourceFile, project: ProjectView, options: Options): Generator<FindingDraft<MessageId>> {
  const literals = [
    ...project.nodesOf(file, ts.SyntaxKind.StringLiteral),
    ...project.nodesOf(file, ts.SyntaxKind.NoSubstitutionTemplateLiteral),
  ];
  for (const compilerLiteral of literals) {
    if (!ts.isStringLiteral(compilerLiteral) && !ts.isNoSubstitutionTemplateLiteral(compilerLiteral)) continue;
    const text = compilerLiteral.text;
    const format = findFormat(text);
    if (format === undefined && !NAMING_PARENTS.has(compilerLiteral.parent.kind)) continue;
    const literal = project.wrap(file, compilerLiteral);
    if (isModuleName(literal)) continue;
    if (format !== undefined) {
      yield {
        node: literal,
        messageId: 'knownFormat',
        symbol: { path: symbolPathOf(literal), qualifier: `${format.kind}:${preview(format.match)}` },
        data: { article: /^[AEIOU]/.test(format.kind) ? 'an' : 'a', kind: format.kind, preview: preview(format.match) },
      };
      continue;
    }
    const name = getAssignedName(literal);
    if (name === undefined || isInDocumentedExample(literal)) continue;
    const noun = getSecretNoun(name);
    if (
      noun === undefined ||
      !(looksLikeSecret(text, options) || (PASSWORD_NOUNS.has(noun) && looksLikePassword(text)))
    )
      continue;
    yield {
      node: literal,
      messageId: 'namedSecret',
      symbol: { path: symbolPathOf(literal), qualifier: name },
      data: { name, noun: describeSecretNoun(noun), preview: preview(text), length: text.length },
    };
  }
}

/**
 * Keys under which an API description holds example documents (OpenAPI's and Swagger's `example`, `examples`,
 * `x-example`, Swagger 2.0's `definitions` as swagger-autogen writes them with sample values, `schemas`), or a name
 * ending in `Example`.
 */
const EXAMPLE_KEYS = /^(?:x-)?examples?$|^definitions$|^schemas$|^samples?$|[a-z0-9]Examples?$/;

/**
 * True for a literal inside an object literal stored under an example key (`EXAMPLE_KEYS`): soul-cli's
 * `definitions: { ObtainAccessTokenRequestBody: { fields: { password: 'Ak22#cPM33@v*#' } } }` shows a request body
 * in its API documentation, and no program logs in with it.
 */
function isInDocumentedExample(literal: Node): boolean {
  for (let at = literal.getParent(); at !== undefined; at = at.getParent()) {
    if (Node.isPropertyAssignment(at)) {
      if (EXAMPLE_KEYS.test(getStoredName(at) ?? '')) return true;
    } else if (!Node.isObjectLiteralExpression(at) && !Node.isArrayLiteralExpression(at)) return false;
  }
  return false;
}

/** True for an import or require specifier, which names a module, not a value. */
function isModuleName(literal: Node): boolean {
  const parent = literal.getParent();
  return (
    parent !== undefined &&
    (Node.isImportDeclaration(parent) ||
      Node.isExportDeclaration(parent) ||
      Node.isExternalModuleReference(parent) ||
      Node.isImportTypeNode(parent.getParent() ?? parent))
  );
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
 * `this.token = '...'`, `config['secret'] = '...'`, `function f(password = '...')`, `password === '...'`,
 * also as the fallback of `??`/`||` (`process.env.TOKEN ?? '...'` is not followed: env lookups are skipped).
 */
function getAssignedName(literal: Node): string | undefined {
  const parent = literal.getParent();
  if (parent === undefined) return undefined;
  if (
    (Node.isVariableDeclaration(parent) ||
      Node.isPropertyAssignment(parent) ||
      Node.isPropertyDeclaration(parent) ||
      Node.isParameterDeclaration(parent) ||
      Node.isBindingElement(parent)) &&
    parent.getInitializer() === literal
  ) {
    return getStoredName(parent);
  }
  if (
    Node.isBinaryExpression(parent) &&
    parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
    parent.getRight() === literal
  ) {
    return getStoredName(parent.getLeft());
  }
  if (Node.isBinaryExpression(parent) && EQUALITY.has(parent.getOperatorToken().getKind())) {
    const other = parent.getLeft() === literal ? parent.getRight() : parent.getLeft();
    return Node.isIdentifier(other) || Node.isPropertyAccessExpression(other) ? getStoredName(other) : undefined;
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

/** Secret nouns for which a short value is already a credential (a password, a signing secret). */
const PASSWORD_NOUNS = new Set(['password', 'passwords', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets']);

/**
 * True when a value assigned to a password name is a password: at least 6 characters,
 * no spaces, not a placeholder, URL or path, and not a bare word or key name (`'password'`,
 * `'user-password'`), alone or in brackets or stars (`'(hidden)'`, `'[masked]'`: a marker written
 * over a password before it is shown): it has a digit or a symbol among its letters.
 */
function looksLikePassword(text: string): boolean {
  if (text.length < 6 || /\s/.test(text) || text.includes('://') || text.startsWith('/')) return false;
  if (PLACEHOLDER.test(text) || isRepetitive(text) || /^[%$:{].*|.*[%}]$/.test(text)) return false;
  if (/^(?:[A-Za-z]+(?:[-_.][A-Za-z]+)*|\([A-Za-z]+\)|\[[A-Za-z]+\]|\*+[A-Za-z]+\*+)$/.test(text)) return false;
  return /[A-Za-z]/.test(text);
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
