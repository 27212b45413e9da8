// Types for code-cache.mjs, so the bench (TypeScript) can call it.
/** Writes the cache key on the bundle's first line and shifts its source map by that line. */
export function keyBundle(bundle: string): void;
/** Records the bundle's V8 code cache from one run; the cache file, or undefined (logged). */
export function recordCodeCache(
  bundle: string,
  log: (line: string) => void,
  argsFor?: (scratch: string) => string[],
): string | undefined;
