import type { ClientError } from './client-types';

/** The data folder's lock held by SfB Sign-in Repair on another computer, as main reported it. */
export interface ForeignLock {
  /** The other computer's name. */
  host: string;
  /** When that copy took the lock (ISO 8601, as the lock file says). */
  since: string;
}

/**
 * Main's `file-locked` refusal names the other computer and since when in its details; any other
 * `file-locked` (a copy on this PC busy right now, a file in use) is not something to break.
 */
export function foreignLockOf(error: ClientError | undefined): ForeignLock | undefined {
  if (error?.code !== 'file-locked') return undefined;
  const host = error.details?.lockHost;
  const since = error.details?.lockedSince;
  return typeof host === 'string' && host !== '' && typeof since === 'string' && since !== ''
    ? { host, since }
    : undefined;
}
