/**
 * The Windows launcher proven under Wine: ShellExecuteExW starts the real command line bundle as
 * the helper, which changes HKLM MachineGuid through the Win32 registry adapter and answers
 * through the request folder. Wine shows no UAC prompt (its processes already hold an
 * administrator token), so `runas` goes straight through: what is proven is the launch, the
 * wait, the exit code and the channel; a cancelled prompt is covered on the practice PC.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLE_DIR,
  createPrefix,
  removePrefix,
  runEntry,
  toWindowsPath,
  wineAvailable,
} from '../../../scripts/wine/harness.mjs';
import { buildSingleExe } from '../../../scripts/dist-cli.mjs';

const hasWine = wineAvailable();
if (!hasWine) {
  const message = 'Wine is not installed: the elevated helper was NOT tried under Wine.';
  if (process.env.CI) throw new Error(message);
  console.warn(`\n!!! ${message}\n`);
}

// Own file names in the shared bundle folder (koffi resolves from the repository there), so
// the Windows adapter suite's bundles are never overwritten mid-run.
const CLI = join(BUNDLE_DIR, 'elevation-cli.cjs');
const PROBE = 'elevation-probe';

interface ProbeAnswer {
  ok: boolean;
  error?: { message: string };
  value: {
    elevated: boolean;
    removed: unknown;
    removeMs: number;
    afterRemove: string;
    restored: unknown;
    afterRestore: string;
    leftovers: string[];
  };
}

describe.skipIf(!hasWine)('the elevated helper under Wine', () => {
  let prefix: string;
  let singleExe: string;

  beforeAll(async () => {
    const { build } = await import('esbuild');
    mkdirSync(BUNDLE_DIR, { recursive: true });
    writeFileSync(join(BUNDLE_DIR, 'package.json'), '{ "type": "commonjs" }\n');
    const common = {
      bundle: true,
      platform: 'node' as const,
      format: 'cjs' as const,
      target: 'node22',
      external: ['koffi', 'electron'],
      logLevel: 'warning' as const,
    };
    await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: CLI });
    await build({
      ...common,
      entryPoints: ['testing/elevation/wine-probe.ts'],
      outfile: join(BUNDLE_DIR, `${PROBE}.cjs`),
    });
    // Cached in .cache/single-exe while its inputs are unchanged (shared with wine.test.ts).
    singleExe = (
      await buildSingleExe({
        out: join(tmpdir(), `sfb-helper-exe-${process.pid}`, 'sfb-signin-repair.exe'),
        log: () => undefined,
      })
    ).exe;
    prefix = createPrefix();
  }, 400_000);

  afterAll(() => {
    if (prefix) removePrefix(prefix);
    rmSync(CLI, { force: true });
    rmSync(join(BUNDLE_DIR, `${PROBE}.cjs`), { force: true });
    if (singleExe) rmSync(dirname(singleExe), { recursive: true, force: true });
  });

  async function probe(program: string): Promise<ProbeAnswer['value']> {
    const run = (await runEntry(prefix, PROBE, [toWindowsPath(program), 'runas'], {
      timeoutMs: 240_000,
    })) as { result: ProbeAnswer; stderr: string };
    console.log(`[wine] elevation probe: ${JSON.stringify(run.result)}`);
    expect(run.result.error).toBeUndefined();
    return run.result.value;
  }

  function expectRoundTrip(answer: ProbeAnswer['value']): void {
    expect(answer.removed).toMatchObject({
      status: 'done',
      before: '{6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9}',
      after: '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9',
    });
    expect(answer.afterRemove).toBe('6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9');
    expect(answer.restored).toMatchObject({ status: 'done' });
    expect(answer.afterRestore).toBe('{6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9}');
    expect(answer.leftovers).toEqual([]);
  }

  it('runas: the helper removes the braces and puts them back; nothing is left behind', async () => {
    expectRoundTrip(await probe(CLI));
  }, 300_000);

  it('the single exe as the helper: `sfb-signin-repair.exe --elevated-helper <request>`', async () => {
    expectRoundTrip(await probe(singleExe));
  }, 300_000);
});
