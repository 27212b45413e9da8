/**
 * Undo destroys nothing, and can itself be undone: an undo that finds newer data (a new
 * sign-in after the repair) keeps a sealed copy of it with the run; undoing that undo makes the
 * repair's changes again and puts the newer data back exactly, through the checks undo passes.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RepairStepId } from '../../shared/repairs';
import type { HostSystem } from '../host/ports';
import { overrideHost } from '../../../testing/engine/host-wrappers';
import { practiceFixture, type PracticeFixture } from '../../../testing/engine/practice';
import { signInAgain, SIGNED_IN_AGAIN } from '../../../testing/engine/sign-in-again';
import { snapshotDifferences, snapshotPc } from '../../../testing/engine/snapshot';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const SIGN_IN: RepairStepId[] = ['delete-sign-in-info', 'clear-endpoint-cache'];
const CREDENTIAL = SIGNED_IN_AGAIN.credential;
/** The product's own backup area under LocalAppData, where moved cache folders wait. */
const MOVED_AREA = /^files: (LocalAppData|Profile\/AppData\/Local)\/SfB Sign-in Repair\/moved\//;
/**
 * After an undo the old data is back exactly; only the file the new sign-in alone wrote stays
 * in the folder (an undo leaves what the backup does not hold). The practice PC shows
 * LocalAppData also under the profile, so each file appears twice.
 */
function expectOnlyNewFileLeft(differences: string[]): void {
  expect(differences.length).toBeGreaterThan(0);
  for (const line of differences) {
    expect(line).toMatch(/\/sip_user@contoso\.com\/new-after-sign-in\.xml absent -> "\w+"$/);
  }
}

describe('undo of an undo', () => {
  it('repair → new sign-in → undo (old back, newer kept) → undo of the undo (newer back, exactly)', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const before = await snapshotPc(host);
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: SIGN_IN })).id);
    expect(run.status).toBe('applied');
    await signInAgain(host);
    const signedInAgain = await snapshotPc(await fixture.reopen());

    const undone = await engine.undo(run.id);
    expect(undone.status).toBe('undone');
    // The old data is back: only the file the new sign-in alone wrote stays beside it.
    expectOnlyNewFileLeft(snapshotDifferences(before, await snapshotPc(await fixture.reopen())));
    // It says what it kept, and that undoing the undo puts it back.
    expect(undone.newerKept).toEqual([
      expect.stringContaining(CREDENTIAL),
      expect.stringContaining('Lync\\user@contoso.com'),
      expect.stringContaining('sip_user@contoso.com'),
    ]);
    expect(undone.undoUndoable).toBe(true);
    expect(undone.undoable).toBe(false);
    expect(undone.notes?.join('\n')).toMatch(/backed up first.*undoing this undo puts it back/);
    expect((await engine.listBackups())[0]?.undoable).toBe(true);

    const redone = await engine.undo(run.id);
    expect(redone.status).toBe('applied');
    expect(redone.newerKept).toBeUndefined();
    expect(redone.undoUndoable).toBeUndefined();
    expect(redone.undoable).toBe(true);
    expect(redone.notes?.join('\n')).toMatch(/was itself undone/);
    // The newer data is back byte for byte. The product's own backup area now also holds the
    // new-only file, which the undo had left in the folder it moved aside again.
    const differences = snapshotDifferences(
      signedInAgain,
      await snapshotPc(await fixture.reopen()),
    );
    expect(differences.filter((line) => !MOVED_AREA.test(line))).toEqual([]);
    expect(differences.length).toBeGreaterThan(0);
    for (const line of differences) {
      expect(line).toMatch(/\/moved\/r[\w-]+\/a\d+\/new-after-sign-in\.xml absent -> "\w+"$/);
    }

    // And the run can be undone once more: the old is back again, the newer kept again.
    const again = await engine.undo(run.id);
    expect(again.status).toBe('undone');
    expect(again.newerKept).toHaveLength(3);
    expectOnlyNewFileLeft(snapshotDifferences(before, await snapshotPc(await fixture.reopen())));
    const backups = readdirSync(join(fixture.dataDir, 'runs', run.id, 'backup'));
    expect(backups.filter((name) => /-u2$/.test(name))).toHaveLength(3);
  });

  it('passes the checks undo passes: client running, tampered kept data, a change made since', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: SIGN_IN })).id);
    await signInAgain(host);
    await engine.undo(run.id);
    const undone = await snapshotPc(await fixture.reopen());

    const running = overrideHost(host, {
      processes: { find: async () => [{ pid: 4242, name: 'lync.exe', ownedByCurrentUser: true }] },
    });
    await expect(fixture.engine({ host: running }).undo(run.id)).rejects.toMatchObject({
      code: 'client-running',
    });
    expect(snapshotDifferences(undone, await snapshotPc(await fixture.reopen()))).toEqual([]);

    // The kept credential changed after it was sealed: it is not put back, and the credential
    // the undo restored is left in place (nothing is removed on the strength of a bad backup).
    const backupDir = join(fixture.dataDir, 'runs', run.id, 'backup');
    const keptCredential = readdirSync(backupDir)
      .filter((name) => /-u1$/.test(name))
      .map((name) => join(backupDir, name, 'credential.json'))
      .find((path) => {
        try {
          return readFileSync(path, 'utf8').includes(':OCS:');
        } catch {
          return false;
        }
      });
    expect(keptCredential).toBeDefined();
    writeFileSync(
      keptCredential!,
      readFileSync(keptCredential!, 'utf8').replace('CONTOSO\\\\user', 'CONTOSO\\\\evil'),
    );
    // And the per-address key changed again since the undo: it is left as it is.
    await host.registry.setValue(SIGNED_IN_AGAIN.perAddressKey, 'Since', {
      type: 'REG_DWORD',
      data: 1,
    });
    const changedSince = await snapshotPc(await fixture.reopen());

    const redone = await engine.undo(run.id);
    expect(redone.status).toBe('partly-undone');
    const byTarget = (text: string) =>
      redone.actions.find((action) => action.description.includes(text));
    expect(byTarget(':OCS:')).toMatchObject({
      outcome: 'undone',
      error: { code: 'corrupt-data', message: expect.stringMatching(/changed since the backup/) },
    });
    expect(byTarget('Lync\\user@contoso.com')).toMatchObject({
      outcome: 'undone',
      error: { code: 'stale-plan', message: expect.stringMatching(/changed since the undo/) },
    });
    const after = snapshotDifferences(changedSince, await snapshotPc(await fixture.reopen()));
    expect(after.join('\n')).not.toMatch(
      /evil|Microsoft_OC1:uri=user@contoso\.com:specific:OCS|15\.0\\lync\\user@contoso\.com/i,
    );
    expect(after.some((line) => line.includes('new-after-sign-in.xml'))).toBe(true);
  });
});

