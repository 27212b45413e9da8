import { formatMoment } from './dates';

/**
 * The lock another computer holds on the app's data folder, in plain words: which computer,
 * since when, why it matters, and when breaking it is safe.
 */
export function foreignLockWords(
  lock: { host: string; since: string },
  locale?: string,
): { title: string; explanation: string; caution: string } {
  const since = formatMoment(lock.since, locale);
  return {
    title: `SfB Sign-in Repair on the computer “${lock.host}” is using this app’s data folder.`,
    explanation: `It has held the data folder’s lock since ${since}. The data folder keeps the backups and the record of every change, so only one copy of the app may change things at a time; it is shared with another computer when it lies on a network share or roams with your profile. From here the app cannot tell whether that copy still runs. Nothing was changed.`,
    caution: `Break the lock only if SfB Sign-in Repair no longer runs on “${lock.host}”: it was closed, or that computer was switched off or restarted since. If it still runs there, close it there first, because two copies changing one data folder can mix up their backups.`,
  };
}
