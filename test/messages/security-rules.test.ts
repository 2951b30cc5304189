import { describe, expect, it } from 'vitest';
import { messagesFor } from './render.js';

// The security rules' messages on each of their forms, with the data the rules
// compute from real code: short and long snippets, articles, values as written.

describe('sql-injection messages', () => {
  it('quotes short and long data as code, cut at 60 characters with the one ellipsis every message uses, and says how the query is built', () => {
    expect(
      messagesFor('sql-injection', {
        'a.ts':
          "declare const db: { query(q: string): void };\nexport function f(id: string, req: { body: { name: string; veryLongPropertyNameThatGoesOnAndOn: { andOnAndOn: { untilItEnds: string } } } }) {\n  db.query(`SELECT * FROM t WHERE id = ${id}`);\n  db.query('SELECT * FROM t WHERE n = ' + req.body.name);\n  db.query(`SELECT * FROM t WHERE n = ${req.body.veryLongPropertyNameThatGoesOnAndOn.andOnAndOn.untilItEnds}`);\n}\n",
      }),
    ).toEqual([
      "3: `db.query` runs SQL built from `id` (line 3) by template interpolation. Pass `id` as a query parameter (a placeholder, `$1`, `?` or `:1` as the driver takes it, with a values array), or build the query with a tagged template such as Prisma's `$queryRaw`.",
      "4: `db.query` runs SQL built from `req.body.name` (line 4) by concatenation. Pass `req.body.name` as a query parameter (a placeholder, `$1`, `?` or `:1` as the driver takes it, with a values array), or build the query with a tagged template such as Prisma's `$queryRaw`.",
      "5: `db.query` runs SQL built from `req.body.veryLongPropertyNameThatGoesOnAndOn.andOnAndOn.unt…` (line 5) by template interpolation. Pass `req.body.veryLongPropertyNameThatGoesOnAndOn.andOnAndOn.unt…` as a query parameter (a placeholder, `$1`, `?` or `:1` as the driver takes it, with a values array), or build the query with a tagged template such as Prisma's `$queryRaw`.",
    ]);
  });
  it('gives no finding for a parameterised query', () => {
    expect(
      messagesFor('sql-injection', {
        'a.ts':
          "declare const db: { query(q: string, v: unknown[]): void };\nexport function f(id: string) {\n  db.query('SELECT * FROM t WHERE id = $1', [id]);\n}\n",
      }),
    ).toEqual([]);
  });
});

describe('command-injection messages', () => {
  it('words each shell form', () => {
    expect(
      messagesFor('command-injection', {
        'a.ts':
          "import { exec, spawn } from 'node:child_process';\nexport function f(name: string) {\n  exec('ls ' + name);\n  spawn('ls', [name], { shell: true });\n  spawn('sh', ['-c', `ls ${name}`]);\n}\n",
      }),
    ).toEqual([
      '3: `exec` runs a shell command built from `name` (line 3). Run the program with `execFile` or `spawn` and pass `name` in the argument array, without a shell.',
      '4: `spawn` with the `shell` option runs a command built from `name` (line 4). Drop the `shell` option and pass `name` as its own element of the argument array.',
      '5: `spawn` starts a shell whose script is built from `name` (line 5). Run the program itself instead of a shell, and pass `name` as its own element of the argument array.',
    ]);
  });
});

describe('code-injection messages', () => {
  it('words each code sink', () => {
    expect(
      messagesFor('code-injection', {
        'a.ts':
          "export function f(code: string) {\n  eval('x' + code);\n  setTimeout('run(' + code + ')', 10);\n  return new Function('a', 'return ' + code);\n}\n",
      }),
    ).toEqual([
      '2: `eval` compiles code built from `code` (line 2). Pass `code` as data (a parameter, `JSON.parse`, a lookup table) instead of compiling it into code.',
      '3: `setTimeout` is given a string built from `code` (line 3), which it compiles as code. Pass a function to `setTimeout` and give it `code` as an argument.',
      '4: `new Function` compiles code built from `code` (line 4). Pass `code` as data (a parameter, `JSON.parse`, a lookup table) instead of compiling it into code.',
    ]);
  });
});

