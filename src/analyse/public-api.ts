import { Node } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { ProjectView, PublicApi } from '../model/project-view.js';

const SOURCE_EXTENSIONS: Record<string, readonly string[]> = {
  '.js': ['.ts', '.tsx', '.js', '.jsx'],
  '.mjs': ['.mts', '.mjs'],
  '.cjs': ['.cts', '.cjs'],
  '.d.ts': ['.ts', '.tsx'],
  '.d.mts': ['.mts'],
  '.d.cts': ['.cts'],
  '.ts': ['.ts'],
  '.tsx': ['.tsx'],
  '.mts': ['.mts'],
  '.cts': ['.cts'],
  '.jsx': ['.jsx', '.tsx'],
  '': ['.ts', '.tsx', '.js', '/index.ts', '/index.js'],
};

/**
 * Finds the project's entry points and what they export. Entry points are,
 * in order: the configured `entryPoints` setting; package.json `exports`,
 * `main`, `module`, `types`/`typings` and `bin`, mapped back from build
 * output to sources; else `index.ts` or `src/index.ts` at the root.
 */
export function buildPublicApi(view: ProjectView): PublicApi {
  const entryPoints = findEntryPoints(view);
  const exported = new Set<Node>();
  const seenFiles = new Set<SourceFile>();
  for (const entry of entryPoints) collectExports(entry, exported, seenFiles);
  const names = entryPoints.map((f) => view.relativePath(f));
  const description = names.length === 0 ? 'no entry point' : names.length <= 2 ? names.join(' and ') : `${names.slice(0, 2).join(', ')} and ${String(names.length - 2)} more`;
  return {
    entryPoints,
    description,
    isExported: (declaration) => exported.has(declaration),
  };
}

/** Adds every declaration exported by a file, following re-exports and `export * as ns`. */
function collectExports(file: SourceFile, exported: Set<Node>, seenFiles: Set<SourceFile>): void {
  if (seenFiles.has(file)) return;
  seenFiles.add(file);
  for (const declarations of file.getExportedDeclarations().values()) {
    for (const declaration of declarations) {
      if (Node.isSourceFile(declaration)) collectExports(declaration, exported, seenFiles);
      else exported.add(declaration);
    }
  }
}

function findEntryPoints(view: ProjectView): SourceFile[] {
  const configured = stringList(view.settings['entryPoints']);
  const candidates = configured.length > 0 ? configured : packageEntryPaths(view.packageJson);
  const found = new Set<SourceFile>();
  for (const path of candidates) {
    const file = sourceFor(view, path);
    if (file !== undefined) found.add(file);
  }
  if (found.size === 0 && configured.length === 0) {
    for (const conventional of ['index.ts', 'src/index.ts', 'index.tsx', 'src/index.tsx', 'index.js', 'src/index.js', 'index.mts', 'src/index.mts']) {
      const file = view.files.find((f) => view.relativePath(f) === conventional);
      if (file !== undefined) {
        found.add(file);
        break;
      }
    }
  }
  return [...found].sort((a, b) => (view.relativePath(a) < view.relativePath(b) ? -1 : 1));
}

/** Every path named by package.json's entry fields. */
function packageEntryPaths(pkg: Readonly<Record<string, unknown>> | undefined): string[] {
  if (pkg === undefined) return [];
  const out: string[] = [];
  collectStrings(pkg['exports'], out);
  for (const key of ['main', 'module', 'types', 'typings', 'bin', 'browser']) collectStrings(pkg[key], out);
  return out.filter((p) => !p.includes('*') && !p.endsWith('.json'));
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) collectStrings(item, out);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Maps a path from package.json (often build output such as `dist/index.js`)
 * back to a source file: through the tsconfig's outDir/rootDir first, then by
 * trying the path's trailing segments under the root and under `src/`.
 */
function sourceFor(view: ProjectView, path: string): SourceFile | undefined {
  const clean = path.replace(/^\.\//, '');
  const options = view.project.getCompilerOptions();
  const bases: string[] = [];
  const outDir = options.outDir === undefined ? undefined : view.relativePath(options.outDir);
  const rootDir = options.rootDir === undefined ? undefined : view.relativePath(options.rootDir);
  if (outDir !== undefined && (clean === outDir || clean.startsWith(`${outDir}/`))) {
    bases.push(joinPosix(rootDir ?? '', clean.slice(outDir.length + 1)));
  }
  bases.push(clean);
  const segments = clean.split('/');
  for (let i = 1; i < segments.length; i++) {
    const tail = segments.slice(i).join('/');
    bases.push(tail, joinPosix('src', tail));
  }
  const byPath = new Map(view.files.map((f) => [view.relativePath(f), f]));
  for (const base of bases) {
    const [stem, ext] = splitExtension(base);
    for (const replacement of SOURCE_EXTENSIONS[ext] ?? []) {
      const file = byPath.get(stem + replacement);
      if (file !== undefined) return file;
    }
  }
  return undefined;
}

function splitExtension(path: string): [string, string] {
  for (const ext of ['.d.ts', '.d.mts', '.d.cts', '.js', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.jsx']) {
    if (path.endsWith(ext)) return [path.slice(0, -ext.length), ext];
  }
  return [path, ''];
}

function joinPosix(a: string, b: string): string {
  return a === '' || a === '.' ? b : `${a}/${b}`;
}
