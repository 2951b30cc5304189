import { Node, SyntaxKind, VariableDeclarationKind, ts } from 'ts-morph';
import { isEnvironmentName, settledDeclarationsOf } from './_shared/name-binding.js';
import { syntacticUsesOf } from './_shared/local-uses.js';
import { isFunctionLike } from './_shared/ast/is-function-like.js';
import { skipOuterCompilerExpressions, skipOuterExpressions } from './_shared/ast/skip-outer-expressions.js';
import { descendantsWhere } from './_shared/ast/descendants.js';
import { splitWords } from './_shared/identifier-style.js';
import { functionNameOf, symbolPathOf } from './_shared/names.js';
import type { CallExpression, SourceFile } from 'ts-morph';
import { defineRule, NO_OPTIONS } from '../src/model/rule.js';
import type { EvidenceDraft, FindingDraft } from '../src/model/rule.js';
import type { ProjectView } from '../src/model/project-view.js';
import { callSitesInOwnFile } from './_shared/security/call-sites.js';
import {
  calledExportScreen,
  getCalledExport,
  getModuleBindings,
  isWholeModule,
  wholeModuleScreen,
} from './_shared/security/modules.js';
import type { ModuleBindings } from './_shared/security/modules.js';
import { getSecurityWord, getStoredName } from './_shared/security/names.js';

type MessageId = 'weakHash' | 'weakSignature' | 'weakCipher' | 'deprecatedCipher';

/** Hash algorithms whose collision resistance is broken. */
const WEAK_HASH = /^(?:rsa-)?(?:md2|md4|md5|sha1|sha-1|md5-sha1)$/i;
/** Hashes that are weak even inside an HMAC: HMAC-MD5 and HMAC-SHA-1 stay sound as MACs (RFC 6151), and are judged only as password hashes. */
const WEAK_HMAC = /^(?:rsa-)?(?:md2|md4)$/i;
/** Words in a name that say the hash serves no security purpose (`etag`, `cacheKey`, `checksum`). */
const NON_SECURITY_WORDS = new Set([
  'etag',
  'cache',
  'cached',
  'checksum',
  'checksums',
  'fingerprint',
  'integrity',
  'filename',
  'file',
  'files',
  'path',
  'dedupe',
  'dedup',
  'color',
  'colour',
  'bucket',
  'shard',
  'partition',
  'content',
  'contents',
  'chunk',
  'asset',
  'assets',
  'gravatar',
  'avatar',
  'uuid',
  'guid',
]);
/**
 * Names a hash's result is stored under that name no secret: Node's TLS option `sessionIdContext`, an opaque
 * name that keeps applications' session caches apart (Node's documentation hashes `process.argv` with SHA-1 for it).
 */
const NON_SECURITY_NAMES = new Set(['sessionIdContext']);
/** Words that make a context about passwords, where even HMAC-SHA1 is too fast. */
const PASSWORD_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'passphrase']);
/** Words that make a context about signing, where a hash's collisions let one signature cover a second message. */
const SIGNING_WORDS = new Set(['signature', 'signatures', 'sign', 'signs', 'signed', 'signer', 'signing']);
/** Words after `sign` that make it about logging in (`signIn`, `signUp`, `signOut`), not about signing. */
const NOT_SIGNING_AFTER = new Set(['in', 'up', 'out', 'on', 'off']);

/** The password word of a name (`hashPassword` → password), if any. */
function passwordWordOf(name: string): string | undefined {
  return splitWords(name).find((word) => PASSWORD_WORDS.has(word));
}

/**
 * The word of a name that makes a plain MD5 or SHA-1 hash fail at its use: a password (the hash is fast, and MD5
 * and SHA-1 tables are everywhere) or a signature (a collision makes one signature cover two messages). A hash that
 * makes a token from a secret, or keys a session, needs only that its output cannot be guessed or inverted, which
 * neither hash has lost: `sha1(salt + secret)` is no weaker for SHA-1's collisions.
 */
