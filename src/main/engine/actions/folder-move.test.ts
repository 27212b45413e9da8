import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { HostSystem } from '../../host/ports';
import { findCacheFolders } from '../inventory/cache-folders';
import { overrideHost } from '../../../../testing/engine/host-wrappers';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc } from '../../../../testing/engine/snapshot';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const CACHE = ['Microsoft', 'Office', '15.0', 'Lync', 'sip_user@contoso.com'];

async function cacheFolder(host: HostSystem): Promise<string> {
  const local = await host.files.knownFolder('LocalAppData');
  return host.files.join(local as string, ...CACHE);
}

async function productFolder(host: HostSystem): Promise<string> {
  const local = await host.files.knownFolder('LocalAppData');
  return host.files.join(local as string, 'SfB Sign-in Repair');
}

/** The backup documents of the run's clear-endpoint-cache actions. */
function backupDocuments(dataDir: string, runId: string, name: string): string[] {
  const backups = join(dataDir, 'runs', runId, 'backup');
  return ['a1', 'a2', 'a3', 'a4']
    .map((id) => join(backups, id, name))
    .filter((path) => existsSync(path));
}

describe('a cache folder backed up by moving it aside', () => {
  it('moves a file written after the plan with the folder, and undo brings everything back', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const folder = await cacheFolder(host);
    const before = await snapshotPc(host);
    const late = host.files.join(folder, 'written-after-the-backup.cache');
    // The client (or anything) writes into the folder between the backup and the change.
    const engine = fixture.engine(
      {},
      {
        afterJournalEntry: async (_runId, entry) => {
          if ((entry as { type: string }).type === 'apply-start' && existsSync(folder)) {
            writeFileSync(late, 'late');
          }
        },
      },
    );
    const run = await engine.apply((await engine.plan({ steps: ['clear-endpoint-cache'] })).id);
    expect(run.status).toBe('applied');
    expect(await host.files.stat(folder)).toBeUndefined();

    const records = backupDocuments(fixture.dataDir, run.id, 'folder-move.json');
    expect(records.length).toBeGreaterThan(0);
    expect(backupDocuments(fixture.dataDir, run.id, 'files.pack')).toEqual([]);
    const moved = records
      .map((path) => JSON.parse(readFileSync(path, 'utf8')) as { root: string; movedTo: string })
      .find((record) => record.root === folder);
    expect(moved?.movedTo.startsWith(await productFolder(host))).toBe(true);
    // Nothing lost unseen: the late file is in the backup area with the rest.
    expect(
      Buffer.from(
        await host.files.readFile(
          host.files.join(moved!.movedTo, 'written-after-the-backup.cache'),
        ),
      ).toString(),
    ).toBe('late');

    expect((await engine.undo(run.id)).status).toBe('undone');
    expect(Buffer.from(await host.files.readFile(late)).toString()).toBe('late');
    await host.files.remove(late);
    // Back exactly, and the backup area leaves nothing behind.
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });

  it('undo over a folder the client made again puts the backup back and keeps the new files', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const folder = await cacheFolder(host);
    const original = await host.files.readFile(host.files.join(folder, 'GalContacts.db'));
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: ['clear-endpoint-cache'] })).id);
    await host.files.writeFile(host.files.join(folder, 'GalContacts.db'), new Uint8Array([1]));
    await host.files.writeFile(host.files.join(folder, 'new.cache'), new Uint8Array([2]));

    expect((await engine.undo(run.id)).status).toBe('undone');
    expect(await host.files.readFile(host.files.join(folder, 'GalContacts.db'))).toEqual(original);
    expect(await host.files.readFile(host.files.join(folder, 'new.cache'))).toEqual(
      new Uint8Array([2]),
    );
    expect(await host.files.stat(await productFolder(host))).toBeUndefined();
  });

  it('a crash right after the move, before the journal says so, is rolled back exactly', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const before = await snapshotPc(host);
    let reached!: () => void;
    const crashed = new Promise<void>((resolve) => (reached = resolve));
    const dying = overrideHost(host, {
      files: {
        async move(source: string, destination: string) {
          await host.files.move(source, destination);
          reached();
          // The process dies here: the folder is moved and `applied` is never written.
          await new Promise(() => undefined);
        },
      },
    });
    const doomed = fixture.engine({ host: dying });
    void doomed.apply((await doomed.plan({ steps: ['clear-endpoint-cache'] })).id);
    await crashed;
    const halfDone = await snapshotPc(await fixture.reopen());
    expect(snapshotDifferences(before, halfDone).some((line) => line.includes('/moved/'))).toBe(
      true,
    );

    // Listing shows the interrupted run and changes nothing; recovery is the user's choice.
    const next = fixture.engine({ host: await fixture.reopen() });
    const [listed] = await next.listRuns();
    expect(listed?.attention?.kind).toBe('interrupted');
    expect(snapshotDifferences(halfDone, await snapshotPc(await fixture.reopen()))).toEqual([]);
    expect((await next.recover(listed?.id ?? '')).status).toBe('rolled-back');
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });

  it('on another volume the move is refused and the folder is packed and deleted as before', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const before = await snapshotPc(host);
    let refused = 0;
    const otherVolume = overrideHost(host, {
      files: {
        async move(source: string) {
          refused += 1;
          throw new AppError('unsupported', `${source} is on another volume`, { path: source });
        },
      },
    });
    const engine = fixture.engine({ host: otherVolume });
    const run = await engine.apply((await engine.plan({ steps: ['clear-endpoint-cache'] })).id);
    expect(run.status).toBe('applied');
    expect(refused).toBeGreaterThan(0);
    expect(await host.files.stat(await cacheFolder(host))).toBeUndefined();
    expect(backupDocuments(fixture.dataDir, run.id, 'files.pack').length).toBe(refused);
    expect(await host.files.stat(await productFolder(host))).toBeUndefined();

    expect((await engine.undo(run.id)).status).toBe('undone');
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });

  it('a purge deletes the folders the run moved aside', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const engine = fixture.engine();
    const cacheBytes = (await findCacheFolders(host.files))
      .filter((folder) => folder.address === 'user@contoso.com')
      .reduce((sum, folder) => sum + folder.totalBytes, 0);
    const run = await engine.apply((await engine.plan({ steps: ['clear-endpoint-cache'] })).id);
    expect((await host.files.listKinds(await productFolder(host)))?.length).toBe(1);
    // The moved folders count in the backups' size.
    const [listed] = await engine.listBackups();
    expect(listed?.sizeBytes).toBeGreaterThan(cacheBytes);
    const purged = await engine.purgeBackups({ runIds: [run.id] });
    expect(purged.purged[0]?.freedBytes).toBe(listed?.sizeBytes);
    expect(await host.files.stat(await productFolder(host))).toBeUndefined();
    await expect(engine.undo(run.id)).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('a backup record pointing anywhere but its own place is refused and nothing moves', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: ['clear-endpoint-cache'] })).id);
    const [record] = backupDocuments(fixture.dataDir, run.id, 'folder-move.json');
    const planted = JSON.parse(readFileSync(record!, 'utf8')) as { root: string };
    const elsewhere = host.files.join((await host.files.knownFolder('Profile')) as string, 'x');
    writeFileSync(record!, JSON.stringify({ root: planted.root, movedTo: elsewhere }));
    const undone = await engine.undo(run.id);
    expect(undone.status).not.toBe('undone');
    expect(undone.actions.some((action) => action.error?.code === 'corrupt-data')).toBe(true);
    expect(await host.files.stat(elsewhere)).toBeUndefined();
  });
});
