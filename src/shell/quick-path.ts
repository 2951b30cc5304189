/**
 * Where the command's quick path ends (dist/hit.cjs, src/hit.ts). That bundle
 * is the command without its engine: the build (scripts/build.mjs) replaces
 * each `import()` of the engine's modules (the compiler, the rules, the
 * GitHub client, ESLint) with a call to `needEngine`, so a run it cannot
 * finish by itself stops at the first such import, before anything of it is
 * shown, and the entry runs the whole command instead (src/bin.ts).
 */

let needed = false;

/** Records that this run needs the engine, and stops it. */
export function needEngine(): never {
  needed = true;
  throw new Error('this run needs the engine (dist/engine.cjs)');
}

/** True once a run reached code the quick path does not carry. */
export function engineNeeded(): boolean {
  return needed;
}