function brokenUseWordOf(name: string): string | undefined {
  const words = splitWords(name);
  return words.find(
    (word, index) =>
      PASSWORD_WORDS.has(word) || (SIGNING_WORDS.has(word) && !NOT_SIGNING_AFTER.has(words[index + 1] ?? '')),
  );
}
/** Third-party modules whose default export is an MD5 or SHA-1 function. */
const HASH_MODULES: Readonly<Record<string, string>> = {
  md5: 'md5',
  'blueimp-md5': 'md5',
  'js-md5': 'md5',
  sha1: 'sha1',
  'crypto-js/md5': 'md5',
  'crypto-js/sha1': 'sha1',
};

export default defineRule({
  meta: {
    id: 'weak-crypto',
    description: 'Disallow broken hashes and ciphers for passwords, signatures and encryption',
    category: 'security',
    defaultSeverity: 'error',
    stability: 'stable',
    scope: 'file',
    needsTypeChecker: true,
    skipFiles: ['test'],
    title: 'Weak cryptography',
    rationale:
      'MD5 and SHA-1 collisions can be computed and fast hashes let stolen password hashes be guessed; DES, RC4 and ECB mode leak or expose the data they encrypt.',
    messages: {
      weakHash: {
        message:
          '`{{sink}}` hashes with {{algorithm}} for a security purpose (`{{context}}`), and {{algorithm}} is broken for that use.',
        recommendation: 'Replace {{algorithm}}: {{advice}}.',
      },
      weakSignature: {
        message:
          '`{{sink}}` signs with {{algorithm}}, whose collisions let one signature cover a second, forged document.',
        recommendation: 'Sign with `sha256` or stronger.',
      },
      weakCipher: {
        message: '`{{sink}}` encrypts with `{{algorithm}}`: {{reason}}.',
        recommendation: 'Encrypt with `aes-256-gcm` and a fresh random IV from `crypto.randomBytes` for each message.',
      },
      deprecatedCipher: {
        message: '`{{sink}}` derives its key from a password with one round of MD5 and uses no IV.',
        recommendation: 'Use `createCipheriv` with `aes-256-gcm`, a key from `crypto.scrypt` and a random IV.',
      },
    },
    options: NO_OPTIONS,
  },
  *check({ files, project }) {
    for (const file of files) yield* checkFile(project, file);
  },
});

/** Findings of one file. */
function* checkFile(view: ProjectView, file: SourceFile): Generator<FindingDraft<MessageId>> {
  if (!/crypto|md5|sha1/i.test(file.getText())) return;
  const crypto = getModuleBindings(view, file, ['crypto']);
  const hashModules = getModuleBindings(view, file, Object.keys(HASH_MODULES));
  const cryptoJs = getModuleBindings(view, file, ['crypto-js']);
  const screen = callScreen(crypto, hashModules, cryptoJs);
  for (const call of descendantsWhere(view, file, SyntaxKind.CallExpression, screen).filter(Node.isCallExpression)) {
    const draft =
      checkCryptoCall(view, call, crypto) ??
      checkHashModuleCall(view, call, hashModules) ??
      checkCryptoJsCall(view, call, cryptoJs);
    if (draft !== undefined) yield draft;
  }
}

/**
 * A test of a compiler node, from syntax, that is false for every call `checkCryptoCall`, `checkHashModuleCall` and
 * `checkCryptoJsCall` pass by: only the calls it accepts are wrapped and asked about.
 */
function callScreen(
  crypto: ModuleBindings,
  hashModules: ModuleBindings,
  cryptoJs: ModuleBindings,
): (node: ts.Node) => boolean {
  const isCryptoExport = calledExportScreen(crypto);
  const isHashModule = wholeModuleScreen(hashModules);
  const isCryptoJs = wholeModuleScreen(cryptoJs);
  return (node) => {
    if (!ts.isCallExpression(node)) return false;
    if (isCryptoExport(node)) return true;
    const callee = node.expression;
    if (hashModules.whole.size > 0 && isHashModule(callee)) return true;
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const receiver = skipOuterCompilerExpressions(callee.expression);
    // `crypto.subtle…` of the environment (`getGlobalCryptoCall`).
    if (ts.isIdentifier(receiver) && receiver.text === 'crypto') return true;
    return (
      cryptoJs.whole.size > 0 &&
      (isCryptoJs(receiver) || (ts.isPropertyAccessExpression(receiver) && isCryptoJs(receiver.expression)))
    );
  };
}

