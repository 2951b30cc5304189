/**
 * A cache file committed with the code under review is never used: whoever writes a pull request can compute
 * everything an entry is checked against, so such a file could serve a review with its findings left out.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitIn } from '../../test/support/git.js';
import { runCli } from '../../test/support/run-cli.js';
import type { CacheEntry } from './entry.js';
import { cacheRefusal } from './origin.js';
import { cacheFileFor } from './store.js';

const ROOT = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'review-bot-cache-origin-'));
const home = mkdtempSync(join(scratch, 'home-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A copy of the demo in a repository of its own, everything committed. */
function repository(name: string): string {
  const dir = join(scratch, name);
  cpSync(join(ROOT, 'fixtures', 'provider-tree'), dir, { recursive: true });
  gitIn(dir, home, ['init', '-q']);
  gitIn(dir, home, ['add', '.']);
  gitIn(dir, home, ['commit', '-qm', 'the demo']);
  return dir;
}

const findingsOf = (out: string): unknown[] => (JSON.parse(out) as { findings: unknown[] }).findings;

describe('a cache file git tracks', () => {
  it('is neither read nor written, so a forged entry committed with the code serves nothing', async () => {
    const project = repository('forged');
    const location = join(project, '.review-bot-cache');
    const args = [project, '--format', 'json', '--fail-on', 'never'];
    const uncached = await runCli(...args);
    expect(findingsOf(uncached.out).length).toBeGreaterThan(0);
    const cached = [...args, '--cache', '--cache-location', location];
    expect((await runCli(...cached)).out).toBe(uncached.out);

    // What a pull request's author can write: the entry as the run wrote it, every finding taken out.
    const file = cacheFileFor(location, project);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as CacheEntry;
    const forged = JSON.stringify({ ...entry, result: { ...entry.result, findings: [] } });
    writeFileSync(file, forged);
    // Untracked, as an earlier run or actions/cache leaves it, the file is trusted: what it says is served.
    expect(findingsOf((await runCli(...cached)).out)).toEqual([]);

    gitIn(project, home, ['add', '-f', file]);
    gitIn(project, home, ['commit', '-qm', 'a cache entry']);
    const run = await runCli(...cached);
    expect(run.out).toBe(uncached.out);
    expect(run.err).toBe(
      `review-bot: warning: cache ${file} not used: git tracks it or a folder on its path, so it came with the code under review, not from an earlier run; it is neither read nor written (untrack it with \`git rm --cached\` and list its folder in .gitignore)\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe(forged);
    expect(gitIn(project, home, ['status', '--porcelain'])).toBe('');
  });

  it('is refused when only added to the index, and when named by another case', async () => {
    const project = repository('added');
    const file = cacheFileFor(join(project, 'cache'), project);
    await runCli(project, '--fail-on', 'never', '--cache', '--cache-location', join(project, 'cache'));
    const options = { path: project, project: undefined, config: undefined };
    expect(await cacheRefusal(options, join(project, 'cache'))).toBeUndefined();
    gitIn(project, home, ['add', '-N', '-f', file]);
    expect(await cacheRefusal(options, join(project, 'cache'))).toContain('git tracks it');
    gitIn(project, home, ['rm', '-q', '--cached', file]);
    expect(await cacheRefusal(options, join(project, 'cache'))).toBeUndefined();
    // A case-insensitive file system reads `CACHE/…` for `cache/…`: a file git tracks by either name is refused.
    gitIn(project, home, [
      'update-index',
      '--add',
      '--cacheinfo',
      `100644,e69de29bb2d1d6434b8b29ae775ad8c2e48c5391,CACHE/${file.split('/').pop() ?? ''}`,
    ]);
    expect(await cacheRefusal(options, join(project, 'cache'))).toContain('git tracks it');
  });

  it("is refused when a link committed in the cache folder's place leads to it, in the repository or out of it", async () => {
    const project = repository('linked');
    const location = join(project, '.review-bot-cache');
    const options = { path: project, project: undefined, config: undefined };
    await runCli(project, '--fail-on', 'never', '--cache', '--cache-location', location);
    const name = cacheFileFor(location, project).split('/').pop() ?? '';
    // The entry moved to a folder the pull request commits, and the cache folder committed as a link to it.
    const elsewhere = join(project, 'elsewhere');
    renameSync(location, elsewhere);
    symlinkSync('elsewhere', location);
    expect(readFileSync(join(location, name), 'utf8')).toContain('"format"');
    expect(await cacheRefusal(options, location)).toBeUndefined(); // untracked, as a run leaves it
    gitIn(project, home, ['add', '-f', location]);
    expect(await cacheRefusal(options, location)).toContain('git tracks it or a folder on its path');
    // The link alone is committed, leading out of the repository to a file no commit holds.
    const outside = mkdtempSync(join(scratch, 'outside-'));
    renameSync(join(elsewhere, name), join(outside, name));
    rmSync(location);
    symlinkSync(outside, location);
    gitIn(project, home, ['add', '-f', location]);
    expect(gitIn(project, home, ['ls-files', '--', location])).toBe('.review-bot-cache');
    expect(await cacheRefusal(options, location)).toContain('git tracks it or a folder on its path');
    gitIn(project, home, ['rm', '-q', '--cached', location]);
    expect(await cacheRefusal(options, location)).toBeUndefined();
  });

  it('is refused when its folder is a repository the reviewed one commits (a submodule)', async () => {
    const project = repository('nested');
    const location = join(project, 'cache');
    const options = { path: project, project: undefined, config: undefined };
    await runCli(project, '--fail-on', 'never', '--cache', '--cache-location', location);
    // A repository of its own in the cache folder, its entry not tracked there; the reviewed repository commits it.
    gitIn(location, home, ['init', '-q']);
    gitIn(location, home, ['commit', '-q', '--allow-empty', '-m', 'empty']);
    expect(await cacheRefusal(options, location)).toBeUndefined();
    gitIn(project, home, ['add', 'cache']);
    expect(gitIn(project, home, ['ls-files', '--stage', '--', 'cache'])).toMatch(/^160000 /);
    expect(await cacheRefusal(options, location)).toContain('git tracks it or a folder on its path');
  });

  it('is refused, saying how to see why, when git cannot tell', async () => {
    const project = repository('broken');
    const location = join(project, 'cache');
    await runCli(project, '--fail-on', 'never', '--cache', '--cache-location', location);
    // A `.git` file naming a folder that does not exist: the index cannot be read, and git fails.
    rmSync(join(project, '.git'), { recursive: true });
    writeFileSync(join(project, '.git'), 'gitdir: ./nowhere\n![x](https://example.com/x.png) @someone\n');
    const file = cacheFileFor(location, project);
    const options = { path: project, project: undefined, config: undefined };
    expect(await cacheRefusal(options, location)).toBe(
      `cache ${file} not used: git could not say whether it is tracked (run \`git ls-files -- ${file.split('/').pop() ?? ''}\` in ${location} to see why)`,
    );
  });

  it('is refused when git does not answer, as when a pipe stands in the place of its index', async () => {
    const project = repository('piped');
    const location = join(project, 'cache');
    await runCli(project, '--fail-on', 'never', '--cache', '--cache-location', location);
    rmSync(join(project, '.git', 'index'));
    execFileSync('mkfifo', [join(project, '.git', 'index')]);
    const options = { path: project, project: undefined, config: undefined };
    const started = Date.now();
    expect(await cacheRefusal(options, location)).toMatch(/ not used: git could not say whether it is tracked /);
    expect(Date.now() - started).toBeLessThan(60_000); // git is stopped (after 5 s), not waited for
  });

  it('is not asked about outside a git work tree, nor when there is no cache file', async () => {
    const project = join(scratch, 'plain');
    cpSync(join(ROOT, 'fixtures', 'provider-tree'), project, { recursive: true });
    const options = { path: project, project: undefined, config: undefined };
    expect(await cacheRefusal(options, join(project, 'cache'))).toBeUndefined();
    await runCli(project, '--fail-on', 'never', '--cache', '--cache-location', join(project, 'cache'));
    expect(await cacheRefusal(options, join(project, 'cache'))).toBeUndefined();
  });
});
