/**
 * Builds the renderer with Vite when its output is missing or older than its sources. Test
 * files run in parallel workers, so a lock folder makes sure only one of them builds.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isBuildFresh, RENDERER_SOURCES } from '../../scripts/build-freshness.mjs';
import { RENDERER_DIST, REPO_ROOT } from './paths';

const LOCK = join(REPO_ROOT, '.cache', 'renderer-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

function isFresh(): boolean {
  return isBuildFresh(
    REPO_ROOT,
    relative(REPO_ROOT, join(RENDERER_DIST, 'index.html')),
    RENDERER_SOURCES,
  );
}

async function acquireLock(): Promise<void> {
  await mkdir(join(REPO_ROOT, '.cache'), { recursive: true });
  const deadline = Date.now() + 3 * 60_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch {
      const age = Date.now() - (await stat(LOCK).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > LOCK_STALE_MS) await rm(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

let built: Promise<void> | undefined;

export function ensureRendererBuilt(): Promise<void> {
  built ??= (async () => {
    if (isFresh()) return;
    await acquireLock();
    try {
      if (isFresh()) return; // another worker built it while we waited
      const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
      const result = spawnSync(
        process.execPath,
        [vite, 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
        },
      );
      if (result.status !== 0) {
        throw new Error(`The renderer build failed:\n${result.stdout}\n${result.stderr}`);
      }
    } finally {
      await rm(LOCK, { recursive: true, force: true });
    }
  })();
  return built;
}