/** Node's `crypto` functions: hashes, HMACs, signatures and ciphers. */
function checkCryptoCall(
  view: ProjectView,
  call: CallExpression,
  bindings: ModuleBindings,
): FindingDraft<MessageId> | undefined {
  const name = getCalledExport(call, bindings) ?? getGlobalCryptoCall(view, call);
  if (name === undefined) return undefined;
  if (name === 'createCipher' || name === 'createDecipher')
    return {
      node: call,
      messageId: 'deprecatedCipher',
      symbol: { path: symbolPathOf(call), qualifier: name },
      data: { sink: name },
    };
  const algorithm = getAlgorithm(view, call);
  if (algorithm === undefined) return undefined;
  const sink = `${name}('${algorithm}')`;
  switch (name) {
    case 'createHash':
    case 'hash':
      if (!WEAK_HASH.test(algorithm) || hashesRandomBytesOnly(view, call, bindings)) return undefined;
      return checkHashUse(view, call, sink, algorithm, brokenUseWordOf);
    case 'createHmac':
      if (WEAK_HMAC.test(algorithm)) return checkHashUse(view, call, sink, algorithm, getSecurityWord);
      return WEAK_HASH.test(algorithm) ? checkHashUse(view, call, sink, algorithm, passwordWordOf) : undefined;
    case 'createSign':
    case 'createVerify':
    case 'sign':
    case 'verify':
      return WEAK_HASH.test(algorithm) && !isBranchOfNamedAlgorithm(call, algorithm)
        ? {
            node: call,
            messageId: 'weakSignature',
            symbol: { path: symbolPathOf(call), qualifier: sink },
            data: { sink, algorithm: displayName(algorithm) },
          }
        : undefined;
    // A decipher reads what was encrypted before, with the cipher its writer chose: where the project is that writer,
    // its `createCipheriv` is reported; where another program is (a device's firmware, an old file format), the
    // finding could ask nothing of this code.
    case 'createCipheriv': {
      const reason = weakCipherReason(algorithm);
      return reason === undefined || (isEcb(algorithm) && isBlockPrimitive(view, call))
        ? undefined
        : {
            node: call,
            messageId: 'weakCipher',
            symbol: { path: symbolPathOf(call), qualifier: sink },
            data: { sink, algorithm, reason },
          };
    }
    default:
      return undefined;
  }
}

/** `md5(password)` from the `md5`, `blueimp-md5`, `js-md5` or `sha1` packages. */
function checkHashModuleCall(
  view: ProjectView,
  call: CallExpression,
  bindings: ModuleBindings,
): FindingDraft<MessageId> | undefined {
  if (bindings.whole.size === 0) return undefined;
  const callee = skipOuterExpressions(call.getExpression());
  if (!isWholeModule(callee, bindings)) return undefined;
  const algorithm = /sha1/i.test(callee.getText()) ? 'sha1' : 'md5';
  return checkHashUse(view, call, `${callee.getText()}()`, algorithm, brokenUseWordOf, call.getArguments());
}

/** `CryptoJS.MD5(x)`, `CryptoJS.SHA1(x)`, `CryptoJS.DES.encrypt(...)`. */
function checkCryptoJsCall(
  view: ProjectView,
  call: CallExpression,
  bindings: ModuleBindings,
): FindingDraft<MessageId> | undefined {
  if (bindings.whole.size === 0) return undefined;
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipOuterExpressions(callee.getExpression());
  if (isWholeModule(receiver, bindings)) {
    const name = callee.getName();
    if (name === 'MD5' || name === 'SHA1')
      return checkHashUse(view, call, `CryptoJS.${name}()`, name.toLowerCase(), brokenUseWordOf, call.getArguments());
    if (name === 'HmacMD5')
      return checkHashUse(view, call, 'CryptoJS.HmacMD5()', 'md5', passwordWordOf, call.getArguments());
    return undefined;
  }
  if (
    Node.isPropertyAccessExpression(receiver) &&
    isWholeModule(receiver.getExpression(), bindings) &&
    callee.getName() === 'encrypt'
  ) {
    const cipher = receiver.getName();
    const reason = weakCipherReason(cipher);
    return reason === undefined
      ? undefined
      : {
          node: call,
          messageId: 'weakCipher',
          symbol: { path: symbolPathOf(call), qualifier: `CryptoJS.${cipher}` },
          data: { sink: `CryptoJS.${cipher}.encrypt()`, algorithm: cipher, reason },
        };
  }
  return undefined;
}

