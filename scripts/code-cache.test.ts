/**
 * The command line's code cache (scripts/code-cache.mjs, bin/bundle-loader.cjs), on a real build:
 * V8 takes the cache recorded for exactly this bundle, and a cache from another build, a damaged
 * one or none at all changes nothing but the speed of the start.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire, SourceMap, type SourceMapPayload } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProduct } from './build.mjs';

const repo = join(import.meta.dirname, '..');
const loader = join(repo, 'bin', 'bundle-loader.cjs');
const { BODY_CLOSING, BODY_OPENING, CACHE_ALIGNMENT, KEY_PREFIX, readBundle } = createRequire(
  import.meta.url,
)(loader) as {
  BODY_CLOSING: string;
  BODY_OPENING: string;
  CACHE_ALIGNMENT: number;
  KEY_PREFIX: string;
  readBundle: (bundle: string) => { source: string; cachedData: Buffer | undefined };
};
let work: string;
let bundle: string;
let dataDir: string;

/** Runs the command line through the loader; answers its output and whether V8 took a cache. */
function runThroughLoader(bundleFile: string, args: string[]) {
  const script =
    `process.argv.splice(1, 0, ${JSON.stringify(bundleFile)});` +
    `const used = require(${JSON.stringify(loader)}).runBundle(${JSON.stringify(bundleFile)});` +
    `process.on('exit', () => process.stderr.write('\\ncode cache used: ' + used + '\\n'));`;
  const run = spawnSync(process.execPath, ['-e', script, '--', ...args], { encoding: 'utf8' });
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    cacheUsed: /code cache used: true/.test(run.stderr),
  };
}