describe('hardcoded-secret messages', () => {
  it('shows only a prefix of the secret, with its length or its format and the right article', () => {
    expect(
      messagesFor('hardcoded-secret', {
        'a.ts':
          "export const password = 'hunter2-correct-horse';\nexport const config = { apiToken: 'sk_live_abcdefghijklmnopqrstuvwx' };\nexport const gh = 'ghp_abcdefghijklmnopqrstuvwxyzABCDEF0123';\n",
      }),
    ).toEqual([
      '1: `password` is given a hardcoded password (`hunt\u2026`, 21 characters). Load `password` from the environment or a secret store at run time, and rotate the value that was committed.',
      '2: String literal holds a Stripe live key (`sk_l\u2026`). Revoke this Stripe live key, then load its replacement from the environment or a secret store at run time.',
      '3: String literal holds a GitHub token (`ghp_\u2026`). Revoke this GitHub token, then load its replacement from the environment or a secret store at run time.',
    ]);
  });
});

describe('insecure-randomness messages', () => {
  it('names what the random value makes and how it gets there', () => {
    expect(
      messagesFor('insecure-randomness', {
        'a.ts':
          'export function token() {\n  const token = Math.random().toString(36);\n  return token;\n}\nexport function makeSessionKey() { return String(Math.random()); }\nexport const password = Math.random().toString(36).slice(2);\n',
      }),
    ).toEqual([
      '2: `Math.random()` makes the token assigned to `token` (line 2), and its output can be predicted. Make the token with `crypto.randomBytes()`, `crypto.randomInt()`, `crypto.randomUUID()` or `crypto.getRandomValues()`.',
      '5: `Math.random()` makes the session key returned from `makeSessionKey` (line 5), and its output can be predicted. Make the session key with `crypto.randomBytes()`, `crypto.randomInt()`, `crypto.randomUUID()` or `crypto.getRandomValues()`.',
      '6: `Math.random()` makes the password assigned to `password` (line 6), and its output can be predicted. Make the password with `crypto.randomBytes()`, `crypto.randomInt()`, `crypto.randomUUID()` or `crypto.getRandomValues()`.',
    ]);
  });
});

describe('weak-crypto messages', () => {
  it('names the algorithm, the purpose and the advice', () => {
    expect(
      messagesFor('weak-crypto', {
        'a.ts':
          "import { createHash, createCipheriv, createSign, createCipher } from 'node:crypto';\nexport function f(password: string, key: Buffer, iv: Buffer) {\n  const hash = createHash('md5').update(password).digest('hex');\n  const c = createCipheriv('des-cbc', key, iv);\n  const s = createSign('RSA-SHA1');\n  const d = createCipher('aes-256-cbc', password);\n  const t = createHash('sha1').update(password).digest('hex');\n  return [hash, c, s, d, t];\n}\n",
      }),
    ).toEqual([
      "3: `createHash('md5')` hashes with MD5 for a security purpose (`password`), and MD5 is broken for that use. Replace MD5: hash passwords with `crypto.scrypt` (or argon2 or bcrypt) and a random salt.",
      "4: `createCipheriv('des-cbc')` encrypts with `des-cbc`: DES and Triple DES have 64-bit blocks and short keys, and are withdrawn for new use. Encrypt with `aes-256-gcm` and a fresh random IV from `crypto.randomBytes` for each message.",
      "5: `createSign('RSA-SHA1')` signs with SHA-1, whose collisions let one signature cover a second, forged document. Sign with `sha256` or stronger.",
      '6: `createCipher` derives its key from a password with one round of MD5 and uses no IV. Use `createCipheriv` with `aes-256-gcm`, a key from `crypto.scrypt` and a random IV.',
      "7: `createHash('sha1')` hashes with SHA-1 for a security purpose (`password`), and SHA-1 is broken for that use. Replace SHA-1: hash passwords with `crypto.scrypt` (or argon2 or bcrypt) and a random salt.",
    ]);
  });
});

describe('disabled-tls-verification messages', () => {
  it('quotes the value the variable is set to, as written', () => {
    expect(
      messagesFor('disabled-tls-verification', {
        'a.ts':
          "import https from 'node:https';\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nexport const agent = new https.Agent({ rejectUnauthorized: false });\nexport const opts = { strictSSL: false };\n",
      }),
    ).toEqual([
      "2: `NODE_TLS_REJECT_UNAUTHORIZED` is set to `'0'`, which turns off certificate verification for every TLS connection of the process. Remove this assignment; to trust a private certificate authority, set `NODE_EXTRA_CA_CERTS` or pass `ca` to the client.",
      '3: `rejectUnauthorized: false` accepts any TLS certificate, so the connection does not authenticate the server. Remove `rejectUnauthorized: false`; to trust a private certificate authority, pass its certificate in `ca`.',
      '4: `strictSSL: false` accepts any TLS certificate, so the connection does not authenticate the server. Remove `strictSSL: false`; to trust a private certificate authority, pass its certificate in `ca`.',
    ]);
  });
});