/** `crypto.createHash(...)` on the global `crypto` object (no import in the file). */
function getGlobalCryptoCall(view: ProjectView, call: CallExpression): string | undefined {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const receiver = skipOuterExpressions(callee.getExpression());
  if (!Node.isIdentifier(receiver) || receiver.getText() !== 'crypto') return undefined;
  return isEnvironmentName(view, receiver) ? callee.getName() : undefined;
}

/** The algorithm named by the first argument, when it is a literal or a constant. */
function getAlgorithm(view: ProjectView, call: CallExpression): string | undefined {
  const [first] = call.getArguments();
  if (first === undefined) return undefined;
  const node = skipOuterExpressions(first);
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralText();
  if (Node.isIdentifier(node)) {
    const [declaration] = settledDeclarationsOf(view, node);
    if (declaration !== undefined && Node.isVariableDeclaration(declaration)) {
      const initializer = declaration.getInitializer();
      if (
        initializer !== undefined &&
        (Node.isStringLiteral(initializer) || Node.isNoSubstitutionTemplateLiteral(initializer))
      )
        return initializer.getLiteralText();
    }
  }
  return undefined;
}

/** Why a cipher is weak, or undefined when it is not. */
function weakCipherReason(algorithm: string): string | undefined {
  const lower = algorithm.toLowerCase();
  if (/^(?:des|tripledes|des-ede|des3)/.test(lower))
    return 'DES and Triple DES have 64-bit blocks and short keys, and are withdrawn for new use';
  if (/^rc4/.test(lower)) return 'RC4 has biased output that reveals the plaintext';
  if (/^rc2|^bf|^blowfish|^cast|^idea|^seed/.test(lower))
    return 'its 64-bit blocks repeat after a few gigabytes of data, which leaks plaintext';
  if (isEcb(lower)) return 'ECB mode encrypts equal blocks to equal ciphertext, so patterns in the data show through';
  return undefined;
}

/** True for a cipher in ECB mode (`aes-256-ecb`). */
function isEcb(algorithm: string): boolean {
  return /-ecb$|^ecb/i.test(algorithm);
}

/**
 * True when a cipher is used as a block function, never finished: every use of it is a method call, `update` among
 * them and `final` not (`createCipheriv('aes-256-ecb', key, '').update(block)`, or the cipher held by a `const` of
 * the function and only so called). AES on a block the protocol gives is how a MAC, a key wrap or a counter mode is
 * built (RLPx's frame MAC: `aes(mac-secret, keccak256(…)[:16])`); nothing is padded or encrypted as a message, so
 * no pattern of a message shows through, and another mode would compute another value. A cipher passed on,
 * returned or finished is judged as a message's cipher.
 */
function isBlockPrimitive(view: ProjectView, call: CallExpression): boolean {
  const methods = methodsCalledOn(view, call);
  return methods !== undefined && methods.has('update') && !methods.has('final');
}

