/**
 * One writer at a time: a lock file in the engine's data folder, held while a process applies,
 * undoes, recovers or purges. It names its owner (PID and process start time), so a lock left
 * behind by a process that died is recognised and taken over, and a PID the system has since
 * given to another process is not mistaken for the owner.
 *
 * Within one process the engine's own queue orders the changes, so a lock written by this very
 * process (an engine that stopped half-way, as the crash tests simulate) is taken over too.
 *
 * The start time comes from /proc on Linux and from the host (GetProcessTimes on Windows,
 * `LockOptions.startTimeOf`). A lock broken because its process is gone or its PID reused is
 * reported through `notice`. A lock written on another computer (a data folder on a share)
 * cannot be checked from here: it is explained, and broken only when the user says so
 * (`breakForeign`: `--break-lock` on the command line).
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
// valibot, as in shared/errors.ts: a diagnosis loads this module.
import * as v from 'valibot';
import { AppError } from '../../shared/errors';
import { lazySchema } from '../../shared/model/lazy-schema';
import { dataFolderError, ensureDirectory, errnoOf, writeAllSync } from './durable-fs';

export const LOCK_FILE = 'engine.lock';

/** Built when a lock file is read: modules that import only LOCK_FILE do not build it. */
const ownerSchema = lazySchema(() =>
  v.object({
    pid: v.pipe(v.number(), v.safeInteger(), v.gtValue(0)),
    /** ISO 8601, when the owning process started. */
    processStartedAt: v.string(),
    host: v.string(),
    token: v.string(),
    acquiredAt: v.string(),
  }),
);
export type LockOwner = v.InferOutput<ReturnType<typeof ownerSchema>>;

/** A lock file that is still empty or torn this long after it was made belongs to nobody. */
const UNREADABLE_GRACE_MS = 10_000;
/** How far two readings of one process's start time may differ (clock ticks, rounding). */
const START_TIME_TOLERANCE_MS = 5_000;

function ownStartTime(): Date {
  return new Date(Date.now() - process.uptime() * 1000);
}

export interface LockOptions {
  /** When process `pid` started, where the host can tell (Windows); else /proc is read. */
  startTimeOf?: (pid: number) => Date | undefined;
  /** Take over a lock written on another computer (the user said that copy is not running). */
  breakForeign?: boolean;
  /** Told when a stale lock is broken, in plain words. */
  notice?: (message: string) => void;
}

/** Where the system can tell (Linux /proc), when process `pid` started; else `undefined`. */
function procStartTime(pid: number): Date | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; fields after it are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootLine = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((line) => line.startsWith('btime '));
    const boot = Number(bootLine?.slice(6));
    if (!Number.isFinite(ticks) || !Number.isFinite(boot)) return undefined;
    // USER_HZ is 100 on every Linux the product runs its tests on.
    return new Date(boot * 1000 + ticks * 10);
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errnoOf(error) === 'EPERM';
  }
}

/**
 * Whether the process that wrote `owner` still runs: `alive`, or why the lock is stale, or
 * `foreign` when it was written on another computer and cannot be checked from here.
 */
export function ownerState(
  owner: LockOwner,
  startTimeOf: (pid: number) => Date | undefined = procStartTime,
): 'alive' | 'foreign' | { stale: string } {
  if (owner.host !== hostname()) return 'foreign';
  const who = `process ${owner.pid}, started ${owner.processStartedAt}`;
  // This very process (see the header), or an earlier process that had the same PID.
  if (owner.pid === process.pid) return { stale: `${who}, is this process's own` };
  if (!isAlive(owner.pid)) return { stale: `${who}, is no longer running` };
  const started = startTimeOf(owner.pid);
  if (!started) return 'alive';
  return Math.abs(started.getTime() - Date.parse(owner.processStartedAt)) <= START_TIME_TOLERANCE_MS
    ? 'alive'
    : {
        stale: `${who}, ended; its process number now belongs to another program started ${started.toISOString()}`,
      };
}

function foreignError(path: string, owner: LockOwner): AppError {
  return new AppError(
    'file-locked',
    `The data folder is locked by SfB Sign-in Repair on another computer, "${owner.host}" (process ${owner.pid}, since ${owner.acquiredAt}); from here it cannot be told whether that copy still runs. Nothing was changed. If it no longer runs, break the lock: run the command again with --break-lock.`,
    { path, pid: owner.pid, lockHost: owner.host, lockedSince: owner.acquiredAt },
  );
}

