/**
 * Windows figures under Wine: diagnosis of the seeded broken Lync 2013 profile (in-process with
 * the Windows node.exe, and the whole `diagnose --json` command including Wine and Node start-
 * up), and one registry read through advapi32 against the same read through `reg.exe query`.
 * Skipped, with the reason as the result, when Wine is not installed.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  buildCli,
  bundleEntries,
  createPrefix,
  removePrefix,
  runEntry,
  runWindowsNode,
  toWindowsPath,
  wineAvailable,
} from '../scripts/wine/harness.mjs';

interface BenchContext {
  quick: boolean;
  log(message: string): void;
}

interface ProbeResult {
  diagnoseMs: number;
  apiMs: number;
  regMs: number;
  /**
   * Per host call (e.g. `registry.getValue`): calls, milliseconds the calls blocked the thread,
   * and the longest wait for one answer.
   */
  breakdown: Record<string, { calls: number; ms: number; blockingMs: number; longestMs: number }>;
}

const loadAverage = () =>
  `${loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')} on ${cpus().length} cores`;

/**
 * Where one diagnosis spends its time, per port: calls, milliseconds blocked in them, and the
 * longest wait for one answer (what a read on a worker thread costs the diagnosis, as it blocks
 * nothing).
 */
function perPort(breakdown: ProbeResult['breakdown']): Record<string, number> {
  const ports: Record<string, { calls: number; blockingMs: number; longestMs: number }> = {};
  for (const [name, entry] of Object.entries(breakdown)) {
    const port = name.split('.')[0] ?? name;
    if (port === 'engine') continue;
    const total = (ports[port] ??= { calls: 0, blockingMs: 0, longestMs: 0 });
    total.calls += entry.calls;
    total.blockingMs += entry.blockingMs;
    total.longestMs = Math.max(total.longestMs, entry.longestMs);
  }
  const figures: Record<string, number> = {};
  for (const [port, total] of Object.entries(ports).sort(([a], [b]) => a.localeCompare(b))) {
    figures[`wine.diagnose.breakdown.${port}.calls`] = total.calls;
    figures[`wine.diagnose.breakdown.${port}.blocking.ms`] = round(total.blockingMs, 1);
    figures[`wine.diagnose.breakdown.${port}.longest-answer.ms`] = round(total.longestMs, 1);
  }
  return figures;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export default async function windowsWine(
  context: BenchContext = { quick: false, log: () => {} },
): Promise<Record<string, number | string>> {
  if (!wineAvailable())
    return { 'wine.skipped': 'wine is not installed (scripts/setup-machine.sh)' };
  await bundleEntries();
  const cli = await buildCli();
  const prefix = createPrefix();
  try {
    context.log('seeding the Lync 2013 profile under Wine');
    const seeded = await runEntry(prefix, 'seed-lync2013');
    if (!seeded.result.ok) throw new Error(`seeding failed: ${seeded.result.error.message}`);
    context.log('measuring inside Wine');
    const loadAtStart = loadAverage();
    const probe = await runEntry(prefix, 'bench-probe', [
      ...(context.quick ? ['--quick'] : []),
      '--breakdown',
    ]);
    if (!probe.result.ok) throw new Error(`bench probe failed: ${probe.result.error.message}`);
    const figures = probe.result.value as ProbeResult;
    const results: Record<string, number | string> = {
      'wine.diagnose.seeded-lync2013.in-process.ms': round(figures.diagnoseMs, 1),
      ...perPort(figures.breakdown),
      'wine.registry.read.api.ms': round(figures.apiMs, 3),
      'wine.registry.read.reg-exe.ms': round(figures.regMs, 1),
      'wine.registry.read.reg-exe-to-api.ratio': Math.round(figures.regMs / figures.apiMs),
    };
    if (cli) {
      const dataDir = toWindowsPath(join(prefix, 'bench-data'));
      const runs: number[] = [];
      for (let i = 0; i < (context.quick ? 1 : 3); i += 1) {
        const run = await runWindowsNode(prefix, toWindowsPath(cli), [
          'diagnose',
          '--json',
          '--data-dir',
          dataDir,
        ]);
        if (run.code !== 0) throw new Error(`diagnose --json exited ${run.code}: ${run.stderr}`);
        runs.push(run.ms);
      }
      runs.sort((a, b) => a - b);
      results['wine.diagnose.seeded-lync2013.cli-wall.ms'] = runs[Math.floor(runs.length / 2)] ?? 0;
    } else {
      results['wine.diagnose.seeded-lync2013.cli-wall.ms'] = 'command line not built';
    }
    results.note = `Seeded broken Lync 2013 profile; in-process diagnosis is the median of warm runs with the Windows node.exe. The breakdown is one more diagnosis with every host call timed, per port: milliseconds the calls blocked the thread, and the longest wait for one answer (the vault and private-key reads run on worker threads and block nothing). Load average at start: ${loadAtStart}, at end: ${loadAverage()}.`;
    return results;
  } finally {
    removePrefix(prefix);
  }
}
