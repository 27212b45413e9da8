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
import type { HostSystem } from '../../src/main/host/ports';
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

type Breakdown = Record<
  string,
  { calls: number; ms: number; blockingMs: number; longestMs: number }
>;

/**
 * The same host with every port method timed, so a diagnosis can say which reads its time goes
 * to: calls, wall milliseconds until each answer (these overlap when reads run concurrently),
 * the longest of them, and milliseconds the call blocked the thread before answering (most
 * Win32 calls through koffi are synchronous, so for them this is the real cost and the totals
 * do not overlap; the few slow ones run on worker threads, and only their wait tells).
 */
function timedHost(host: HostSystem, breakdown: Breakdown): HostSystem {
  const timedPort = (portName: string, port: object): object =>
    new Proxy(port, {
      get(target, property, receiver) {
        const member: unknown = Reflect.get(target, property, receiver);
        if (typeof member !== 'function') return member;
        const name = `${portName}.${String(property)}`;
        return (...callArgs: unknown[]) => {
          const entry = (breakdown[name] ??= { calls: 0, ms: 0, blockingMs: 0, longestMs: 0 });
          entry.calls += 1;
          const started = performance.now();
          const settle = () => {
            const waited = performance.now() - started;
            entry.ms += waited;
            entry.longestMs = Math.max(entry.longestMs, waited);
          };
          const answer: unknown = Reflect.apply(
            member as (...a: unknown[]) => unknown,
            target,
            callArgs,
          );
          entry.blockingMs += performance.now() - started;
          if (answer instanceof Promise) return answer.finally(settle);
          settle();
          return answer;
        };
      },
    });
  return new Proxy(host, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      return member !== null && typeof member === 'object'
        ? timedPort(String(property), member)
        : member;
    },
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
    const breakdown: Breakdown = {};
    if (args.includes('--breakdown')) {
      const timedEngine = createEngine({ host: timedHost(host, breakdown), dataDir });
      const started = performance.now();
      await timedEngine.diagnose();
      const ms = performance.now() - started;
      breakdown['engine.diagnose'] = { calls: 1, ms, blockingMs: 0, longestMs: ms };
      for (const entry of Object.values(breakdown)) {
        entry.ms = Number(entry.ms.toFixed(2));
        entry.blockingMs = Number(entry.blockingMs.toFixed(2));
        entry.longestMs = Number(entry.longestMs.toFixed(2));
      }
    }

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
    return { diagnoseMs, apiMs, regMs, breakdown };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await host.close();
  }
});