/** The methods called on the value of `node`, directly or through a `const` holding it; undefined for any other use. */
function methodsCalledOn(view: ProjectView, node: Node): Set<string> | undefined {
  let value: Node = node;
  while (Node.isParenthesizedExpression(value.getParent()) || Node.isAsExpression(value.getParent()))
    value = value.getParentOrThrow();
  const parent = value.getParent();
  if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === value) {
    const called = parent.getParent();
    if (!Node.isCallExpression(called) || called.getExpression() !== parent) return undefined;
    const name = parent.getName();
    // `setAutoPadding` returns the cipher itself: what is called on its result is called on the cipher.
    const more = name === 'setAutoPadding' ? methodsCalledOn(view, called) : new Set<string>();
    return more === undefined ? undefined : new Set([name, ...more]);
  }
  if (!Node.isVariableDeclaration(parent) || parent.getInitializer() !== value) return undefined;
  const nameNode = parent.getNameNode();
  const list = parent.getParent();
  if (!Node.isIdentifier(nameNode) || !Node.isVariableDeclarationList(list)) return undefined;
  if (list.getDeclarationKind() !== VariableDeclarationKind.Const) return undefined;
  const uses = syntacticUsesOf(view, parent.getSourceFile(), nameNode.compilerNode);
  if (uses === undefined || uses.reads.length === 0) return undefined;
  const methods = new Set<string>();
  for (const read of uses.reads) {
    const found = methodsCalledOn(view, read.node);
    if (found === undefined) return undefined;
    for (const method of found) methods.add(method);
  }
  return methods;
}

/** MD5, SHA-1 for messages. */
function displayName(algorithm: string): string {
  const lower = algorithm.toLowerCase().replace(/^rsa-/, '');
  if (lower.startsWith('sha')) return 'SHA-1';
  return lower.toUpperCase();
}

/**
 * A finding when a weak hash serves a purpose it fails at: the data hashed, the name the
 * result is stored under or returned as, or the enclosing function's name has a word `wordOf`
 * finds (a password, a signature; for HMAC over MD4 or MD2 any security word), and neither the
 * result's name nor the function's name says it is a checksum, cache key, ETag or file hash.
 */
function checkHashUse(
  view: ProjectView,
  call: CallExpression,
  sink: string,
  algorithm: string,
  wordOf: (name: string) => string | undefined,
  dataArgs?: readonly Node[],
): FindingDraft<MessageId> | undefined {
  if (isBranchOfNamedAlgorithm(call, algorithm)) return undefined;
  const chain = getChain(call);
  const direct = findSecurityContext(chain.top, call, [...(dataArgs ?? []), ...chain.updates], wordOf);
  if (direct !== undefined)
    return isChosenElsewhere(call) ? undefined : hashDraft(call, sink, algorithm, direct.candidate, direct.word, []);
  for (const site of wrapperCallSites(view, chain.top)) {
    const context = findSecurityContext(site, site, site.getArguments(), wordOf);
    if (context === undefined || isChosenElsewhere(site)) continue;
    const wrapper = describeWrapper(site);
    return hashDraft(call, sink, algorithm, context.candidate, context.word, [
      { note: `\`${wrapper}\` hashes \`${context.candidate}\` here`, node: site },
    ]);
  }
  return undefined;
}

/**
 * The word (found by `wordOf`) that makes a hash's use one it fails at: in the data hashed, the name
 * the result is stored under, or the enclosing function's name; undefined when none has one
 * or when the result's or function's name says checksum, cache key, ETag or file hash.
 */
function findSecurityContext(
  result: Node,
  where: Node,
  data: readonly Node[],
  wordOf: (name: string) => string | undefined,
): { candidate: string; word: string } | undefined {
  const resultName = getResultName(result);
  const functionName = getEnclosingFunctionName(where);
  if (resultName !== undefined && NON_SECURITY_NAMES.has(resultName)) return undefined;
  if ([resultName, functionName].some((n) => n !== undefined && splitWords(n).some((w) => NON_SECURITY_WORDS.has(w))))
    return undefined;
  const candidates = [...data.flatMap(namesIn), resultName, functionName].filter((n): n is string => n !== undefined);
  for (const candidate of candidates) {
    const word = wordOf(candidate);
    if (word !== undefined) return { candidate, word };
  }
  return undefined;
}

/** Words of a function's name by which its authors say it is weak on purpose (`md5PasswordUnsafe`). */
const ACKNOWLEDGED_WORDS = new Set(['unsafe', 'insecure', 'legacy', 'deprecated', 'weak']);
/**
 * Words of a function's name that name an authentication protocol whose specification fixes the hash for both
 * sides: CRAM-MD5 (RFC 2195), APOP (RFC 1939), NTLM (`_actionAUTH_CRAM_MD5`, `ntlmResponse`).
 */
