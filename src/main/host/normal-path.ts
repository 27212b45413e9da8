/**
 * Paths that are already normal, recognised without normalizing them. `join` and `resolve` walk
 * every character of their result again; a diagnosis joins a few dozen long profile paths, which
 * was enough for V8 to optimize that loop on a background thread in every new process (measured
 * on the practice PC: ~7 ms of CPU in a ~170 ms `diagnose`). What these functions accept is
 * exactly what `join` and `resolve` would give back (normal-path.test.ts compares them).
 */
import path from 'node:path';

export type PathFlavour = 'posix' | 'win32';

/** An empty, `.` or `..` segment, or a separator at the end. */
const POSIX_NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)|.\/$/;
/** The same after the drive (`C:`), and any forward slash: Windows reads it as a separator. */
const WIN32_NOT_NORMAL = /\/|\\\\|\\\.\.?(?:\\|$)|.\\$/;
const WIN32_DRIVE_ROOT = /^[A-Za-z]:\\/;

/** The flavour of this machine's paths. */
export const HOST_FLAVOUR: PathFlavour = path.sep === '\\' ? 'win32' : 'posix';

/** Whether `p` is absolute and `resolve` would give it back unchanged. */
export function isNormalAbsolute(p: string, flavour: PathFlavour): boolean {
  return flavour === 'posix'
    ? p.startsWith('/') && !POSIX_NOT_NORMAL.test(p)
    : WIN32_DRIVE_ROOT.test(p) && !WIN32_NOT_NORMAL.test(p.slice(2));
}

/**
 * `join(...parts)` in `flavour`, joined by hand when that gives a normal absolute path and no
 * part is empty (`join` skips it: `C:` and an empty part join into `C:.`, not `C:\`).
 */
export function joinPath(parts: readonly string[], flavour: PathFlavour): string {
  const joined = parts.join(flavour === 'posix' ? '/' : '\\');
  return !parts.includes('') && isNormalAbsolute(joined, flavour)
    ? joined
    : path[flavour].join(...parts);
}
