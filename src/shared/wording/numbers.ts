/**
 * Counts and sizes as people read them. English plural rules come from Intl so "1 change",
 * "0 changes" and "2 changes" are never written by hand at a call site.
 */
const englishPlurals = new Intl.PluralRules('en');

/** "1 change", "3 changes": the number followed by the right form of the noun. */
export function countOf(count: number, one: string, other: string): string {
  return `${count} ${englishPlurals.select(count) === 'one' ? one : other}`;
}

/** Sizes as people read them: bytes, KB or MB with one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return countOf(bytes, 'byte', 'bytes');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
