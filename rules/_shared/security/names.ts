import { Node } from 'ts-morph';
import type { Identifier } from 'ts-morph';

import { splitWords } from '../identifier-style.js';

/** Words of an identifier, lower-cased: `resetToken` → reset, token; `DB_PASSWORD` → db, password. */

/** Head nouns that name a secret value on their own. */
const SECRET_NOUNS = new Set([
  'password',
  'passwords',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'nonce',
  'salt',
  'otp',
  'csrf',
  'xsrf',
  'apikey',
  'credential',
  'credentials',
  'totp',
  'hotp',
  'verifier',
]);

/** Qualifiers that turn a following `key` or `id` into a secret (`apiKey`, `sessionId`). */
const KEY_QUALIFIERS = new Set([
  'api',
  'secret',
  'private',
  'access',
  'auth',
  'session',
  'encryption',
  'signing',
  'crypto',
  'hmac',
  'master',
  'client',
  'license',
  // A product's serial or activation key unlocks it, as a license key does (`generateSerialKey`).
  'serial',
  'product',
  'activation',
]);

/** Qualifiers that make a following `code` a one-time secret (`resetCode`, `verificationCode`). */
const CODE_QUALIFIERS = new Set([
  'verification',
  'verify',
  'reset',
  'otp',
  'auth',
  'confirmation',
  'confirm',
  'security',
  'login',
  'recovery',
  'activation',
  'mfa',
  '2fa',
  'sms',
  'magic',
  'invite',
  'pairing',
  // Codes that are worth money to whoever types them first (`generateVoucherCode`, `giftCardCode`); a promo or
  // referral code is public by design.
  'voucher',
  'gift',
  'card',
  'redemption',
]);

/**
 * The secret this name is about, or undefined: its last word is a secret noun
 * (`resetToken`, `DB_PASSWORD`), or it ends in `key`/`id` qualified by a secret word
 * (`apiKey`, `sessionId`, `private_key`). `tokenLength`, `passwordField`, `cacheKey` and `id` are not.
 */
export function getSecretNoun(name: string): string | undefined {
  const words = splitWords(name);
  const last = words.at(-1);
  if (last === undefined) return undefined;
  if (SECRET_NOUNS.has(last)) return last;
  const before = words.at(-2);
  if (
    (last === 'key' || last === 'keys') &&
    before !== undefined &&
    (KEY_QUALIFIERS.has(before) || SECRET_NOUNS.has(before))
  )
    return `${before} ${last}`;
  if ((last === 'id' || last === 'ids') && before === 'session') return 'session id';
  if ((last === 'code' || last === 'pin') && before !== undefined && CODE_QUALIFIERS.has(before))
    return 'one-time code';
  if (last === 'sessionid') return 'session id';
  return undefined;
}

/** Security words that may appear anywhere in a function or variable name (`signRequest`, `verifyPassword`). */
const SECURITY_WORDS = new Set([
  ...SECRET_NOUNS,
  'signature',
  'sign',
  'signed',
  'signing',
  'auth',
  'authenticate',
  'authentication',
  'authorization',
  'authorize',
  'session',
  'login',
  'hmac',
  'jwt',
  'digest_auth',
]);

/** A security word in the name, or undefined (`hashPassword` → password; `cacheKey` → undefined). */
export function getSecurityWord(name: string): string | undefined {
  const words = splitWords(name);
  for (const word of words) if (SECURITY_WORDS.has(word)) return word;
  const secret = getSecretNoun(name);
  return secret;
}

/** The name a value is stored under: variable, property, parameter, or assignment target; undefined for other parents. */
export function getStoredName(target: Node): string | undefined {
  if (
    Node.isVariableDeclaration(target) ||
    Node.isPropertyAssignment(target) ||
    Node.isPropertyDeclaration(target) ||
    Node.isParameterDeclaration(target) ||
    Node.isShorthandPropertyAssignment(target) ||
    Node.isBindingElement(target)
  ) {
    const name = target.getNameNode();
    return Node.isIdentifier(name) || Node.isStringLiteral(name) || Node.isPrivateIdentifier(name)
      ? name.getText().replace(/^['"#]|['"]$/g, '')
      : undefined;
  }
  if (Node.isIdentifier(target)) return target.getText();
  if (Node.isPropertyAccessExpression(target)) return target.getName();
  if (Node.isElementAccessExpression(target)) {
    const arg = target.getArgumentExpression();
    return arg !== undefined && Node.isStringLiteral(arg) ? arg.getLiteralText() : undefined;
  }
  return undefined;
}

/** Display form of a secret noun: `api key` → API key, `otp` → one-time password. */
export function describeSecretNoun(noun: string): string {
  const special: Readonly<Record<string, string>> = {
    apikey: 'API key',
    otp: 'one-time password',
    totp: 'one-time password',
    hotp: 'one-time password',
    csrf: 'CSRF token',
    xsrf: 'CSRF token',
    verifier: 'PKCE code verifier',
    pwd: 'password',
    passwd: 'password',
    passwords: 'password',
    tokens: 'token',
    secrets: 'secret',
    credentials: 'credential',
  };
  return (
    special[noun] ??
    noun
      .replace(/\bapi\b/g, 'API')
      .replace(/\bhmac\b/g, 'HMAC')
      .replace(/ keys$/, ' key')
      .replace(/ ids?$/, ' ID')
  );
}

/** The identifier naming a function: its own name, or the variable it is assigned to. */
export function getFunctionNameNode(fn: Node): Identifier | undefined {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) {
    const name = fn.getNameNode();
    return name !== undefined && Node.isIdentifier(name) ? name : undefined;
  }
  const parent = fn.getParent();
  if (parent !== undefined && Node.isVariableDeclaration(parent)) {
    const name = parent.getNameNode();
    return Node.isIdentifier(name) ? name : undefined;
  }
  return undefined;
}
