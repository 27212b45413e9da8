/**
 * Run as a new process by startup.bench.ts: opens a practice PC, diagnoses it once (the cold
 * figure: modules, schemas and file system caches as a command meets them) and then ten times
 * more (warm: the best of them), and prints the figures as one JSON line.
 *
 * It also says how much of the cold figure was garbage collection: whether the process's first
 * scavenges fall inside the first diagnosis or before it moves the cold figure by milliseconds
 * when what a command allocates at start changes, with no change to the diagnosis itself.
 */
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { createEngine } from '../../src/main/engine';
import { openPracticePc } from '../../src/main/host/practice';

async function main(): Promise<void> {
  const [pcRoot, dataDir] = process.argv.slice(2);
  if (!pcRoot || !dataDir) throw new Error('usage: first-diagnosis <pc root> <data dir>');
  // Node's own record of each collection (start and duration), read when the probe is done: a
  // GCProfiler would take heap statistics at every collection, inside the time measured.
  const collections: Array<{ start: number; duration: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      collections.push({ start: entry.startTime, duration: entry.duration });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const started = performance.now();
  const host = await openPracticePc(pcRoot);
  const engine = createEngine({ host, dataDir });
  const opened = performance.now();
  const cpuBefore = process.cpuUsage();
  await engine.diagnose();
  const first = performance.now() - opened;
  const cpu = process.cpuUsage(cpuBefore);
  const warm: number[] = [];
  // The best of ten: where a scavenge or a tier-up lands moves between the first few runs.
  for (let i = 0; i < 10; i += 1) {
    const start = performance.now();
    await engine.diagnose();
    warm.push(performance.now() - start);
  }
  await host.close();
  // Node reports collections to observers a few turns later (measured: after two setImmediate
  // turns); a short wait, then what is still queued.
  await new Promise((resolve) => setTimeout(resolve, 20));
  for (const entry of observer.takeRecords()) {
    collections.push({ start: entry.startTime, duration: entry.duration });
  }
  observer.disconnect();
  const inFirst = collections.filter(
    (collection) => collection.start >= opened && collection.start < opened + first,
  );
  process.stdout.write(
    `${JSON.stringify({
      openMs: opened - started,
      firstMs: first,
      firstCpuMs: (cpu.user + cpu.system) / 1000,
      firstGcMs: inFirst.reduce((sum, collection) => sum + collection.duration, 0),
      firstGcCount: inFirst.length,
      warmMs: Math.min(...warm),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
