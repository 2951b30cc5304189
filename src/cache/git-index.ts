/**
 * Whether git's index lists a path, read from the index file itself: asking git costs a cache hit about
 * 20 ms on this machine (Node's child_process module, the spawn, git's start), a sixth of the hit. Only the
 * index git writes by default is read here: versions 2 to 4, SHA-1, its checksum intact, no split or sparse
 * index. For anything else the answer is undefined and the caller asks git (src/cache/origin.ts). The format:
 * git's Documentation/gitformat-index.txt.
 */
import { createHash } from 'node:crypto';

const HEADER = 12;
const HASH = 20;
/** An entry's fixed part: ten 32-bit stat fields, the object name, the 16-bit flags. */
const FIXED = 40 + HASH + 2;
const EXTENDED = 0x4000;
const NAME_LENGTH = 0x0fff;
/** A name of ASCII bytes and the NUL that ends it, matched where it starts. */
// eslint-disable-next-line no-control-regex -- NUL ends a name in the index
const ASCII_NAME = /[\u0001-\u007f]*\u0000/y;

/**
 * True when the index lists any of `paths` (relative to the work tree, `/` between folders), compared as a
 * case-insensitive file system compares names (case and Unicode composition ignored, so a name such a file
 * system takes for one of them counts); false when it lists none; undefined when this is not an index read here.
 */
export function indexLists(index: Uint8Array, paths: readonly string[]): boolean | undefined {
  const bytes = Buffer.from(index.buffer, index.byteOffset, index.byteLength);
  if (bytes.length < HEADER + HASH || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  // DataView's readers, builtins of V8: Buffer's `readUInt16BE`, JavaScript with its checks, took 2 ms of 1,500 entries.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4);
  if (version < 2 || version > 4) return undefined;
  const end = bytes.length - HASH;
  const checksum = createHash('sha1').update(bytes.subarray(0, end)).digest();
  if (!checksum.equals(bytes.subarray(end))) return undefined; // SHA-256, index.skipHash, or not whole
  const wanted = new Set(paths.map(comparable));
  const lengths = new Set([...wanted].map((name) => name.length));
  // Names are read from one Latin-1 string of the whole index (a character a byte), each matched by one
  // regular expression that finds its end and tells whether it is ASCII: slicing and testing each name
  // took 2–4 ms of a hit on an index of 1,500 entries, this 0.4 ms. A name with a byte past ASCII is
  // decoded as UTF-8 and compared as a case-insensitive file system compares it.
  const text = bytes.toString('latin1', 0, end);
  const count = view.getUint32(8);
  let at = HEADER;
  let previous = '';
  let previousAscii = true;
  for (let i = 0; i < count; i++) {
    const entry = at;
    if (entry + FIXED > end) return undefined;
    const flags = view.getUint16(entry + FIXED - 2);
    const extended = (flags & EXTENDED) !== 0;
    if (extended && version < 3) return undefined;
    // A sparse index's folder entry: what it holds is known to git only.
    if ((view.getUint32(entry + 24) & 0o170000) === 0o040000) return undefined;
    let nameStart = entry + FIXED + (extended ? 2 : 0);
    let prefix = '';
    let prefixAscii = true;
    if (version === 4) {
      // The name is the previous one without its last `strip` bytes, then the bytes up to a NUL.
      const [strip, suffixStart] = varint(bytes, nameStart, end);
      if (strip === undefined || strip > previous.length) return undefined;
      prefix = previous.slice(0, previous.length - strip);
      prefixAscii = previousAscii;
      nameStart = suffixStart;
    }
    ASCII_NAME.lastIndex = nameStart;
    const ascii: boolean = prefixAscii && ASCII_NAME.test(text);
    const nul = ascii ? ASCII_NAME.lastIndex - 1 : text.indexOf('\u0000', nameStart);
    if (nul < 0) return undefined;
    const nameLength = prefix.length + nul - nameStart;
    // Version 4 writes no padding; the others end each name with one to eight NULs, to a multiple of eight bytes.
    at = version === 4 ? nul + 1 : entry + ((nameStart - entry + nameLength + 8) & ~7);
    const length = flags & NAME_LENGTH;
    if (at > end || (length < NAME_LENGTH ? length !== nameLength : nameLength < NAME_LENGTH)) return undefined;
    // An ASCII name matches only one of the same length (its lower case is as long), so most are never sliced.
    const mayMatch = !ascii || lengths.has(nameLength);
    const name = version === 4 || mayMatch ? prefix + text.slice(nameStart, nul) : '';
    if (mayMatch && wanted.has(comparable(ascii ? name : Buffer.from(name, 'latin1').toString('utf8')))) return true;
    previous = name;
    previousAscii = ascii;
  }
  // Extensions: a four-byte signature and a 32-bit size each, up to the checksum. A split index keeps entries
  // in another file (`link`); a sparse index folds folders into entries (`sdir`).
  while (at < end) {
    if (at + 8 > end) return undefined;
    const signature = bytes.toString('latin1', at, at + 4);
    if (signature === 'link' || signature === 'sdir') return undefined;
    at += 8 + view.getUint32(at + 4);
  }
  return at === end ? false : undefined;
}

/** A name as a case-insensitive file system compares it. */
export function comparable(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** git's offset varint (`decode_varint`) at `at`: its value and where it ends; undefined past `end` or too long. */
function varint(bytes: Buffer, at: number, end: number): [number | undefined, number] {
  let i = at;
  if (i >= end) return [undefined, i];
  let byte = bytes[i++] ?? 0;
  let value = byte & 0x7f;
  while ((byte & 0x80) !== 0) {
    if (i >= end || value > 0xffffff) return [undefined, i];
    byte = bytes[i++] ?? 0;
    value = (value + 1) * 128 + (byte & 0x7f);
  }
  return [value, i];
}
