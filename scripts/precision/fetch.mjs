#!/usr/bin/env node
// Fetches a set of pinned npm packages (scripts/precision/sets.json) into .corpora/precision/<dir>/ for issue 10's
// precision measurement, as a clone of each project would look: its TypeScript sources, package.json, tsconfig
// files and README, with compiled output removed and dependencies installed. Never committed (.corpora/ is ignored).
//
// The reviewed code must never run: npm is always called with --ignore-scripts.
// Dependencies: the package's `dependencies` and `peerDependencies`, plus the `@types/*` of its devDependencies
// (so that Node and other ambient types resolve as they do for the project's own developers).
//
// Usage: node scripts/precision/fetch.mjs A|B|C [name ...]   (names filter the set; default: the whole set)
//        node scripts/precision/fetch.mjs --list A|B|C       (prints `dir<TAB>name@version<TAB>source` lines)
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const sets = JSON.parse(readFileSync(join(import.meta.dirname, 'sets.json'), 'utf8'));
const corpora = join(root, '.corpora', 'precision');

/** Top-level entries kept besides the source folder. */
const KEPT = /^(package\.json|tsconfig.*\.json|README.*|LICENSE.*)$/i;
/** Version specs npm cannot install outside the package's own monorepo (pnpm's `catalog:` too). */
const LOCAL_SPEC = /^(workspace|file|link|portal|catalog):/;
/** A version spec that is a dist-tag (`"typescript": "next"`, lance-gg@5.0.2's), not a range. */
const TAG_SPEC = /^[a-z][\w.-]*$/i;
/** Version specs that fetch from outside the registry (git, GitHub, a URL), which this machine cannot reach. */
const REMOTE_SPEC = /^(?:git\+|git:|github:|gitlab:|bitbucket:|https?:|[\w.-]+\/[\w.-]+(?:#|$))/;

main(process.argv.slice(2));

function main(args) {
  if (args[0] === '--list') {
    for (const entry of setOf(args[1])) console.log(`${dirOf(entry)}\t${specOf(entry)}\t${keptFolderOf(entry)}`);
    return;
  }
  const [setName, ...names] = args;
  const entries = setOf(setName).filter((e) => names.length === 0 || names.includes(e.name));
  for (const entry of entries) fetchPackage(entry);
}

/** The entries of a set of sets.json; exits on any other name. */
function setOf(name) {
  const set = sets[name];
  if (!Array.isArray(set)) {
    console.error(`unknown set: ${String(name)} (expected A, B or C)`);
    process.exit(2);
  }
  return set;
}

/** `@grpc/grpc-js` -> `grpc__grpc-js`: one folder level per package. */
function dirOf(entry) {
  return entry.name.replace(/^@/, '').replace('/', '__');
}

function specOf(entry) {
  return `${entry.name}@${entry.version}`;
}

/** Packs, unpacks, trims and installs one package, unless already done for the same spec. */
function fetchPackage(entry) {
  const spec = specOf(entry);
  const dest = join(corpora, dirOf(entry));
  const done = join(dest, '.done');
  if (existsSync(done) && readFileSync(done, 'utf8').trim() === spec) {
    console.log(`${spec}: already in ${dest}`);
    return;
  }
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'precision-'));
  try {
    const pkg = unpack(spec, scratch);
    for (const name of readdirSync(pkg)) {
      if (name === entry.source && !statSync(join(pkg, name)).isDirectory())
        throw new Error(`${spec}: ${entry.source} is a file; a set entry's source is the folder that holds the code`);
      if (name === entry.source) cpSync(join(pkg, name), join(dest, keptFolderOf(entry)), { recursive: true });
      else if (KEPT.test(name)) cpSync(join(pkg, name), join(dest, name), { recursive: true });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!existsSync(join(dest, keptFolderOf(entry))))
    throw new Error(`${spec}: no ${entry.source}/ folder in the tarball`);
  if (entry.keptAs !== undefined) renameInManifest(join(dest, 'package.json'), entry.source, entry.keptAs);
  install(dest);
  // The package's own tsconfig, and one its source folder carries (parjs@1.3.9's `src/tsconfig.json`, which a review
  // of that folder reads).
  for (const folder of [dest, join(dest, keptFolderOf(entry))])
    for (const name of readdirSync(folder))
      if (/^tsconfig.*\.json$/i.test(name)) detachMissingBase(join(folder, name), spec, entry.tsconfigBase);
  writeFileSync(done, spec + '\n');
  console.log(`${spec}: in ${dest}`);
}

/**
 * The folder the source is kept under: its own name, or `keptAs` for a package that ships only compiled output
 * (`dist/`, which review-bot skips as build output, like a clone's): its one-file-per-module JavaScript is then read
 * as `lib/`, the closest a clone of it can be had from the registry.
 */
function keptFolderOf(entry) {
  return entry.keptAs ?? entry.source;
}

/** Points the manifest's paths into the renamed folder (`./dist/index.js` → `./lib/index.js`). */
function renameInManifest(path, from, to) {
  if (!existsSync(path)) return;
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.replaceAll(`"./${from}/`, `"./${to}/`).replaceAll(`"${from}/`, `"${to}/`));
}

