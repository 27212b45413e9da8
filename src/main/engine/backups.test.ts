import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { practiceFixture, type PracticeFixture } from '../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc } from '../../../testing/engine/snapshot';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const DAY = 24 * 60 * 60 * 1000;

describe('backups retention', () => {
  it('lists sizes, purges what is older, and a purged run says so and refuses undo without touching the PC', async () => {
    fixture = await practiceFixture('kb-lync2013');
    let clock = new Date('2025-01-01T10:00:00Z');
    const engine = fixture.engine({ now: () => clock });
    const old = await engine.apply((await engine.plan({ steps: ['delete-sign-in-info'] })).id);
    clock = new Date(clock.getTime() + 40 * DAY);
    const recent = await engine.apply(
      (await engine.plan({ steps: ['clear-endpoint-cache'], address: 'user@contoso.com' })).id,
    );
    expect([old.status, recent.status]).toEqual(['applied', 'applied']);

    const listed = await engine.listBackups();
    expect(listed.map((entry) => [entry.runId, entry.undoable])).toEqual([
      [recent.id, true],
      [old.id, true],
    ]);
    expect(listed.every((entry) => entry.sizeBytes > 0)).toBe(true);

    // Bad requests change nothing.
    await expect(engine.purgeBackups({})).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(engine.purgeBackups({ olderThanDays: -1 })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(engine.purgeBackups({ runIds: [old.id, 'r0-nosuch'] })).rejects.toMatchObject({
      code: 'unknown-run',
    });
    await expect(engine.purgeBackups({ runIds: ['../escape'] })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(await engine.listBackups()).toEqual(listed);

    const result = await engine.purgeBackups({ olderThanDays: 30 });
    expect(result).toEqual({
      purged: [{ runId: old.id, freedBytes: listed[1]?.sizeBytes }],
      kept: [],
    });
    expect(existsSync(join(fixture.dataDir, 'runs', old.id, 'backup'))).toBe(false);
    const after = await engine.listBackups();
    expect(after.find((entry) => entry.runId === old.id)).toMatchObject({
      sizeBytes: 0,
      undoable: false,
      purgedAt: clock.toISOString(),
    });
    expect(after.find((entry) => entry.runId === recent.id)?.undoable).toBe(true);

    // A new process sees the same: the purge is in the journal.
    const next = fixture.engine({ host: await fixture.reopen() });
    const runs = await next.listRuns();
    expect(runs.find((run) => run.id === old.id)?.backupsPurgedAt).toBe(clock.toISOString());
    expect(runs.find((run) => run.id === recent.id)?.backupsPurgedAt).toBeUndefined();

    const repaired = await snapshotPc(await fixture.reopen());
    await expect(next.undo(old.id)).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('can no longer be undone'),
    });
    await expect(next.undo(old.id, 'remove-stored-credentials')).rejects.toMatchObject({
      code: 'invalid-request',
    });
    expect(snapshotDifferences(repaired, await snapshotPc(await fixture.reopen()))).toEqual([]);

    // The run still visible and undoable is undone exactly.
    expect((await next.undo(recent.id)).status).toBe('undone');
    // Purging again by id is harmless and keeps the first date.
    clock = new Date(clock.getTime() + DAY);
    await next.purgeBackups({ runIds: [old.id, recent.id] });
    const final = await next.listRuns();
    expect(final.find((run) => run.id === old.id)?.backupsPurgedAt).not.toBe(clock.toISOString());
    expect(
      (await next.listBackups()).every((entry) => entry.sizeBytes === 0 && !entry.undoable),
    ).toBe(true);
  });

  it('keeps the backups of a run that did not finish', async () => {
    fixture = await practiceFixture('kb-lync2013');
    let reached!: () => void;
    const stopped = new Promise<void>((resolve) => (reached = resolve));
    let count = 0;
    const doomed = fixture.engine(
      {},
      {
        afterJournalEntry: async () => {
          count += 1;
          if (count === 4) {
            reached();
            await new Promise(() => undefined);
          }
        },
      },
    );
    void doomed.apply((await doomed.plan({ steps: ['delete-sign-in-info'] })).id);
    await stopped;
    // Another reader sees the unfinished run before any writer recovers it.
    const { purgeBackups } = await import('./backups');
    const { EngineStore } = await import('../journal/engine-store');
    const state = {
      host: fixture.host,
      store: new EngineStore(fixture.dataDir),
      now: () => new Date(),
      progress: () => undefined,
      plans: new Map(),
      hooks: {},
    };
    const result = await purgeBackups(state, { olderThanDays: 0 });
    expect(result.purged).toEqual([]);
    expect(result.kept).toEqual([
      { runId: expect.any(String), reason: expect.stringContaining('did not finish') },
    ]);
  });
});