describe('an interrupted undo of an undo', () => {
  const STEPS: RepairStepId[] = ['remove-stored-credentials', 'clear-endpoint-cache'];

  /** Repair, new sign-in, undo; then the undo of the undo stops for good after entry `crashAt`. */
  async function crashUndoUndoAt(crashAt: number) {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: STEPS })).id);
    await signInAgain(host);
    const signedInAgain = await snapshotPc(await fixture.reopen());
    await engine.undo(run.id);
    let count = 0;
    let entryType = '';
    let reached!: () => void;
    const crashed = new Promise<void>((resolve) => (reached = resolve));
    const doomed = fixture.engine(
      { host: await fixture.reopen() },
      {
        afterJournalEntry: async (_runId, entry) => {
          count += 1;
          if (count === crashAt) {
            entryType = (entry as { type: string }).type;
            reached();
            await new Promise(() => undefined);
          }
        },
      },
    );
    const finished = doomed.undo(run.id).then(() => 'finished');
    await Promise.race([crashed, finished]);
    const next = fixture.engine({ host: await fixture.reopen() });
    const [listed] = await next.listRuns();
    let status = listed?.status;
    if (entryType !== 'redo-end' && entryType !== '') {
      expect(listed?.attention).toMatchObject({
        kind: 'interrupted',
        message: expect.stringContaining('The undo of its undo was interrupted'),
      });
      status = (await next.recover(run.id)).status;
    }
    const differences = snapshotDifferences(
      signedInAgain,
      await snapshotPc(await fixture.reopen()),
    );
    return { entryType, status, count, differences };
  }

  it('an undo killed after writing the old data back, before journalling it, keeps the newer data it had kept', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: STEPS })).id);
    await signInAgain(host);
    const signedInAgain = await snapshotPc(await fixture.reopen());
    let reached!: () => void;
    const crashed = new Promise<void>((resolve) => (reached = resolve));
    const dying = overrideHost(host, {
      credentials: {
        async write(record: Parameters<HostSystem['credentials']['write']>[0]) {
          await host.credentials.write(record);
          if (record.targetName !== CREDENTIAL) return;
          reached();
          // The process dies here: the old credential is back, `undone` is never written.
          await new Promise(() => undefined);
        },
      },
    });
    void fixture.engine({ host: dying }).undo(run.id);
    await crashed;
    const next = fixture.engine({ host: await fixture.reopen() });
    expect((await next.recover(run.id)).status).toBe('undone');
    // Finishing the undo did not take the old credential it had just written for newer data.
    expect((await next.undo(run.id)).status).toBe('applied');
    const differences = snapshotDifferences(
      signedInAgain,
      await snapshotPc(await fixture.reopen()),
    );
    expect(differences.filter((line) => !MOVED_AREA.test(line))).toEqual([]);
  });

  it('is finished by recover from any journal point: the newer data is back exactly', async () => {
    const { count: points } = await crashUndoUndoAt(Number.MAX_SAFE_INTEGER);
    await fixture?.dispose();
    fixture = undefined;
    const seen = new Set<string>();
    for (let crashAt = 1; crashAt <= points; crashAt += 1) {
      const { entryType, status, differences } = await crashUndoUndoAt(crashAt);
      seen.add(entryType);
      expect({
        crashAt,
        entryType,
        status,
        differences: differences.filter((line) => !MOVED_AREA.test(line)),
      }).toEqual({ crashAt, entryType, status: 'applied', differences: [] });
      await (fixture as PracticeFixture | undefined)?.dispose();
      fixture = undefined;
    }
    expect([...seen].sort()).toEqual(['redo-applied', 'redo-end', 'redo-start', 'redone']);
  }, 180_000);
});
