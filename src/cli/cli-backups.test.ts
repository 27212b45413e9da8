/**
 * `backups` and `runs RUN_ID` in-process, with the real engine on a real practice PC: sizes as
 * the data folder holds them, purges that keep the PC as it is, and undo refused (never half
 * done) for a repair whose backups are gone.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord } from '../shared/repairs';
import type { BackupInfo } from '../main/engine/types';
import { AppError } from '../shared/errors';
import { openPracticePc } from '../main/host/practice';
import { toCliError } from './cli-error';
import { EXIT } from './exit-codes';
import { createCliHarness, type CliHarness } from '../../testing/cli/cli-harness';
import { snapshotDifferences, snapshotPc } from '../../testing/engine/snapshot';

const DAY_MS = 24 * 60 * 60 * 1000;
let cli: CliHarness;

beforeEach(async () => {
  cli = await createCliHarness();
  expect((await cli.run(['practice', 'reset', 'kb-lync2013'])).code).toBe(EXIT.ok);
});
afterEach(() => cli.dispose());

async function repair(steps: string): Promise<RunRecord> {
  const r = await cli.json<{ run: RunRecord }>(['repair', '--steps', steps, '--yes']);
  expect(r.code, r.stderr).toBe(EXIT.ok);
  return r.value.run;
}

async function snapshot() {
  const host = await openPracticePc(join(cli.dataDir, 'practice', 'kb-lync2013', 'pc'));
  try {
    return await snapshotPc(host);
  } finally {
    await host.close();
  }
}

/** Bytes under a folder, counted independently of the engine. */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const list = async () =>
  (await cli.json<{ backups: BackupInfo[]; totalBytes: number }>(['backups'])).value;

