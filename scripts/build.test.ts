/**
 * scripts/build.mjs through esbuild's and Vite's JavaScript APIs: it must build with no `npx`
 * (nor anything else) on the PATH, as on Windows where npx is a .cmd file Node will not start
 * without a shell, and a failure must say so instead of ending silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
let out: string;

function runBuild(args: string[]) {
  return spawnSync(process.execPath, ['scripts/build.mjs', ...args], {
    cwd: repo,
    encoding: 'utf8',
    // Nothing to find on the PATH: a build that spawns npx (or a shell) fails here.
    env: { ...process.env, PATH: join(out, 'no-such-folder') },
  });
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'sfb-build-'));
});
afterAll(() => rm(out, { recursive: true, force: true }));

describe('scripts/build.mjs', () => {
  it('builds the command line, main, preload and the renderer without anything on the PATH', () => {
    const result = runBuild([`--out=${out}`]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('failed');
    for (const file of ['cli.cjs', 'main.cjs', 'preload.cjs', 'renderer/index.html'])
      expect(existsSync(join(out, file)), file).toBe(true);
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8');
    // Vite's output, with the relative asset URLs the app:// protocol serves.
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/);
    expect(readFileSync(join(out, 'main.cjs'), 'utf8')).toContain('require("electron")');
  }, 120_000);

  it('says that the build failed, and why, with a failing status', () => {
    const blocker = join(out, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = runBuild(['--only=cli', `--out=${join(blocker, 'dist')}`]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The build failed:');
    expect(result.stderr).toMatch(/a-file/);
  }, 60_000);
});
