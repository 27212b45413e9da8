/** Dotted version numbers (`4.0.7577.4103`); `undefined` for anything else. */
export function parseVersion(text: string): number[] | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+){0,3}$/.test(trimmed)) return undefined;
  return trimmed.split('.').map(Number);
}

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
