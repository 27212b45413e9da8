/**
 * What a command costs as a whole process, beside Node.js itself in the same run, and the first
 * diagnosis in a new process beside the warm ones.
 *
 * - `node -e 0`, `--help` and `diagnose` (on the typical practice PC) run as processes in turn,
 *   several rounds; each reports its own CPU time (user + system, the whole process from exec
 *   to exit) and peak RSS through a preloaded module, and the wall time is taken around it.
 * - The first diagnosis in a new process: a probe (bench/probes/first-diagnosis.ts) opens the
 *   practice PC, diagnoses once (cold) and again (warm), on the typical PC and the largest, and
 *   says how much of the cold time was garbage collection.
 * - `diagnose`, `repair --all` and `undo --last` as processes on a PC with 100,000 cache files:
 *   the peak memory of a command at the largest size.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resetPracticePc } from '../src/main/host/practice';
import { practicePcDir } from '../src/main/host/paths';

interface BenchContext {
  quick: boolean;
  log(message: string): void;
}

interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  rssMB: number;
  code: number | null;
  stdout: string;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Reports the process's own CPU time and peak RSS when it exits (getrusage of itself). */
const USAGE_PRELOAD = `process.on('exit', () => {
  const cpu = process.cpuUsage();
  require('node:fs').writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMB: process.resourceUsage().maxRSS / 1024,
  }));
});
`;

