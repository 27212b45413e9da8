// `npm run bench`: runs every `bench/*.bench.ts` module and writes bench/results/latest.json
// and a readable bench/results/latest.md.
//
// A bench module is TypeScript with one default export:
//   export default async function (context?: BenchContext): Promise<Record<string, number | string>>
// returning named results (numbers with their unit in the name, e.g. `diagnose.typical.ms`).
// `context` (optional to use) is { quick: boolean, log(message) }. Scratch files go in
// process.env.BENCH_TMP_DIR, which the runner removes after the module. A module keeps within
// its own time budget; the runner stops one after SECTION_TIMEOUT_MS.
//
// Each module is bundled with esbuild (CommonJS, node_modules left external) and run in its own
// Node.js process, so one module's memory use or crash does not colour another's figures.
//
// Options: --only=<name>[,<name>]  run only these modules (file name without .bench.ts)
//          --quick                 small sizes, for checking the bench itself
//          --out=<dir>             results folder (default bench/results)
//
// The results file keeps every module's latest section: a run of some modules (--only) replaces
// their sections and keeps the others, each section saying when (and whether quick) it ran.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem, release, platform, arch } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout, clearTimeout } from 'node:timers';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SECTION_TIMEOUT_MS = 7 * 60_000;

function argValue(name) {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3);
}

// ---------------------------------------------------------------------------------------------
// Child mode: `node --expose-gc scripts/bench.mjs --child <bundle.cjs> <result.json>`

async function runChild(bundle, resultFile) {
  const quick = process.argv.includes('--quick');
  const mod = await import(pathToFileURL(bundle).href);
  const fn = mod.default?.default ?? mod.default;
  if (typeof fn !== 'function') {
    throw new Error(`${basename(bundle)} has no default export function`);
  }
  const started = performance.now();
  const results = await fn({ quick, log: (message) => process.stderr.write(`  ${message}\n`) });
  if (typeof results !== 'object' || results === null) {
    throw new Error(`${basename(bundle)} returned ${typeof results}, not named results`);
  }
  for (const [key, value] of Object.entries(results)) {
    if (typeof value !== 'number' && typeof value !== 'string') {
      throw new Error(`${basename(bundle)}: result "${key}" is neither a number nor a string`);
    }
  }
  const durationMs = Math.round(performance.now() - started);
  await writeFile(resultFile, JSON.stringify({ durationMs, results }));
  // A module may leave work it gave up on (over its own time budget) running: do not wait.
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Runner mode

function runSection(bundle, resultFile, quick, scratch) {
  return new Promise((resolvePromise) => {
    const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', bundle, resultFile];
    if (quick) args.push('--quick');
    const child = spawn(process.execPath, args, {
      cwd: repo,
      env: { ...process.env, BENCH_TMP_DIR: scratch },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), SECTION_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stderr });
    });
  });
}

function machine() {
  const list = cpus();
  return {
    cpu: list[0]?.model?.trim() ?? 'unknown',
    cores: list.length,
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
  };
}