const PROTOCOL_WORDS = new Set(['cram', 'apop', 'ntlm']);
/** Node's `crypto` functions that encrypt, and those that decrypt. */
const ENCRYPTING = new Set(['createCipheriv', 'createCipher', 'publicEncrypt', 'privateEncrypt']);
const DECRYPTING = new Set(['createDecipheriv', 'createDecipher', 'privateDecrypt', 'publicDecrypt']);

/**
 * True when the hash at `where` follows a choice made elsewhere, so the finding would tell its authors nothing
 * they can act on here: the function around it only decrypts (it derives the key of data another program
 * encrypted, as ssh2 reads OpenSSH's and PuTTY's legacy key files, whose formats fix MD5 and SHA-1; where the
 * project encrypts with such a key, the encrypting function is reported), or its name already says it is weak
 * (`md5PasswordUnsafe`, `legacyHash`) or names a protocol that fixes the hash (`_actionAUTH_CRAM_MD5`).
 */
function isChosenElsewhere(where: Node): boolean {
  const fn = where.getFirstAncestor(isFunctionLike);
  if (fn === undefined) return false;
  const name = getEnclosingFunctionName(where);
  if (name !== undefined && splitWords(name).some((word) => ACKNOWLEDGED_WORDS.has(word) || PROTOCOL_WORDS.has(word)))
    return true;
  let decrypts = false;
  for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = skipOuterExpressions(call.getExpression());
    const called = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    if (ENCRYPTING.has(called)) return false;
    if (DECRYPTING.has(called)) decrypts = true;
  }
  return decrypts;
}

/**
 * True when the code at `where` runs only in a branch chosen by comparing a value with a string that names its
 * algorithm (`if (oauth.oauth_signature_method === 'RSA-SHA1')`, `case 'md5':`, `alg === 'sha1' ? … : …`): it
 * implements the algorithm a protocol's field or a setting names (OAuth 1.0a's `RSA-SHA1`, HTTP Digest's `MD5-sess`),
 * and the choice is made where that value is set. Changing the hash here would only break the protocol for the party
 * that asked for it.
 */
function isBranchOfNamedAlgorithm(where: Node, algorithm: string): boolean {
  const wanted = algorithmKey(algorithm);
  let child: ts.Node = where.compilerNode;
  for (let at = child.parent; !ts.isSourceFile(at); child = at, at = at.parent) {
    if (ts.isIfStatement(at) && child === at.thenStatement && testsForName(at.expression, wanted)) return true;
    if (ts.isConditionalExpression(at) && child === at.whenTrue && testsForName(at.condition, wanted)) return true;
    if (ts.isCaseClause(at) && child !== at.expression && namesAlgorithm(at.expression, wanted)) return true;
    // A declared function or method runs wherever it is called, whatever branch it is written in.
    if (ts.isFunctionDeclaration(at) || ts.isMethodDeclaration(at)) return false;
  }
  return false;
}

/** `x === 'RSA-SHA1'` (either side, `==` too), alone or as one operand of `&&`. */
function testsForName(condition: ts.Expression, wanted: string): boolean {
  const test = skipOuterCompilerExpressions(condition);
  if (!ts.isBinaryExpression(test)) return false;
  const operator = test.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken)
    return testsForName(test.left, wanted) || testsForName(test.right, wanted);
  if (operator !== ts.SyntaxKind.EqualsEqualsEqualsToken && operator !== ts.SyntaxKind.EqualsEqualsToken) return false;
  return namesAlgorithm(test.left, wanted) || namesAlgorithm(test.right, wanted);
}

/** A string literal whose letters and digits hold the algorithm's (`'RSA-SHA1'`, `'HMAC-SHA1'` for `sha1`). */
function namesAlgorithm(node: ts.Expression, wanted: string): boolean {
  const literal = skipOuterCompilerExpressions(node);
  return ts.isStringLiteralLike(literal) && algorithmKey(literal.text).includes(wanted);
}

