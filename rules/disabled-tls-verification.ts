import { Node, SyntaxKind } from 'ts-morph';
import { alwaysLeaves } from './_shared/ast/always-leaves.js';
import { isFunctionLike } from './_shared/ast/is-function-like.js';
import { skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { symbolPathOf } from './_shared/names.js';
import type { SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { FindingDraft } from '../src/model/rule.js';

type MessageId = 'rejectUnauthorized' | 'environmentVariable' | 'strictSsl' | 'disableTlsCerts';

export default defineRule({
  meta: {
    id: 'disabled-tls-verification',
    description: 'Disallow turning off TLS certificate verification',
    category: 'security',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: false,
    skipFiles: ['test'],
    title: 'Disabled TLS verification',
    rationale:
      'Without certificate verification any machine on the network path can pose as the server, read the traffic and change it, credentials included.',
    messages: {
      rejectUnauthorized: {
        message:
          '`rejectUnauthorized: false` accepts any TLS certificate, so the connection does not authenticate the server.',
        recommendation:
          'Remove `rejectUnauthorized: false`; to trust a private certificate authority, pass its certificate in `ca`.',
      },
      environmentVariable: {
        message:
          '`NODE_TLS_REJECT_UNAUTHORIZED` is set to `{{value}}`, which turns off certificate verification for every TLS connection of the process.',
        recommendation:
          'Remove this assignment; to trust a private certificate authority, set `NODE_EXTRA_CA_CERTS` or pass `ca` to the client.',
      },
      strictSsl: {
        message: '`strictSSL: false` accepts any TLS certificate, so the connection does not authenticate the server.',
        recommendation:
          'Remove `strictSSL: false`; to trust a private certificate authority, pass its certificate in `ca`.',
      },
      disableTlsCerts: {
        message:
          '`disableTLSCerts()` accepts any TLS certificate for this request, so the connection does not authenticate the server.',
        recommendation:
          'Remove `disableTLSCerts()`; to trust a private certificate authority, pass its certificate with `.ca(...)`.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files }) {
    for (const file of files) yield* checkFile(file);
  },
});

/** Findings of one file. */
function* checkFile(file: SourceFile): Generator<FindingDraft<MessageId>> {
  const text = file.getText();
  if (!/rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|strictSSL|disableTLSCerts/.test(text)) return;
  for (const property of file.getDescendantsOfKind(SyntaxKind.PropertyAssignment)) {
    const name = property.getName().replace(/^['"]|['"]$/g, '');
    const value = property.getInitializer();
    if (value === undefined || !isFalse(value) || isCallersChoice(property)) continue;
    if (name === 'rejectUnauthorized' && !isServerOptions(property.getParent()) && !readsPeerCertificate(property))
      yield {
        node: property,
        messageId: 'rejectUnauthorized',
        symbol: { path: symbolPathOf(property.getParentOrThrow()), qualifier: `rejectUnauthorized` },
      };
    if (name === 'strictSSL')
      yield {
        node: property,
        messageId: 'strictSsl',
        symbol: { path: symbolPathOf(property.getParentOrThrow()), qualifier: `strictSSL` },
      };
  }
  for (const binary of file.getDescendantsOfKind(SyntaxKind.BinaryExpression)) {
    if (binary.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) continue;
    yield* checkAssignment(binary.getLeft(), binary.getRight(), binary);
  }
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'disableTLSCerts' && !isCallersChoice(call))
      yield {
        node: callee.getNameNode(),
        messageId: 'disableTlsCerts',
        symbol: { path: symbolPathOf(call), qualifier: `disableTLSCerts` },
      };
  }
}

/** `process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'`, `options.rejectUnauthorized = false`. */
function* checkAssignment(left: Node, right: Node, assignment: Node): Generator<FindingDraft<MessageId>> {
  const name = assignedName(left);
  if (name === 'NODE_TLS_REJECT_UNAUTHORIZED' && isEnvironment(left)) {
    const value = skipOuterExpressions(right);
    if (
      (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) &&
      value.getLiteralText() === '0'
    ) {
      yield {
        node: assignment,
        messageId: 'environmentVariable',
        symbol: { path: symbolPathOf(assignment), qualifier: `NODE_TLS_REJECT_UNAUTHORIZED` },
        data: { value: `'0'` },
      };
    } else if (Node.isNumericLiteral(value) && value.getLiteralValue() === 0) {
      yield {
        node: assignment,
        messageId: 'environmentVariable',
        symbol: { path: symbolPathOf(assignment), qualifier: `NODE_TLS_REJECT_UNAUTHORIZED` },
        data: { value: '0' },
      };
    }
    return;
  }
  if (!isFalse(right) || isCallersChoice(assignment)) return;
  if (name === 'rejectUnauthorized' && !readsPeerCertificate(assignment))
    yield {
      node: assignment,
      messageId: 'rejectUnauthorized',
      symbol: { path: symbolPathOf(assignment), qualifier: `rejectUnauthorized` },
    };
  if (name === 'strictSSL')
    yield {
      node: assignment,
      messageId: 'strictSsl',
      symbol: { path: symbolPathOf(assignment), qualifier: `strictSSL` },
    };
}

/** The property an assignment target names (`a.b` → b, `a['b']` → b). */
function assignedName(left: Node): string | undefined {
  if (Node.isPropertyAccessExpression(left)) return left.getName();
  if (Node.isElementAccessExpression(left)) {
    const argument = left.getArgumentExpression();
    if (argument !== undefined && (Node.isStringLiteral(argument) || Node.isNoSubstitutionTemplateLiteral(argument)))
      return argument.getLiteralText();
  }
  return undefined;
}

/** True when an assignment target is a property of `process.env`. */
function isEnvironment(left: Node): boolean {
  if (!Node.isPropertyAccessExpression(left) && !Node.isElementAccessExpression(left)) return false;
  const receiver = skipOuterExpressions(left.getExpression());
  return (
    Node.isPropertyAccessExpression(receiver) &&
    receiver.getName() === 'env' &&
    receiver.getExpression().getText() === 'process'
  );
}

/** `false`, `!1` or `0`. */
function isFalse(value: Node): boolean {
  const node = skipOuterExpressions(value);
  if (node.getKind() === SyntaxKind.FalseKeyword) return true;
  if (Node.isNumericLiteral(node)) return node.getLiteralValue() === 0;
  return (
    Node.isPrefixUnaryExpression(node) &&
    node.getOperatorToken() === SyntaxKind.ExclamationToken &&
    Node.isNumericLiteral(node.getOperand()) &&
    node.getOperand().getText() !== '0'
  );
}

/**
 * True for TLS server options (`requestCert: true` beside it): there `rejectUnauthorized: false`
 * accepts unverified client certificates so the server can inspect `socket.authorized` itself.
 */
function isServerOptions(object: Node | undefined): boolean {
  return (
    object !== undefined && Node.isObjectLiteralExpression(object) && object.getProperty('requestCert') !== undefined
  );
}

/**
 * True when the code that turns verification off also reads the peer's
 * certificate (`socket.getPeerCertificate()`, `getPeerX509Certificate()`) in
 * the function around it (the file, at its top level): it authenticates the
 * peer itself, by a pinned fingerprint or a certificate extension the peer's
 * key signs (libp2p's TLS, whose certificates are self-signed by design),
 * which the rule cannot judge. A read that only logs the certificate is taken
 * for a check too: a miss, where the other way would be a false finding.
 */
function readsPeerCertificate(node: Node): boolean {
  const scope = node.getFirstAncestor((ancestor) => isFunctionLike(ancestor)) ?? node.getSourceFile();
  // Only a scope whose text spells the method is walked.
  if (!scope.getText().includes('getPeer')) return false;
  return scope.getDescendantsOfKind(SyntaxKind.CallExpression).some((call) => {
    const callee = call.getExpression();
    return Node.isPropertyAccessExpression(callee) && PEER_CERTIFICATE_READS.has(callee.getName());
  });
}

/** The TLS socket's methods that hand the code the peer's certificate. */
const PEER_CERTIFICATE_READS: ReadonlySet<string> = new Set(['getPeerCertificate', 'getPeerX509Certificate']);

/**
 * Words in a condition that make it a test of the caller's own verification
 * setting (Chromium's and Puppeteer's `ignoreCertificateErrors` and
 * `ignoreHTTPSErrors` among them); also the SSL modes of libpq and MySQL that mean "encrypt, do not
 * verify" (`sslmode=require`, `prefer`, `allow`; `ssl-mode=REQUIRED`,
 * `PREFERRED`) as quoted values: the caller picked a mode that does not verify.
 */
const SETTING_WORDS =
  /verif|strict|insecure|unauthori[sz]ed|reject|validat|invalid|skip|self-?signed|ignore[\w-]*(?:cert|ssl|tls|https)|(['"`])(?:require|required|prefer|preferred|allow)\1/i;

/**
 * True when a statement of the block before `statement` leaves unless a verification setting allows what follows
 * (`if (!this._allowInsecure) { return undefined; }`, testcontainers' guard; `throw` as well): the code after it runs
 * only under that setting, as in the `if`'s other branch.
 */
function isAfterExitOnSetting(block: Node, statement: Node): boolean {
  if (!Node.isBlock(block)) return false;
  for (const earlier of block.getStatements()) {
    if (earlier === statement) return false;
    if (
      Node.isIfStatement(earlier) &&
      earlier.getElseStatement() === undefined &&
      alwaysLeaves(earlier.getThenStatement()) &&
      SETTING_WORDS.test(earlier.getExpression().getText())
    )
      return true;
  }
  return false;
}

/**
 * True when the code runs only under a condition on a verification setting
 * (`if (options.strictSSL === false)`, `case 'no-verify':`, `insecure ? {...} : {...}`,
 * `mode === 'verify-full' ? {...} : { rejectUnauthorized: false }`), in either
 * branch: it carries out a choice the caller made explicitly, it does not make one.
 */
function isCallersChoice(node: Node): boolean {
  let child: Node = node;
  for (const ancestor of node.getAncestors()) {
    if (isFunctionLike(ancestor) || Node.isSourceFile(ancestor)) return false;
    if (
      Node.isIfStatement(ancestor) &&
      ancestor.getExpression() !== child &&
      SETTING_WORDS.test(ancestor.getExpression().getText())
    )
      return true;
    if (
      Node.isConditionalExpression(ancestor) &&
      ancestor.getCondition() !== child &&
      SETTING_WORDS.test(ancestor.getCondition().getText())
    )
      return true;
    if (Node.isCaseClause(ancestor) && SETTING_WORDS.test(ancestor.getExpression().getText())) return true;
    if (
      Node.isBinaryExpression(ancestor) &&
      ancestor.getOperatorToken().getKind() === SyntaxKind.AmpersandAmpersandToken &&
      ancestor.getRight() === child &&
      SETTING_WORDS.test(ancestor.getLeft().getText())
    )
      return true;
    if (Node.isBlock(ancestor) && isAfterExitOnSetting(ancestor, child)) return true;
    child = ancestor;
  }
  return false;
}
