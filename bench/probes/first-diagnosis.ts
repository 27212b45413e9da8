/**
 * Run as a new process by startup.bench.ts: opens a practice PC, diagnoses it once (the cold
 * figure: modules, schemas and file system caches as a command meets them) and then ten times
 * more (warm: the best of them), and prints the figures as one JSON line.
 */
import { performance } from 'node:perf_hooks';
import { createEngine } from '../../src/main/engine';
import { openPracticePc } from '../../src/main/host/practice';

async function main(): Promise<void> {
  const [pcRoot, dataDir] = process.argv.slice(2);
  if (!pcRoot || !dataDir) throw new Error('usage: first-diagnosis <pc root> <data dir>');
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
  process.stdout.write(
    `${JSON.stringify({
      openMs: opened - started,
      firstMs: first,
      firstCpuMs: (cpu.user + cpu.system) / 1000,
      warmMs: Math.min(...warm),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
