/**
 * Counts and sizes as people read them, so "1 change", "0 changes" and "2 changes" are never
 * written by hand at a call site.
 */

/**
 * English takes the singular for exactly one (or minus one) and the plural for every other count
 * (0, 2, 1.5), as Intl.PluralRules('en') answers; that object costs every process a few
 * milliseconds at start to build, for this one comparison.
 */
const isSingularInEnglish = (count: number): boolean => Math.abs(count) === 1;

/** "1 change", "3 changes": the number followed by the right form of the noun. */
export function countOf(count: number, one: string, other: string): string {
  return `${count} ${isSingularInEnglish(count) ? one : other}`;
}

/** Sizes as people read them: bytes, KB or MB with one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return countOf(bytes, 'byte', 'bytes');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