/** An algorithm's name as letters and digits, lower case, without an `RSA-` prefix: `sha1` for `RSA-SHA-1`. */
function algorithmKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/^rsa(?=.)/, '');
}

/** The finding for a weak hash used for a security purpose. */
function hashDraft(
  call: CallExpression,
  sink: string,
  algorithm: string,
  candidate: string,
  word: string,
  evidence: EvidenceDraft[],
): FindingDraft<MessageId> {
  return {
    node: call,
    messageId: 'weakHash',
    symbol: { path: symbolPathOf(call), qualifier: `${sink}:${candidate}` },
    data: {
      sink,
      algorithm: displayName(algorithm),
      context: candidate,
      advice: PASSWORD_WORDS.has(word)
        ? 'hash passwords with `crypto.scrypt` (or argon2 or bcrypt) and a random salt'
        : 'use `sha256` or stronger, and HMAC-SHA-256 for a keyed hash',
    },
    evidence,
  };
}

/**
 * Calls, in the same file, of a hash wrapper (`function md5(s) { return createHash('md5').update(s).digest('hex') }`):
 * the function whose return value the hash chain is. Empty when the chain is not returned.
 */
function wrapperCallSites(view: ProjectView, top: Node): CallExpression[] {
  const parent = top.getParent();
  const fn = Node.isReturnStatement(parent)
    ? parent.getFirstAncestor(isFunctionLike)
    : Node.isArrowFunction(parent)
      ? parent
      : undefined;
  return fn === undefined ? [] : callSitesInOwnFile(view, fn);
}

/** `md5()` for a call of a wrapper named md5. */
function describeWrapper(site: CallExpression): string {
  return `${site.getExpression().getText()}()`;
}

/**
 * True when everything a hash reads is `crypto.randomBytes` output
 * (oauth2-server's `randomBytes(256).then((buffer) => createHash('sha1').update(buffer)…)`):
 * nobody chooses its input, so neither collisions nor preimages give anyone
 * anything, and the digest is as unpredictable as the bytes.
 */
function hashesRandomBytesOnly(view: ProjectView, call: CallExpression, crypto: ModuleBindings): boolean {
  const { updates } = getChain(call);
  return updates.length > 0 && updates.every((data) => isRandomBytes(view, data, crypto));
}

/**
 * `randomBytes(n)` of `crypto` (or its promise form, `promisify(crypto.randomBytes)`), a `const` given it, or the
 * buffer it hands a callback: `randomBytes(n).then((buffer) => …)`, `randomBytes(n, (err, buffer) => …)`, where
 * the callback never assigns the parameter.
 */
function isRandomBytes(view: ProjectView, data: Node, crypto: ModuleBindings): boolean {
  const node = skipOuterExpressions(data);
  if (Node.isCallExpression(node)) return isRandomBytesCall(node, crypto, 1);
  if (!Node.isIdentifier(node)) return false;
  const declarations = settledDeclarationsOf(view, node);
  const [declaration] = declarations;
  if (declarations.length !== 1 || declaration === undefined) return false;
  if (Node.isVariableDeclaration(declaration)) {
    const list = declaration.getParent();
    const initializer = declaration.getInitializer();
    if (!Node.isVariableDeclarationList(list) || list.getDeclarationKind() !== VariableDeclarationKind.Const)
      return false;
    const value = initializer === undefined ? undefined : skipOuterExpressions(initializer);
    const call = Node.isAwaitExpression(value) ? skipOuterExpressions(value.getExpression()) : value;
    return Node.isCallExpression(call) && isRandomBytesCall(call, crypto, 1);
  }
  if (!Node.isParameterDeclaration(declaration) || !Node.isIdentifier(declaration.getNameNode())) return false;
  const fn = declaration.getParent();
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return false;
  const index = fn.getParameters().indexOf(declaration);
  const taker = fn.getParent();
  if (!Node.isCallExpression(taker) || !taker.getArguments().includes(fn)) return false;
  // Never written in the callback (`bytes = Buffer.from(email)`), told from the file's reference index.
  const { pos, end } = fn.compilerNode;
  const written = view.references
    .occurrencesIn(fn.getSourceFile(), declaration.getName())
    .some((o) => o.role === 'name' && o.access !== 'read' && o.compilerNode.pos >= pos && o.compilerNode.end <= end);
  if (written) return false;
  // `randomBytes(n, (err, buffer) => …)`: the buffer is the second parameter of the last argument.
  if (isRandomBytesCall(taker, crypto, 2)) return index === 1 && taker.getArguments()[1] === fn;
  // `randomBytes(n).then((buffer) => …)`: the first parameter of `then`'s first argument.
  const callee = taker.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== 'then' || taker.getArguments()[0] !== fn)
    return false;
  const promised = skipOuterExpressions(callee.getExpression());
  return index === 0 && Node.isCallExpression(promised) && isRandomBytesCall(promised, crypto, 1);
}

