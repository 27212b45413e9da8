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

/**
 * A frame's location: inside the parentheses when the frame names a function
 * (`at f (C:\Program Files (x86)\x.cjs:1:2)`), else all that follows `at`. Paths may hold
 * spaces and parentheses, so it is cut at the first ` (` and the last `)`, not by a pattern of
 * path characters.
 */
const FRAME = /^(\s+at )(.*)$/;
const LOCATION = /^(.+):(\d+):(\d+)$/;

function locationOf(rest: string): { before: string; location: string; after: string } {
  const open = rest.indexOf(' (');
  return rest.endsWith(')') && open !== -1
    ? { before: rest.slice(0, open + 2), location: rest.slice(open + 2, -1), after: ')' }
    : { before: '', location: rest, after: '' };
}

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
  const mapped = (location: string): string => {
    const parts = LOCATION.exec(location);
    if (!parts) return location;
    const [, file = '', line = '', column = ''] = parts;
    if (!maps.has(file)) maps.set(file, readMap(file));
    const entry = maps.get(file)?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry) || typeof entry.originalSource !== 'string') {
      return location;
    }
    return `${sourcePath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  };
  return stack
    .split('\n')
    .map((text) => {
      const frame = FRAME.exec(text);
      if (!frame) return text;
      const { before, location, after } = locationOf(frame[2] ?? '');
      return `${frame[1]}${before}${mapped(location)}${after}`;
    })
    .join('\n');
}