/**
 * A tsconfig that `extends` a file of the package's monorepo (`../../tsconfig.base.json`), absent from the tarball,
 * or a base of a package the install leaves out (a devDependency's `stylomatic/node-library.json`),
 * gets that file's `compilerOptions` inlined instead (`tsconfigBase` in sets.json, copied from the project's
 * repository), so the review sees the options a clone would (`allowJs` decides which files are analysed); without
 * `tsconfigBase` the `extends` is only dropped. Either way the review runs instead of stopping at exit 2.
 */
function detachMissingBase(path, spec, base) {
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error !== undefined || typeof config?.extends !== 'string') return;
  if (config.extends.startsWith('.') ? existsSync(resolve(dirname(path), config.extends)) : resolvesBase(path, config))
    return;
  console.log(`${spec}: ${path} extends ${config.extends}, which is not found; ${base ? 'inlined' : 'dropped'}`);
  delete config.extends;
  config.compilerOptions = { ...base?.compilerOptions, ...config.compilerOptions };
  writeFileSync(path, JSON.stringify(config, null, 2) + '\n');
}

/**
 * True when a tsconfig's `extends` of a package (`stylomatic/node-library.json`, `@tsconfig/node20`) resolves among the
 * installed dependencies: a devDependency's base is not installed (`install` takes runtime dependencies and `@types`).
 */
function resolvesBase(path, config) {
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(path), undefined, path);
  // TS6053: "File '…' not found."; TS5083: "Cannot read file '…'."
  return !parsed.errors.some((e) => e.code === 6053 || e.code === 5083);
}

/** Packs `spec` into `scratch`, unpacks it and returns the package's root folder. */
function unpack(spec, scratch) {
  const out = execFileSync('npm', ['pack', spec, '--silent', '--ignore-scripts', '--pack-destination', scratch], {
    encoding: 'utf8',
  });
  const tarball = out.trim().split('\n').pop();
  const into = join(scratch, 'unpacked');
  mkdirSync(into);
  execFileSync('tar', ['-xzf', join(scratch, tarball), '-C', into]);
  // npm names the tarball's root folder `package`, but installs any single root (ssh2's is `mscdex-ssh2-<sha>`).
  const [rootFolder] = readdirSync(into);
  return join(into, rootFolder);
}

/**
 * Installs runtime dependencies and dev `@types/*` with scripts disabled, through a temporary package.json that
 * lists only those, then puts the package's own package.json back (its entry points matter to the analysis).
 */
