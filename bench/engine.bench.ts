/**
 * Diagnosis and repair time and memory on practice PCs of growing size: the typical
 * kb-lync2013 profile, then 10 / 1,000 / 10,000 unrelated certificates and credentials, then
 * 100,000 files in the endpoint cache. Each figure is the median of several runs; a repair is
 * always followed by an undo, so every repetition starts from the same PC.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../src/main/engine';
import { openPracticePc, resetPracticePc } from '../src/main/host/practice';
import type { PracticeScale } from '../src/main/host/practice';
import type { RepairStepId } from '../src/shared/repairs';

interface BenchContext {
  quick: boolean;
  log(message: string): void;
}

interface Size {
  name: string;
  scale: PracticeScale;
  diagnoseRuns: number;
  repairRuns: number;
}

// The repair `repair --all` makes on kb-lync2013, the KB's Lync 2013 path plus the extras.
const STEPS: RepairStepId[] = ['delete-sign-in-info', 'clear-endpoint-cache', 'flush-dns-cache'];

function sizes(quick: boolean): Size[] {
  const n = (full: number, small: number) => (quick ? small : full);
  return [
    { name: 'typical', scale: {}, diagnoseRuns: n(15, 3), repairRuns: n(5, 2) },
    {
      name: 'items-10',
      scale: { certificates: 10, credentials: 10 },
      diagnoseRuns: n(15, 3),
      repairRuns: n(5, 2),
    },
    {
      name: 'items-1000',
      scale: { certificates: n(1000, 100), credentials: n(1000, 100) },
      diagnoseRuns: n(9, 3),
      repairRuns: n(3, 2),
    },
    {
      name: 'items-10000',
      scale: { certificates: n(10_000, 1000), credentials: n(10_000, 1000) },
      diagnoseRuns: n(5, 3),
      repairRuns: n(3, 2),
    },
    {
      name: 'cache-files-100000',
      scale: { cacheFiles: n(100_000, 2000) },
      diagnoseRuns: n(5, 3),
      repairRuns: n(3, 2),
    },
  ];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
const mb = (bytes: number): number => round(bytes / (1024 * 1024), 1);

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const REPAIR_PHASE_BUDGET_MS = 45_000;
const UNDO_BUDGET_MS = 120_000;

/**
 * `fn` timed, or `undefined` when it takes longer than `budgetMs`. The work is not stopped
 * (nothing can stop it safely); its practice PC is thrown away afterwards either way.
 */
async function within<T>(
  budgetMs: number,
  fn: () => Promise<T>,
): Promise<{ ms: number; value: T } | undefined> {
  const work = time(fn);
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function measure(
  size: Size,
  work: string,
  ctx: BenchContext,
): Promise<Record<string, number | string>> {
  const root = join(work, size.name, 'pc');
  const setup = await time(() => resetPracticePc(root, 'kb-lync2013', size.scale));
  const host = await openPracticePc(root);
  try {
    const engine = createEngine({ host, dataDir: join(work, size.name, 'engine') });
    await engine.diagnose(); // warm-up: module code, file system cache

    const diagnoseMs: number[] = [];
    let heapGrowth = 0;
    for (let i = 0; i < size.diagnoseRuns; i += 1) {
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      const { ms, value } = await time(() => engine.diagnose());
      // Heap still held while the report is alive: what a diagnosis costs in memory.
      heapGrowth = Math.max(heapGrowth, process.memoryUsage().heapUsed - before);
      diagnoseMs.push(ms);
      if (value.findings.length === 0) throw new Error('diagnosis found nothing on kb-lync2013');
    }

    const repairMs: number[] = [];
    const undoMs: number[] = [];
    let undoOverBudget = false;
    let changes = 0;
    const repairPhase = performance.now();
    for (let i = 0; i < size.repairRuns && !undoOverBudget; i += 1) {
      // Repeat only while it is cheap: the largest PCs get one measured cycle.
      if (i > 0 && performance.now() - repairPhase > REPAIR_PHASE_BUDGET_MS) break;
      const { ms, value: run } = await time(async () => {
        const plan = await engine.plan({ steps: STEPS });
        return engine.apply(plan.id);
      });
      if (run.status !== 'applied') throw new Error(`repair ${run.status} on ${size.name}`);
      changes = run.actions.length;
      repairMs.push(ms);
      const undo = await within(UNDO_BUDGET_MS, () => engine.undo(run.id));
      if (undo === undefined) {
        undoOverBudget = true;
        break;
      }
      if (undo.value.status !== 'undone')
        throw new Error(`undo ${undo.value.status} on ${size.name}`);
      undoMs.push(undo.ms);
    }
    const result = {
      [`${size.name}.setup.ms`]: round(setup.ms, 0),
      [`${size.name}.diagnose.median.ms`]: round(median(diagnoseMs)),
      [`${size.name}.diagnose.min.ms`]: round(Math.min(...diagnoseMs)),
      [`${size.name}.diagnose.heap-growth.MB`]: mb(heapGrowth),
      [`${size.name}.repair.median.ms`]: round(median(repairMs), 1),
      [`${size.name}.repair.changes`]: changes,
      [`${size.name}.repair.runs`]: repairMs.length,
      [`${size.name}.undo.median.ms`]: undoOverBudget
        ? `over ${UNDO_BUDGET_MS / 1000} s (stopped measuring)`
        : round(median(undoMs), 1),
      [`${size.name}.peak-rss-so-far.MB`]: mb(process.resourceUsage().maxRSS * 1024),
    };
    ctx.log(
      `${size.name}: diagnose ${result[`${size.name}.diagnose.median.ms`]} ms, ` +
        `repair ${result[`${size.name}.repair.median.ms`]} ms, undo ${result[`${size.name}.undo.median.ms`]} ms`,
    );
    return result;
  } finally {
    await host.close().catch(() => undefined);
    await rm(join(work, size.name), { recursive: true, force: true }).catch(() => undefined);
  }
}

export default async function engineBench(
  ctx: BenchContext = { quick: false, log: () => {} },
): Promise<Record<string, number | string>> {
  const work = await mkdtemp(join(tmpdir(), 'sfb-bench-'));
  const results: Record<string, number | string> = {
    note: `Practice PCs of scenario kb-lync2013; repair = plan + apply of ${STEPS.join(', ')} (backed up and verified); each repair is undone before the next run.`,
  };
  try {
    for (const size of sizes(ctx.quick)) Object.assign(results, await measure(size, work, ctx));
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
  const ratio = (a: string, b: string) =>
    round(Number(results[`${a}.diagnose.median.ms`]) / Number(results[`${b}.diagnose.median.ms`]));
  const all = sizes(ctx.quick);
  const items = all.map((s) => (s.scale.certificates ?? 0).toLocaleString('en-US'));
  const files = (all[4]!.scale.cacheFiles ?? 0).toLocaleString('en-US');
  results[`growth diagnose ${items[1]} → ${items[2]} certificates and credentials`] = ratio(
    'items-1000',
    'items-10',
  );
  results[`growth diagnose ${items[2]} → ${items[3]} certificates and credentials`] = ratio(
    'items-10000',
    'items-1000',
  );
  results[`growth diagnose typical → ${files} cache files`] = ratio(
    'cache-files-100000',
    'typical',
  );
  const repairRatio = (a: string, b: string) =>
    round(Number(results[`${a}.repair.median.ms`]) / Number(results[`${b}.repair.median.ms`]));
  results[`growth repair typical → ${files} cache files`] = repairRatio(
    'cache-files-100000',
    'typical',
  );
  return results;
}
