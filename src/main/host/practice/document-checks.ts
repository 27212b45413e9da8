/**
 * The checks the practice PC's documents share, and how a failed check is put into words.
 *
 * The documents are checked with valibot, whose schemas are plain objects: every command opens
 * the practice PC and so builds all of its schemas, and building zod's (class instances that set
 * up their members one by one) was most of what checking them cost (measured per `diagnose`
 * process: ~9 ms of CPU for zod's checks against none at all, ~3 ms for the same checks here).
 */
import * as v from 'valibot';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** What `Date.toISOString()` writes; a plain pattern keeps ten thousand records quick to check. */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/;

/** Canonical base64 only: anything else would not come back byte for byte. */
export function isCanonicalBase64(text: string): boolean {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return false;
  // The unused bits of the last character must be zero, or decoding would not give it back.
  return (
    text.length === 0 || Buffer.from(text.slice(-4), 'base64').toString('base64') === text.slice(-4)
  );
}

export const canonicalBase64 = v.pipe(v.string(), v.check(isCanonicalBase64, 'canonical base64'));

export const nonEmptyText = v.pipe(v.string(), v.minLength(1));

export const isoUtcTime = v.pipe(v.string(), v.regex(ISO_UTC, 'an ISO 8601 UTC time'));

/** An unsigned 32-bit number, as a REG_DWORD holds. */
export const dword = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff_ffff));

export const positiveInteger = v.pipe(v.number(), v.safeInteger(), v.gtValue(0));

/**
 * The first thing a failed check found, in words, and where it is (`processes.0.pid`); `where`
 * is undefined for the document as a whole (not an object at all, say).
 */
export function firstProblem(issues: readonly v.BaseIssue<unknown>[]): {
  where: string | undefined;
  message: string;
} {
  const issue = issues[0];
  return {
    where: (issue && v.getDotPath(issue)) ?? undefined,
    message: issue?.message ?? 'invalid',
  };
}