describe('backups: listing', () => {
  it('says there are none before any repair', async () => {
    const r = await cli.run(['backups']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toBe('No backups: no repair has been made with this data folder.\n');
    expect(await list()).toEqual({ backups: [], totalBytes: 0 });
  });

  it('lists each repair with the size its backups take and whether it can be undone', async () => {
    const first = await repair('remove-stored-credentials');
    const second = await repair('remove-personal-certificate');
    const { backups, totalBytes } = await list();
    expect(backups.map((b) => b.runId)).toEqual([second.id, first.id]);
    expect(backups.every((b) => b.undoable && b.sizeBytes > 0)).toBe(true);
    expect(totalBytes).toBe(backups[0]!.sizeBytes + backups[1]!.sizeBytes);

    const text = await cli.run(['backups']);
    expect(text.stdout).toContain('Backups of 2 repairs');
    expect(text.stdout).toContain('2 can still be undone.');
    expect(text.stdout).toMatch(new RegExp(`${first.id} .* can be undone`));

    // Undone: the backups are still there, but nothing is left to undo.
    expect((await cli.run(['undo', first.id])).code).toBe(EXIT.ok);
    const after = await cli.run(['backups']);
    expect(after.stdout).toMatch(new RegExp(`${first.id} .* nothing left to undo`));
  });
});

describe('backups --purge', () => {
  it('deletes one repair by id: frees its bytes, changes nothing on the PC, refuses its undo', async () => {
    const kept = await repair('remove-stored-credentials');
    const purged = await repair('remove-personal-certificate');
    const sizeBefore = (await list()).backups.find((b) => b.runId === purged.id)!.sizeBytes;
    const pcBefore = await snapshot();

    const r = await cli.json<{
      purged: Array<{ runId: string; freedBytes: number }>;
      kept: unknown[];
      freedBytes: number;
      noLongerUndoable: string[];
    }>(['backups', '--purge', '--run', purged.id]);
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(r.value.purged).toEqual([{ runId: purged.id, freedBytes: sizeBefore }]);
    expect(r.value.freedBytes).toBe(sizeBefore);
    expect(r.value.kept).toEqual([]);
    expect(r.value.noLongerUndoable).toEqual([purged.id]);
    expect(snapshotDifferences(pcBefore, await snapshot())).toEqual([]);

    const after = (await list()).backups;
    const gone = after.find((b) => b.runId === purged.id)!;
    expect(gone).toMatchObject({ sizeBytes: 0, undoable: false });
    expect(gone.purgedAt).toBeDefined();
    expect(after.find((b) => b.runId === kept.id)).toMatchObject({ undoable: true });
    const text = await cli.run(['backups']);
    expect(text.stdout).toMatch(new RegExp(`${purged.id} .* backups deleted .*: cannot be undone`));

    // Undo of the purged repair is refused and changes nothing; the other one still undoes.
    const undo = await cli.run(['undo', purged.id]);
    expect(undo.code).toBe(EXIT.notFound);
    expect(undo.stderr).toContain('can no longer be undone');
    expect(snapshotDifferences(pcBefore, await snapshot())).toEqual([]);
    expect((await cli.run(['undo', kept.id])).code).toBe(EXIT.ok);
  });

  it('says in words what was freed and that the repair can no longer be undone', async () => {
    const run = await repair('remove-stored-credentials');
    const r = await cli.run(['backups', '--purge', '--run', run.id]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/^Deleted the backups of 1 repairs, [\d.]+ (bytes|KB) freed\.\n/);
    expect(r.stdout).toContain(`${run.id}  `);
    expect(r.stdout).toContain('it can no longer be undone');
  });

  it('--older-than DAYS deletes only repairs that finished longer ago', async () => {
    const run = await repair('remove-stored-credentials');
    const inTenDays = new Date(Date.now() + 10 * DAY_MS);
    const at = { context: { now: () => inTenDays } };

    const none = await cli.run(['backups', '--purge', '--older-than', '30'], at);
    expect(none.code).toBe(EXIT.ok);
    expect(none.stdout).toBe('No repair matched: nothing was deleted.\n');
    expect((await list()).backups[0]).toMatchObject({ runId: run.id, undoable: true });

    const engineDir = join(cli.dataDir, 'practice', 'kb-lync2013', 'engine');
    const bytesBefore = await folderBytes(engineDir);
    const some = await cli.json<{ purged: Array<{ runId: string }>; freedBytes: number }>(
      ['backups', '--purge', '--older-than', '7'],
      at,
    );
    expect(some.code).toBe(EXIT.ok);
    expect(some.value.purged.map((p) => p.runId)).toEqual([run.id]);
    expect(some.value.freedBytes).toBeGreaterThan(0);
    expect((await list()).backups[0]).toMatchObject({ runId: run.id, sizeBytes: 0 });
    // The bytes really left the data folder; only the journal grew by its purge entry.
    const bytesAfter = await folderBytes(engineDir);
    expect(bytesBefore - bytesAfter).toBeGreaterThan(some.value.freedBytes - 512);
    const detail = await cli.run(['runs', run.id]);
    expect(detail.stdout).toContain('Its backups were deleted on');
  });

  it.each([
    [['backups', '--older-than', '3'], /add --purge/],
    [['backups', '--run', 'abc'], /add --purge/],
    [['backups', '--purge'], /--older-than DAYS, or --run RUN_ID/],
    [['backups', '--purge', '--older-than', 'soon'], /whole days from 0 to 36500, not "soon"/],
    [['backups', '--purge', '--older-than', '-1'], /whole days/],
    [['backups', '--purge', '--older-than', '2', '--run', 'abc'], /either by age/],
    [['backups', '--purge', '--run', '../engine'], /is not a run id/],
  ])('refuses %j with exit 2 and deletes nothing', async (args, message) => {
    await repair('remove-stored-credentials');
    const before = await list();
    const r = await cli.run(args);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(message);
    expect(await list()).toEqual(before);
  });

  it('an unknown run id is exit 6 and deletes nothing, even beside a known one', async () => {
    const run = await repair('remove-stored-credentials');
    const before = await list();
    const r = await cli.json<{ error: { code: string } }>([
      'backups',
      '--purge',
      '--run',
      run.id,
      '--run',
      'run-that-never-was',
    ]);
    expect(r.code).toBe(EXIT.notFound);
    expect(r.value.error.code).toBe('unknown-run');
    expect(await list()).toEqual(before);
  });
});

describe('runs RUN_ID', () => {
  it('shows what each change of the repair did, from its journal', async () => {
    const run = await repair('delete-sign-in-info');
    const detail = await cli.json<RunRecord>(['runs', run.id]);
    expect(detail.code).toBe(EXIT.ok);
    expect(detail.value).toEqual(run);
    const text = await cli.run(['runs', run.id]);
    expect(text.stdout).toContain(
      `Repair ${run.id}: applied (${run.actions.length} of ${run.actions.length} verified)`,
    );
    for (const action of run.actions) {
      expect(text.stdout).toContain(`${action.description} — applied, verified`);
    }
  });

  it('an unknown run is exit 6; a malformed id is exit 2', async () => {
    const unknown = await cli.run(['runs', 'run-that-never-was']);
    expect(unknown.code).toBe(EXIT.notFound);
    expect(unknown.stderr).toContain('run-that-never-was');
    expect((await cli.run(['runs', 'a/b'])).code).toBe(EXIT.usage);
  });
});

describe('file-locked: which lock', () => {
  it("the data folder's lock (another copy of this tool) is exit 10, a file held open exit 3", () => {
    const dataLock = new AppError(
      'file-locked',
      'Another copy of SfB Sign-in Repair is changing this PC right now.',
      { path: join(cli.dataDir, 'practice', 'kb-lync2013', 'engine', 'engine.lock'), pid: 4242 },
    );
    expect(toCliError(dataLock).exitCode).toBe(EXIT.busy);
    const heldFile = new AppError('file-locked', 'Cannot delete it: it is in use', {
      path: 'C:\\Users\\user\\AppData\\Local\\Microsoft\\Office\\15.0\\Lync\\sip_user@contoso.com\\x.cache',
      process: 'lync.exe',
    });
    expect(toCliError(heldFile).exitCode).toBe(EXIT.clientRunning);
  });
});
