// Whether a build output is newer than every file it is made from, so `npm start` and the
// browser tests rebuild only what changed. One list per output, used by both.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the renderer (dist/renderer) is built from. */
export const RENDERER_SOURCES = ['src/renderer', 'src/shared', 'vite.config.ts'];
/** What the served wizard's Node bundle (dist/served.cjs) is built from. */
export const SERVED_SOURCES = ['src/main', 'src/shared', 'src/preload', 'package-lock.json'];

function newestTime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestTime(join(path, name)));
  return newest;
}

/** True when `output` (relative to `root`) exists and is at least as new as all `sources`. */
export function isBuildFresh(root, output, sources) {
  const built = join(root, output);
  if (!existsSync(built)) return false;
  const newest = Math.max(
    0,
    ...sources
      .map((source) => join(root, source))
      .filter(existsSync)
      .map(newestTime),
  );
  return statSync(built).mtimeMs >= newest;
}