/** `randomBytes(…)` of `crypto` with `count` arguments, none spread. */
function isRandomBytesCall(call: CallExpression, crypto: ModuleBindings, count: number): boolean {
  const args = call.getArguments();
  return (
    args.length === count &&
    !args.some((a) => Node.isSpreadElement(a)) &&
    getCalledExport(call, crypto) === 'randomBytes'
  );
}

/** The outermost call of a `createHash(...).update(x).digest()` chain, and the arguments of its `update` calls. */
function getChain(call: CallExpression): { top: Node; updates: Node[] } {
  let top: Node = call;
  const updates: Node[] = [];
  for (;;) {
    const access = top.getParent();
    if (!Node.isPropertyAccessExpression(access) || access.getExpression() !== top) break;
    const next = access.getParent();
    if (!Node.isCallExpression(next) || next.getExpression() !== access) break;
    if (access.getName() === 'update') updates.push(...next.getArguments());
    top = next;
  }
  const holder = top.getParent();
  if (Node.isVariableDeclaration(holder)) {
    const name = holder.getNameNode();
    if (Node.isIdentifier(name)) updates.push(...updatesThrough(name));
  }
  return { top, updates };
}

/** Arguments of `h.update(...)` calls on a variable holding a hash object. */
function updatesThrough(name: Node): Node[] {
  const out: Node[] = [];
  if (!Node.isIdentifier(name)) return out;
  const scope = name.getFirstAncestor((a) => isFunctionLike(a) || Node.isSourceFile(a));
  if (scope === undefined) return out;
  for (const access of scope.getDescendantsOfKind(SyntaxKind.PropertyAccessExpression)) {
    if (access.getName() !== 'update' || access.getExpression().getText() !== name.getText()) continue;
    const call = access.getParent();
    if (Node.isCallExpression(call)) out.push(...call.getArguments());
  }
  return out;
}

/** The name the hash result is stored under or returned as. */
function getResultName(top: Node): string | undefined {
  let node = top;
  let parent = node.getParent();
  while (
    parent !== undefined &&
    (Node.isParenthesizedExpression(parent) || Node.isAwaitExpression(parent) || Node.isAsExpression(parent))
  ) {
    node = parent;
    parent = node.getParent();
  }
  if (parent === undefined) return undefined;
  if (Node.isVariableDeclaration(parent) || Node.isPropertyAssignment(parent) || Node.isPropertyDeclaration(parent))
    return getStoredName(parent);
  if (Node.isBinaryExpression(parent) && parent.getRight() === node) return getStoredName(parent.getLeft());
  return undefined;
}

/** The name of the nearest enclosing named function. */
function getEnclosingFunctionName(node: Node): string | undefined {
  for (const ancestor of node.getAncestors()) {
    if (!isFunctionLike(ancestor)) continue;
    const name = functionNameOf(ancestor);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** Identifier and property names inside an argument (`user.password` → user, password; `a + salt` → a, salt). */
function namesIn(node: Node): string[] {
  const names: string[] = [];
  const visit = (n: Node): void => {
    if (Node.isIdentifier(n)) names.push(n.getText());
    else if (Node.isStringLiteral(n) || isFunctionLike(n)) return;
    n.forEachChild(visit);
  };
  visit(node);
  return names;
}