function formatValue(value) {
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

const describeMachine = (m) =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node.js ${m.node}, ${m.os}`;

function markdown(report) {
  const lines = [
    '# Benchmark results',
    '',
    `Last run ${report.startedAt}${report.quick ? ' (quick sizes: not for comparison)' : ''}, ` +
      `${Math.round(report.durationMs / 1000)} s; each section says when it ran.`,
    '',
    `Machine: ${describeMachine(report.machine)}.`,
    '',
  ];
  for (const [name, section] of Object.entries(report.sections)) {
    lines.push(`## ${name}`, '');
    const when = section.ranAt ? `Run ${section.ranAt}` : 'Run time not recorded';
    const machineNote = section.machine ? ` on ${describeMachine(section.machine)}` : '';
    lines.push(`${when}${section.quick ? ' (quick sizes)' : ''}${machineNote}.`, '');
    if (section.error) {
      lines.push(`Failed: ${section.error}`, '');
      continue;
    }
    const notes = Object.entries(section.results).filter(([key]) => key.startsWith('note'));
    for (const [, note] of notes) lines.push(String(note), '');
    const growth = Object.entries(section.results).filter(([key]) => key.startsWith('growth'));
    if (growth.length > 0) {
      lines.push(
        'Growth ratios (time at the larger size ÷ time at the smaller; linear growth ≈ the size ratio):',
        '',
      );
      for (const [key, value] of growth) lines.push(`- ${key}: ${formatValue(value)}`);
      lines.push('');
    }
    lines.push('| result | value |', '|---|---:|');
    for (const [key, value] of Object.entries(section.results)) {
      if (key.startsWith('note') || key.startsWith('growth')) continue;
      lines.push(`| ${key} | ${formatValue(value)} |`);
    }
    lines.push('', `(${Math.round(section.durationMs / 1000)} s)`, '');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * This run's sections over those of the results file already there: a module not run this time
 * keeps its last section, marked with when it ran and, if it differs, the machine it ran on.
 */
async function mergeWithEarlier(file, report) {
  let earlier;
  try {
    earlier = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return report.sections;
  }
  if (typeof earlier?.sections !== 'object' || earlier.sections === null) return report.sections;
  const sameMachine = JSON.stringify(earlier.machine) === JSON.stringify(report.machine);
  const kept = {};
  for (const [name, section] of Object.entries(earlier.sections)) {
    if (name in report.sections) continue;
    kept[name] = {
      ranAt: earlier.startedAt,
      ...(earlier.quick ? { quick: true } : {}),
      ...(!sameMachine && earlier.machine ? { machine: earlier.machine } : {}),
      ...section,
    };
  }
  return Object.fromEntries(
    Object.entries({ ...kept, ...report.sections }).sort(([a], [b]) => a.localeCompare(b)),
  );
}

async function runAll() {
  const quick = process.argv.includes('--quick');
  const only = argValue('only')?.split(',');
  const outDir = resolve(repo, argValue('out') ?? 'bench/results');
  const benchDir = join(repo, 'bench');
  const files = (await readdir(benchDir))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !only || only.includes(f.replace(/\.bench\.ts$/, '')))
    .sort();
  if (files.length === 0) {
    console.error(
      only ? `No bench module named ${only.join(', ')}.` : 'No bench/*.bench.ts modules.',
    );
    process.exit(2);
  }
  // Inside the repo so the bundles resolve node_modules like the sources do.
  // One folder per run, so two people benchmarking at once do not remove each other's bundles.
  const work = join(repo, '.cache', 'bench', `run-${process.pid}-${Date.now()}`);
  await mkdir(work, { recursive: true });
  await mkdir(outDir, { recursive: true });

  const started = Date.now();
  const report = {
    startedAt: new Date(started).toISOString(),
    quick,
    machine: machine(),
    sections: {},
  };
  let failed = 0;
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, '');
    const bundle = join(work, `${name}.cjs`);
    const resultFile = join(work, `${name}.result.json`);
    console.error(`bench ${name}${quick ? ' (quick)' : ''}`);
    try {
      await build({
        entryPoints: [join(benchDir, file)],
        outfile: bundle,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        packages: 'external',
        logLevel: 'warning',
      });
    } catch (error) {
      report.sections[name] = { error: `does not build: ${error.message}` };
      failed++;
      continue;
    }
    // Each module's scratch folder (practice PCs and the like), removed whatever happened.
    const scratch = join(work, `${name}.tmp`);
    await mkdir(scratch, { recursive: true });
    const { code, signal, stderr } = await runSection(bundle, resultFile, quick, scratch);
    await rm(scratch, { recursive: true, force: true, maxRetries: 3 });
    if (code !== 0) {
      const last = stderr.trim().split('\n').slice(-3).join(' ');
      report.sections[name] = {
        error: signal ? `stopped (${signal}) after the time limit` : `exit ${code}: ${last}`,
      };
      failed++;
      continue;
    }
    report.sections[name] = JSON.parse(await readFile(resultFile, 'utf8'));
  }
  report.durationMs = Date.now() - started;
  for (const section of Object.values(report.sections)) {
    section.ranAt = report.startedAt;
    if (quick) section.quick = true;
  }
  report.sections = await mergeWithEarlier(join(outDir, 'latest.json'), report);
  await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(outDir, 'latest.md'), markdown(report));
  console.error(
    `wrote ${join(outDir, 'latest.json')} and latest.md in ${Math.round(report.durationMs / 1000)} s`,
  );
  await rm(work, { recursive: true, force: true });
  if (failed > 0) process.exit(1);
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
  runChild(process.argv[childIndex + 1], process.argv[childIndex + 2]).catch((error) => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
} else {
  await runAll();
}