function readOwner(path: string): LockOwner | 'unreadable' | 'absent' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return errnoOf(error) === 'ENOENT' ? 'absent' : 'unreadable';
  }
  try {
    const parsed = v.safeParse(ownerSchema(), JSON.parse(text));
    return parsed.success ? parsed.output : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

export interface HeldLock {
  owner: LockOwner;
  release(): void;
}

function busyError(path: string, owner: LockOwner | undefined): AppError {
  const who = owner
    ? `Another copy of SfB Sign-in Repair (process ${owner.pid}, started ${owner.processStartedAt}) is`
    : 'Another copy of SfB Sign-in Repair is';
  return new AppError(
    'file-locked',
    `${who} changing this PC right now. Nothing was changed; wait until it has finished, then try again.`,
    { path, ...(owner ? { pid: owner.pid } : {}) },
  );
}

/**
 * Moves a stale lock aside and deletes it, but only if it is still the one judged stale: two
 * processes that both found the same stale lock must not delete the fresh lock of the winner.
 */
function breakStaleLock(path: string, stale: LockOwner | 'unreadable'): void {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // Someone else moved it first.
  }
  const moved = readOwner(aside);
  const same =
    stale === 'unreadable'
      ? moved === 'unreadable'
      : typeof moved === 'object' && moved.token === stale.token;
  if (!same) {
    // It was a fresh lock: put it back (link fails if yet another lock appeared meanwhile).
    try {
      linkSync(aside, path);
    } catch {
      // Another process holds the lock now; the fresh one we moved was replaced by it.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already gone.
  }
}

/**
 * Whether another process (alive, or on another computer) holds the lock right now: its
 * unfinished run is in progress, not interrupted.
 */
export function lockedByAnother(dataDir: string, options: LockOptions = {}): boolean {
  const current = readOwner(join(dataDir, LOCK_FILE));
  if (current === 'absent') return false;
  if (current === 'unreadable') return true;
  const state = ownerState(current, options.startTimeOf ?? procStartTime);
  return state === 'alive' || state === 'foreign';
}

/**
 * Breaks the lock another computer holds, but only the one the user was shown (its computer and
 * since when) and only while the file still names it: the wizard's "Break the lock". Returns
 * false when no lock is left to break (a lock of a process here that is gone is taken over by
 * the next change anyway); throws `file-locked` when the lock is now someone else's.
 */
export function breakForeignLock(dataDir: string, shown: { host: string; since: string }): boolean {
  const path = join(dataDir, LOCK_FILE);
  const current = readOwner(path);
  if (current === 'absent') return false;
  if (current === 'unreadable') throw busyError(path, undefined);
  const state = ownerState(current);
  if (state === 'alive') throw busyError(path, current);
  if (state !== 'foreign') return false;
  if (current.host !== shown.host || current.acquiredAt !== shown.since) {
    throw foreignError(path, current);
  }
  breakStaleLock(path, current);
  return true;
}

/** Takes the lock of `dataDir` or throws `file-locked` naming the process that holds it. */
export function acquireDataLock(dataDir: string, options: LockOptions = {}): HeldLock {
  const path = join(dataDir, LOCK_FILE);
  try {
    ensureDirectory(dataDir);
  } catch (error) {
    throw dataFolderError('io', 'create the data folder', dataDir, error);
  }
  const owner: LockOwner = {
    pid: process.pid,
    processStartedAt: ownStartTime().toISOString(),
    host: hostname(),
    token: randomBytes(12).toString('hex'),
    acquiredAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if (errnoOf(error) !== 'EEXIST')
        throw dataFolderError('io', 'lock the data folder', path, error);
      const current = readOwner(path);
      if (current === 'absent') continue;
      if (current === 'unreadable') {
        // Being written right now, or torn by a crash: only old ones are broken.
        let age = 0;
        try {
          age = Date.now() - statSync(path).mtimeMs;
        } catch {
          continue;
        }
        if (age < UNREADABLE_GRACE_MS) throw busyError(path, undefined);
      } else {
        const state = ownerState(current, options.startTimeOf ?? procStartTime);
        if (state === 'alive') throw busyError(path, current);
        if (state === 'foreign' && !options.breakForeign) throw foreignError(path, current);
        options.notice?.(
          state === 'foreign'
            ? `The lock of SfB Sign-in Repair on "${current.host}" (process ${current.pid}) was broken, as asked.`
            : `A lock left by an earlier SfB Sign-in Repair (${state.stale}) was broken.`,
        );
      }
      breakStaleLock(path, current);
      continue;
    }
    try {
      writeAllSync(fd, Buffer.from(JSON.stringify(owner), 'utf8'));
      fsyncSync(fd);
    } catch (error) {
      closeSync(fd);
      unlinkSync(path);
      throw dataFolderError('io', 'lock the data folder', path, error);
    }
    closeSync(fd);
    return {
      owner,
      release() {
        const current = readOwner(path);
        if (typeof current === 'object' && current.token === owner.token && existsSync(path)) {
          unlinkSync(path);
        }
      },
    };
  }
  throw busyError(path, undefined);
}
