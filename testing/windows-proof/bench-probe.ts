/**
 * Measures inside Wine, with the Windows node.exe, on the seeded profile: engine diagnosis time
 * (in-process, after one warm-up), and one registry read through advapi32 against the same read
 * through `reg.exe query` (a new process per read, as a script calling reg.exe would pay).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/main/engine';
import { KB_LYNC2013 } from '../../src/main/host/practice/scenarios/facts';
import { createWindowsHost } from '../../src/main/host/windows/index';
import { runEntry } from './entry';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

function regQuery(key: string, value: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('reg', ['query', key, '/v', value], { windowsHide: true }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    );
  });
}

runEntry(async (args) => {
  const quick = args.includes('--quick');
  const host = await createWindowsHost();
  const dataDir = await mkdtemp(join(tmpdir(), 'sfb-bench-'));
  try {
    const engine = createEngine({ host, dataDir });
    await engine.diagnose();
    const diagnoseMs = await timed(quick ? 2 : 5, () => engine.diagnose());

    const key = KB_LYNC2013.userSettingsKey;
    const expected = KB_LYNC2013.primaryAddress;
    const apiRead = async () => {
      const value = await host.registry.getValue(key, 'ServerSipUri');
      if (value?.type !== 'REG_SZ' || value.data !== expected)
        throw new Error(`API read ${JSON.stringify(value)}`);
    };
    const regRead = async () => {
      const out = await regQuery(`HKCU\\${key.path}`, 'ServerSipUri');
      if (!out.includes(expected)) throw new Error(`reg.exe printed ${out}`);
    };
    await apiRead();
    await regRead();
    const apiMs = await timed(quick ? 50 : 500, apiRead);
    const regMs = await timed(quick ? 3 : 9, regRead);
    return { diagnoseMs, apiMs, regMs };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await host.close();
  }
});
