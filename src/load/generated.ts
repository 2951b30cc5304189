/**
 * Generated and vendored code: written by a tool or copied from another
 * project, so style, documentation, type, naming and complexity findings
 * there would ask a reviewer to edit what nobody edits by hand.
 */

/** Folders whose files are generated or vendored by convention. */
const GENERATED_FOLDER = /(?:^|\/)(?:generated|__generated__|_generated|vendor|_vendor)\//;

/** How far into a file a generator's header is looked for. */
const HEADER_LENGTH = 2_000;

/**
 * Header lines generators write: Go's and most tools' "Code generated … DO NOT EDIT",
 * `@generated` (Meta, Relay, protobuf-ts), "File generated from …" (Stainless, OpenAPI
 * generators), protobuf loaders' `// Original file:`, and "auto-generated" notices.
 */
const GENERATED_HEADER = [
  /\bCode generated\b[^\n]*\bDO NOT EDIT\b/i,
  /@generated\b/,
  /^\s*(?:\/\/|\*|\/\*)\s*File generated (?:from|by)\b/im,
  /^\s*\/\/\s*Original file:/m,
  /\b(?:auto-?generated|automatically generated)\b[^\n]*\b(?:do not (?:edit|modify)|changes .* will be lost)\b/i,
];

/** True when a file is generated or vendored, by its folder or by a generator's header near its top. */
export function isGeneratedSource(relativePath: string, text: string): boolean {
  if (GENERATED_FOLDER.test(relativePath)) return true;
  const head = text.slice(0, HEADER_LENGTH);
  return GENERATED_HEADER.some((pattern) => pattern.test(head));
}

/** Sources of schema compilers that write a TypeScript or JavaScript module of the same name beside them. */
const SCHEMA_SOURCE_EXTENSIONS = ['.proto'];

/**
 * True when the file was compiled from a schema beside it: `peer.ts` next to
 * `peer.proto` is protons', ts-proto's or protobuf-ts's output, whatever its
 * header says (protons writes none). `exists` answers for absolute paths.
 */
export function isCompiledFromSchema(absolutePath: string, exists: (path: string) => boolean): boolean {
  const stem = absolutePath.replace(/\.[cm]?[jt]sx?$/, '');
  if (stem === absolutePath || /\.d$/.test(stem)) return false;
  return SCHEMA_SOURCE_EXTENSIONS.some((extension) => exists(stem + extension));
}