/** What a diagnosis found, without the parts that differ between two runs (times, ids). */
function findingsOf(stdout: string): unknown {
  const report = JSON.parse(stdout) as { findings: Array<{ id: string; status: string }> };
  return report.findings.map(({ id, status }) => ({ id, status }));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sfb-code-cache-test-'));
  const made = await buildProduct({ only: 'cli', outDir: join(work, 'dist'), log: () => {} });
  bundle = join(work, 'dist', 'cli.cjs');
  expect(made).toContain(`${bundle}.code-cache`);
  dataDir = join(work, 'data');
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the command line started from its code cache', () => {
  it('takes the cache the build recorded, and diagnoses as the bundle alone does', () => {
    const plain = spawnSync(
      process.execPath,
      [bundle, '--data-dir', dataDir, 'diagnose', '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(plain.status, plain.stderr).toBe(0);
    const cached = runThroughLoader(bundle, ['--data-dir', dataDir, 'diagnose', '--json']);
    expect(cached.status, cached.stderr).toBe(0);
    expect(cached.cacheUsed).toBe(true);
    expect(findingsOf(cached.stdout)).toEqual(findingsOf(plain.stdout));
  });

  it('keys the cache to the bundle: the first lines match, and the source map still points right', () => {
    const source = readFileSync(bundle, 'utf8');
    const keyLine = source.split('\n')[0]!;
    expect(keyLine).toMatch(/^\/\/ code-cache-key: [0-9a-f]{32}$/);
    expect(readFileSync(`${bundle}.code-cache`).subarray(0, keyLine.length).toString()).toBe(
      keyLine,
    );
    // A message of src/cli/main.ts (text the minifier keeps as it is), found in the keyed and
    // self-calling bundle, maps back to its line there: the two added lines are accounted for.
    const message = 'Elevated helper: exactly one request file is expected.';
    const lines = source.split('\n');
    const line = lines.findIndex((text) => text.includes(message));
    const column = lines[line]!.indexOf(message);
    const map = new SourceMap(
      JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as SourceMapPayload,
    );
    const entry = map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
    const mainSource = readFileSync(join(repo, 'src', 'cli', 'main.ts'), 'utf8').split('\n');
    expect(entry.originalSource).toMatch(/src\/cli\/main\.ts$/);
    expect(mainSource[entry.originalLine!]).toContain(message);
  });

  it('calls its own body: the loader compiles the text as it is, and Node runs it alone too', () => {
    const lines = readFileSync(bundle, 'utf8').split('\n');
    expect(lines[1]).toBe(BODY_OPENING);
    // The body closes before the source map comment, which stays the last line.
    expect(lines.at(-3)).toBe(BODY_CLOSING);
    expect(lines.at(-2)).toMatch(/^\/\/# sourceMappingURL=cli\.cjs\.map$/);
    // The loader's hook is there only while the bundle's top level runs.
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `process.argv.splice(1, 0, ${JSON.stringify(bundle)});` +
          `require(${JSON.stringify(loader)}).runBundle(${JSON.stringify(bundle)});` +
          `process.stdout.write(' hook left: ' + (Symbol.for('sfb-signin-repair.bundle-body') in globalThis));`,
        '--',
        '--version',
      ],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n hook left: false$/);
    const alone = spawnSync(process.execPath, [bundle, '--version'], { encoding: 'utf8' });
    expect(alone.status, alone.stderr).toBe(0);
    expect(alone.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is ASCII-only, so the loader reads it as a plain copy, without decoding UTF-8', () => {
    const bytes = readFileSync(bundle);
    const first = bytes.findIndex((byte) => byte > 0x7f);
    const around =
      first === -1 ? '' : bytes.subarray(Math.max(0, first - 60), first + 20).toString();
    expect(first, `non-ASCII text in the bundle: …${around}…`).toBe(-1);
  });

  it('leaves a cache recorded for another build alone, and the command still runs', async () => {
    // Another build of the same length (only its key differs) beside this build's cache: V8
    // would take it, the key check does not.
    const other = join(work, 'other');
    await mkdir(other);
    const source = readFileSync(bundle, 'utf8');
    const otherKey = `// code-cache-key: ${'0'.repeat(32)}`;
    writeFileSync(join(other, 'cli.cjs'), otherKey + source.slice(otherKey.length));
    copyFileSync(`${bundle}.code-cache`, join(other, 'cli.cjs.code-cache'));
    const run = runThroughLoader(join(other, 'cli.cjs'), ['--version']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.cacheUsed).toBe(false);
  });

  it('runs a bundle with non-ASCII text as require would (decoded as UTF-8)', async () => {
    const other = join(work, 'non-ascii');
    await mkdir(other);
    const file = join(other, 'cli.cjs');
    // Characters whose UTF-8 bytes read as Latin-1 would come out as other characters.
    writeFileSync(file, `process.stdout.write(${JSON.stringify('Ünïcödé — sign-in …')});\n`);
    const run = runThroughLoader(file, []);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe('Ünïcödé — sign-in …');
  });

  it('hands V8 the cache on its alignment, whatever the length of the key line', async () => {
    // From any other address V8 would copy the whole cache before reading it.
    const folder = join(work, 'alignment');
    await mkdir(folder);
    for (let extra = 0; extra < 2 * CACHE_ALIGNMENT; extra += 1) {
      const file = join(folder, `cli-${extra}.cjs`);
      const keyLine = `${KEY_PREFIX}${'k'.repeat(1 + extra)}`;
      const source = `${keyLine}\nprocess.exitCode = 0;\n`;
      const payload = Buffer.from(Array.from({ length: 100 + extra }, (_, i) => (i * 7) % 256));
      writeFileSync(file, source);
      writeFileSync(`${file}.code-cache`, Buffer.concat([Buffer.from(`${keyLine}\n`), payload]));
      const read = readBundle(file);
      expect(read.source).toBe(source);
      expect(read.cachedData?.equals(payload)).toBe(true);
      expect(read.cachedData!.byteOffset % CACHE_ALIGNMENT, keyLine).toBe(0);
    }
  });

  it('compiles from source when the cache is damaged or missing', () => {
    const cache = `${bundle}.code-cache`;
    const good = readFileSync(cache);
    try {
      const damaged = Buffer.from(good);
      const keyLength = damaged.indexOf(0x0a) + 1;
      for (let i = keyLength; i < damaged.length; i += 97) damaged[i] = damaged[i]! ^ 0xff;
      writeFileSync(cache, damaged);
      const afterDamage = runThroughLoader(bundle, ['--version']);
      expect(afterDamage.status, afterDamage.stderr).toBe(0);
      expect(afterDamage.cacheUsed).toBe(false);

      writeFileSync(cache, '');
      const empty = runThroughLoader(bundle, ['--version']);
      expect(empty.status, empty.stderr).toBe(0);
      expect(empty.cacheUsed).toBe(false);
    } finally {
      writeFileSync(cache, good);
    }
    expect(runThroughLoader(bundle, ['--version']).cacheUsed).toBe(true);
  });
});
