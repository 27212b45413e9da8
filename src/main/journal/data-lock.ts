/**
 * One writer at a time: a lock file in the engine's data folder, held while a process applies,
 * undoes, recovers or purges. It names its owner (PID and process start time), so a lock left
 * behind by a process that died is recognised and taken over, and a PID the system has since
 * given to another process is not mistaken for the owner.
 *
 * Within one process the engine's own queue orders the changes, so a lock written by this very
 * process (an engine that stopped half-way, as the crash tests simulate) is taken over too.
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
import * as z from 'zod';
import { HostError } from '../host/host-error';
import { dataFolderError, ensureDirectory, errnoOf, writeAllSync } from './durable-fs';

export const LOCK_FILE = 'engine.lock';

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  /** ISO 8601, when the owning process started. */
  processStartedAt: z.string(),
  host: z.string(),
  token: z.string(),
  acquiredAt: z.string(),
});
export type LockOwner = z.infer<typeof ownerSchema>;

/** A lock file that is still empty or torn this long after it was made belongs to nobody. */
const UNREADABLE_GRACE_MS = 10_000;
/** How far two readings of one process's start time may differ (clock ticks, rounding). */
const START_TIME_TOLERANCE_MS = 5_000;

function ownStartTime(): Date {
  return new Date(Date.now() - process.uptime() * 1000);
}

/** Where the system can tell (Linux /proc), when process `pid` started; else `undefined`. */
function startTimeOf(pid: number): Date | undefined {
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

/** Whether the process that wrote `owner` still runs. */
export function ownerIsAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // Cannot be checked from here: assume it runs.
  // This very process (see the header), or an earlier process that had the same PID.
  if (owner.pid === process.pid) return false;
  if (!isAlive(owner.pid)) return false;
  const started = startTimeOf(owner.pid);
  if (!started) return true;
  return (
    Math.abs(started.getTime() - Date.parse(owner.processStartedAt)) <= START_TIME_TOLERANCE_MS
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
    const parsed = ownerSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

export interface HeldLock {
  owner: LockOwner;
  release(): void;
}

function busyError(path: string, owner: LockOwner | undefined): HostError {
  const who = owner
    ? `Another copy of SfB Sign-in Repair (process ${owner.pid}, started ${owner.processStartedAt}) is`
    : 'Another copy of SfB Sign-in Repair is';
  return new HostError(
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

/** Takes the lock of `dataDir` or throws `file-locked` naming the process that holds it. */
export function acquireDataLock(dataDir: string): HeldLock {
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
      } else if (ownerIsAlive(current)) {
        throw busyError(path, current);
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
