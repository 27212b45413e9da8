/**
 * A stack trace of the built command line, pointed back at the sources: every frame in a
 * bundle that has a source map beside it (`dist/cli.cjs` and `dist/cli.cjs.map`) gets the
 * source file, line and column it was built from. The bundle is minified, so its own positions
 * (and names) say nothing to whoever reads a `--verbose` report; the sources' do. Frames of
 * other files, and every frame when a map is missing or unreadable, are left as they are.
 *
 * Only for an internal error with `--verbose`: the map (a few megabytes) is read then, never at
 * start.
 */
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';

/** `/path/to/file.cjs:LINE:COLUMN` in a frame (`at f (…)` or `at …`). */
const LOCATION = /((?:[A-Za-z]:)?[^\s():]+\.c?js):(\d+):(\d+)/g;

function readMap(file: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
  } catch {
    return undefined;
  }
}

/** `../../src/cli/main.ts` → `src/cli/main.ts`: where it is in the source tree. */
const sourcePath = (source: string) => source.replace(/^(?:\.\.?[\\/])+/, '');

export function mappedStack(stack: string): string {
  const maps = new Map<string, SourceMap | undefined>();
  return stack.replace(LOCATION, (location: string, file: string, line: string, column: string) => {
    if (!maps.has(file)) maps.set(file, readMap(file));
    const entry = maps.get(file)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry) || typeof entry.originalSource !== 'string') {
      return location;
    }
    return `${sourcePath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