function install(dest) {
  const manifestPath = join(dest, 'package.json');
  const original = readFileSync(manifestPath, 'utf8');
  const manifest = JSON.parse(original);
  const dependencies = resolvable({
    ...installable(manifest.peerDependencies),
    ...installable(manifest.dependencies),
    ...installable(typesOnly(manifest.devDependencies)),
  });
  if (Object.keys(dependencies).length === 0) return;
  try {
    try {
      npmInstall(dest, dependencies);
    } catch (error) {
      // consolidate@1.0.4's 48 optional peers (the template engines it adapts) hold one no registry has (`fs@0.0.2`):
      // optional peers are what npm itself leaves out, so the install is tried again without them.
      const optional = Object.keys(manifest.peerDependenciesMeta ?? {}).filter(
        (name) => manifest.peerDependenciesMeta[name]?.optional === true && name in dependencies,
      );
      let remaining = dependencies;
      let failure = error;
      if (optional.length > 0) {
        console.error(
          `fetch: the install failed; tried again without the ${optional.length} optional peer dependencies`,
        );
        remaining = without(dependencies, optional);
        failure = failureOf(() => npmInstall(dest, remaining));
        if (failure === undefined) return;
      }
      // dbgate-api@4.1.9's `"http": "^0.0.0"` and @jsreport/jsreport-mssql-store's pinned versions match nothing the
      // registry has (ENOVERSIONS, ETARGET): npm stops the whole install at one; each is left out, and named.
      const missing = Object.keys(remaining).filter((name) => !hasVersion(name, remaining[name]));
      for (const name of missing)
        console.error(`fetch: ${name}@${remaining[name]} matches no version the registry has; left out of the install`);
      if (missing.length > 0) {
        remaining = without(remaining, missing);
        failure = failureOf(() => npmInstall(dest, remaining));
        if (failure === undefined) return;
      }
      installEachThatInstalls(dest, remaining, failure);
    }
  } finally {
    writeFileSync(manifestPath, original);
  }
}

/**
 * The last resort, when a dependency's own dependency names a version the registry does not have
 * (@jsreport/jsreport-mssql-store's `@jsreport/odata-to-sql@0.15.0`, through another of its packages): the
 * dependencies are added one at a time, each kept if the install with it succeeds, and each that fails named. Throws
 * `failure` when none installs.
 */
function installEachThatInstalls(dest, dependencies, failure) {
  const kept = {};
  for (const [name, spec] of Object.entries(dependencies)) {
    if (failureOf(() => npmInstall(dest, { ...kept, [name]: spec })) === undefined) kept[name] = spec;
    else
      console.error(`fetch: ${name}@${spec} does not install (a dependency of it is missing); left out of the install`);
  }
  if (Object.keys(kept).length === 0) throw failure;
  npmInstall(dest, kept);
}

/** `npm install` of `dependencies` in `dest`, its scripts never run. */
function npmInstall(dest, dependencies) {
  const manifest = { name: 'precision-corpus', private: true, dependencies };
  writeFileSync(join(dest, 'package.json'), JSON.stringify(manifest, null, 2));
  execFileSync(
    'npm',
    ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--legacy-peer-deps'],
    { cwd: dest, stdio: 'inherit' },
  );
}

function typesOnly(deps = {}) {
  return Object.fromEntries(Object.entries(deps).filter(([name]) => name.startsWith('@types/')));
}

/**
 * The dependencies without those given by a dist-tag the registry does not have, or fetched from git or a URL
 * (electric-sql's peer `wa-sqlite`, `rhashimoto/wa-sqlite#semver:^0.9.8`): npm stops the whole install at one of
 * them. Each one left out is named on standard error.
 */
function resolvable(deps) {
  return Object.fromEntries(
    Object.entries(deps).filter(([name, spec]) => {
      if (REMOTE_SPEC.test(String(spec))) {
        console.error(`fetch: ${name}@${spec} is fetched from outside the registry; left out of the install`);
        return false;
      }
      if (!TAG_SPEC.test(String(spec)) || spec === 'latest') return true;
      if (hasVersion(name, spec)) return true;
      console.error(`fetch: ${name}@${spec} is no version the registry has; left out of the install`);
      return false;
    }),
  );
}

/** The error `run` throws, or undefined when it returns. */
function failureOf(run) {
  try {
    run();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** True when the registry has a version of `name` that `spec` (a range or a dist-tag) takes. */
function hasVersion(name, spec) {
  const found = spawnSync('npm', ['view', `${name}@${spec}`, 'version'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '';
}

/** `dependencies` without the names listed. */
function without(dependencies, names) {
  return Object.fromEntries(Object.entries(dependencies).filter(([name]) => !names.includes(name)));
}

function installable(deps = {}) {
  return Object.fromEntries(Object.entries(deps).filter(([, range]) => !LOCAL_SPEC.test(String(range))));
}