/** This process's environment without NODE_EXTRA_CA_CERTS, which Node.js reads at every start. */
function withoutExtraCaCerts(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

function runProcess(
  args: string[],
  usageFile: string,
  preload: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['-r', preload, ...args], {
      env: { ...env, BENCH_USAGE_FILE: usageFile },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      try {
        const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as {
          cpuMs: number;
          rssMB: number;
        };
        resolve({ wallMs, code, stdout, ...usage });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

function summary(prefix: string, runs: ProcessRun[]): Record<string, number> {
  const cpu = runs.map((run) => run.cpuMs);
  const wall = runs.map((run) => run.wallMs);
  return {
    [`${prefix}.cpu.min.ms`]: round(Math.min(...cpu), 1),
    [`${prefix}.cpu.median.ms`]: round(median(cpu), 1),
    [`${prefix}.cpu.max.ms`]: round(Math.max(...cpu), 1),
    [`${prefix}.wall.min.ms`]: round(Math.min(...wall), 1),
    [`${prefix}.wall.median.ms`]: round(median(wall), 1),
    [`${prefix}.wall.max.ms`]: round(Math.max(...wall), 1),
    [`${prefix}.peak-rss.MB`]: round(Math.max(...runs.map((run) => run.rssMB)), 1),
  };
}

export default async function startupBench(
  ctx: BenchContext = { quick: false, log: () => {} },
): Promise<Record<string, number | string>> {
  // Inside the repository (the runner's scratch folder), so the bundles find node_modules.
  const work = await mkdtemp(join(process.env.BENCH_TMP_DIR ?? tmpdir(), 'startup-'));
  const results: Record<string, number | string> = {};
  try {
    // The command line exactly as scripts/build.mjs ships it (its certificate generation in a
    // file of its own beside it), into a folder no other build rewrites.
    // Loaded from the repository as it is (the runner's working folder): bundled into this
    // module, build.mjs would lose its import.meta and its top-level await.
    const buildScript = pathToFileURL(join(process.cwd(), 'scripts', 'build.mjs')).href;
    const { buildProduct, bundleLikeCli } = (await import(
      buildScript
    )) as typeof import('../scripts/build.mjs');
    const [bundle] = await buildProduct({
      only: 'cli',
      outDir: join(work, 'dist'),
      log: () => {},
    });
    if (!bundle) throw new Error('the command line does not build');
    // Run as it is installed: bin/ beside dist/, so the command starts from the code cache the
    // build recorded, as `sfb-signin-repair` does.
    cpSync(join(process.cwd(), 'bin'), join(work, 'bin'), { recursive: true });
    const cli = join(work, 'bin', 'sfb-signin-repair.cjs');
    const load = () =>
      loadavg()
        .map((n) => n.toFixed(1))
        .join(' / ');
    const loadAtStart = load();
    // Bundled as the command line is (its plugins, minified: a bundle with comments is not
    // ASCII-only, and Node would hold all of it as two-byte text), and started as it is, from a
    // code cache recorded the same way, so its first diagnosis meets the same code.
    const probe = join(work, 'first-diagnosis.cjs');
    await bundleLikeCli('bench/probes/first-diagnosis.ts', probe);
    const codeCacheScript = pathToFileURL(join(process.cwd(), 'scripts', 'code-cache.mjs')).href;
    const { keyBundle, recordCodeCache } = (await import(
      codeCacheScript
    )) as typeof import('../scripts/code-cache.mjs');
    keyBundle(probe);
    const probePc = join(work, 'pcs', 'recording');
    await resetPracticePc(probePc, 'kb-lync2013');
    if (!recordCodeCache(probe, ctx.log, (scratch) => [probePc, scratch])) {
      throw new Error('the first-diagnosis probe has no code cache');
    }
    const probeLauncher = join(work, 'first-diagnosis-launcher.cjs');
    writeFileSync(
      probeLauncher,
      `require(${JSON.stringify(join(work, 'bin', 'bundle-loader.cjs'))}).runBundle(${JSON.stringify(probe)});\n`,
    );
    const preload = join(work, 'usage-preload.cjs');
    writeFileSync(preload, USAGE_PRELOAD);
    const usage = join(work, 'usage.json');
    const dataDir = join(work, 'data');

    // The typical practice PC, made once so that `diagnose` below only diagnoses.
    const made = await runProcess([cli, '--data-dir', dataDir, 'diagnose'], usage, preload);
    if (made.code !== 0 && made.code !== 1) throw new Error(`diagnose exited ${made.code}`);

    const commands: Record<string, string[]> = {
      'node -e 0': ['-e', '0'],
      '--help': [cli, '--help'],
      diagnose: [cli, '--data-dir', dataDir, 'diagnose'],
    };
    // With NODE_EXTRA_CA_CERTS set (as on the machines this project is built on), every Node.js
    // process parses those certificates at start, `node -e 0` too (~40 ms of CPU here), which
    // makes every ratio to it smaller. The same pair without it shows the ratio a machine
    // without the variable (a user's PC) would see.
    const withoutCa = process.env.NODE_EXTRA_CA_CERTS
      ? { 'node -e 0 (no extra CA)': ['-e', '0'], 'diagnose (no extra CA)': commands.diagnose! }
      : {};
    const runs: Record<string, ProcessRun[]> = {};
    const rounds = ctx.quick ? 3 : 9;
    // Interleaved rounds, so load from other work on the machine falls on every command alike.
    for (let round = 0; round < rounds; round += 1) {
      for (const [name, args] of Object.entries(commands)) {
        (runs[name] ??= []).push(await runProcess(args, usage, preload));
      }
      for (const [name, args] of Object.entries(withoutCa)) {
        (runs[name] ??= []).push(await runProcess(args, usage, preload, withoutExtraCaCerts()));
      }
    }
    for (const [name, list] of Object.entries(runs)) {
      Object.assign(results, summary(`process ${name}`, list));
    }
    const nodeCpu = median(runs['node -e 0']!.map((run) => run.cpuMs));
    const nodeWall = median(runs['node -e 0']!.map((run) => run.wallMs));
    for (const name of ['--help', 'diagnose']) {
      results[`process ${name} ÷ node -e 0, cpu median`] = round(
        median(runs[name]!.map((run) => run.cpuMs)) / nodeCpu,
      );
      results[`process ${name} ÷ node -e 0, wall median`] = round(
        median(runs[name]!.map((run) => run.wallMs)) / nodeWall,
      );
    }
    const withoutCaRatio =
      'process diagnose ÷ node -e 0, cpu median, both without NODE_EXTRA_CA_CERTS';
    if (runs['diagnose (no extra CA)']) {
      const cpuOf = (name: string) => median(runs[name]!.map((run) => run.cpuMs));
      results[withoutCaRatio] = round(
        cpuOf('diagnose (no extra CA)') / cpuOf('node -e 0 (no extra CA)'),
      );
    }
    ctx.log(
      `processes: node ${round(nodeCpu, 0)} ms cpu, --help ×${results['process --help ÷ node -e 0, cpu median']}, diagnose ×${results['process diagnose ÷ node -e 0, cpu median']}${runs['diagnose (no extra CA)'] ? ` (×${results[withoutCaRatio]} both without NODE_EXTRA_CA_CERTS)` : ''}`,
    );

    // The first diagnosis in a new process, beside the warm ones in that process.
    const pcs: Array<[string, Record<string, number>]> = [
      ['typical', {}],
      [
        'items-10000',
        { certificates: ctx.quick ? 500 : 10_000, credentials: ctx.quick ? 500 : 10_000 },
      ],
      ['cache-files-100000', { cacheFiles: ctx.quick ? 2000 : 100_000 }],
    ];
    for (const [name, scale] of pcs) {
      const root = join(work, 'pcs', name);
      await resetPracticePc(root, 'kb-lync2013', scale);
      const first: number[] = [];
      const firstCpu: number[] = [];
      const firstGc: number[] = [];
      const firstGcCount: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < (ctx.quick ? 2 : 9); i += 1) {
        const run = await runProcess(
          [probeLauncher, root, join(work, 'probe-data', name)],
          usage,
          preload,
        );
        if (run.code !== 0) throw new Error(`first-diagnosis probe exited ${run.code}`);
        const figures = JSON.parse(run.stdout) as {
          firstMs: number;
          firstCpuMs: number;
          firstGcMs: number;
          firstGcCount: number;
          warmMs: number;
        };
        first.push(figures.firstMs);
        firstCpu.push(figures.firstCpuMs);
        firstGc.push(figures.firstGcMs);
        firstGcCount.push(figures.firstGcCount);
        warm.push(figures.warmMs);
      }
      results[`first diagnosis ${name}.cold.median.ms`] = round(median(first), 1);
      results[`first diagnosis ${name}.cold.min.ms`] = round(Math.min(...first), 1);
      results[`first diagnosis ${name}.cold.max.ms`] = round(Math.max(...first), 1);
      results[`first diagnosis ${name}.cold.cpu.median.ms`] = round(median(firstCpu), 1);
      // Of the cold time, garbage collection: the collections that fell inside it, and their cost.
      results[`first diagnosis ${name}.cold.gc.median.ms`] = round(median(firstGc), 1);
      results[`first diagnosis ${name}.cold.gc.collections.median`] = median(firstGcCount);
      results[`first diagnosis ${name}.warm.median.ms`] = round(median(warm), 1);
      results[`first diagnosis ${name}: cold ÷ warm, medians`] = round(
        median(first) / median(warm),
      );
      await rm(root, { recursive: true, force: true });
    }

    // Whole commands at the largest size: their peak memory and time.
    const bigData = join(work, 'big');
    await resetPracticePc(practicePcDir(bigData, 'kb-lync2013'), 'kb-lync2013', {
      cacheFiles: ctx.quick ? 2000 : 100_000,
    });
    const big = (args: string[]) =>
      runProcess(
        [cli, '--data-dir', bigData, '--practice', 'kb-lync2013', ...args],
        usage,
        preload,
      );
    for (const [name, args] of [
      ['diagnose', ['diagnose']],
      ['repair --all', ['repair', '--all', '--yes']],
      ['undo --last', ['undo', '--last']],
    ] as const) {
      const run = await big([...args]);
      results[`100,000 cache files: process ${name}.exit`] = run.code ?? -1;
      results[`100,000 cache files: process ${name}.wall.ms`] = round(run.wallMs, 0);
      results[`100,000 cache files: process ${name}.cpu.ms`] = round(run.cpuMs, 0);
      results[`100,000 cache files: process ${name}.peak-rss.MB`] = round(run.rssMB, 1);
    }
    // Other work on a shared machine slows every figure alike: the ratios to `node -e 0` in the
    // same run are what compares between runs.
    results['NODE_EXTRA_CA_CERTS'] = process.env.NODE_EXTRA_CA_CERTS
      ? 'set: every process, `node -e 0` too, loads those certificates at start (the ratio without it is reported too)'
      : 'not set';
    results.note = `Processes run interleaved with \`node -e 0\` (${rounds} rounds); ratios are of medians in this same run. Load average at start: ${loadAtStart}, at end: ${load()} on ${cpus().length} cores.`;
    return results;
  } finally {
    await rm(work, { recursive: true, force: true, maxRetries: 3 });
  }
}
