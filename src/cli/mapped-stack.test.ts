import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mappedStack } from './mapped-stack';

// A real minified bundle with its source map, built as the command line is, and the stack trace
// V8 gives for an error thrown two calls deep in it.
const SOURCE = `export function innermost(): never {
  throw new Error('boom');
}
export function outer(): never {
  return innermost();
}
try {
  outer();
} catch (error) {
  process.stdout.write((error as Error).stack ?? '');
}
`;

let folder: string;
let bundle: string;
let stack: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'mapped-stack-'));
  // Installed paths hold spaces and parentheses ("Program Files (x86)", "John Smith").
  const installed = join(folder, 'Sign-in Repair (x86)');
  await mkdir(installed);
  await writeFile(join(installed, 'thrower.ts'), SOURCE);
  bundle = join(installed, 'thrower.cjs');
  await build({
    entryPoints: [join(installed, 'thrower.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  stack = spawnSync(process.execPath, [bundle], { encoding: 'utf8' }).stdout;
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('mappedStack', () => {
  it("points the bundle's frames at the source lines they were built from", () => {
    expect(stack).toContain(`${bundle}:`); // the bundle's own positions, which say nothing
    const mapped = mappedStack(stack);
    const frames = mapped.split('\n').filter((line) => line.trimStart().startsWith('at '));
    expect(frames[0]).toMatch(/thrower\.ts:2:\d+\)?$/);
    expect(frames[1]).toMatch(/thrower\.ts:5:\d+\)?$/);
    expect(mapped).not.toContain(`${bundle}:`);
    expect(mapped.split('\n')[0]).toBe('Error: boom');
    // A frame of an anonymous function gives its location alone, after `at`.
    const [, location] = /\((.*)\)$/.exec(stack.split('\n')[1] ?? '') ?? [];
    expect(mappedStack(`    at ${location}`)).toMatch(/^ {4}at .*thrower\.ts:2:\d+$/);
  });

  it('leaves frames alone when the map is missing or damaged, and frames of other files', async () => {
    const other = `${stack}\n    at run (node:internal/modules/cjs/loader:1:2)`;
    await writeFile(`${bundle}.map`, '{ not json');
    expect(mappedStack(other)).toBe(other);
    await rm(`${bundle}.map`);
    expect(mappedStack(other)).toBe(other);
  });
});
