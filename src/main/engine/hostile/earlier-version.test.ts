/**
 * A run journalled by an earlier version, before journals were sealed: plain JSON lines and
 * backups recorded without digests. Nothing in it can be checked, so it is shown with its time
 * and steps as made by an earlier version (not as tampering) and never acted on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RepairStepId } from '../../../shared/repairs';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc } from '../../../../testing/engine/snapshot';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const SIGN_IN: RepairStepId[] = ['delete-sign-in-info', 'clear-endpoint-cache'];

/** The journal as the earlier version wrote it: no MACs, `backed-up` without digests. */
function asEarlierVersion(path: string): void {
  const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
  const plain = lines.map((line) => {
    const entry = JSON.parse(line.slice(line.indexOf(' ') + 1)) as Record<string, unknown>;
    delete entry.digests;
    return JSON.stringify(entry);
  });
  writeFileSync(path, `${plain.join('\n')}\n`);
}

describe('a journal from before journals were sealed', () => {
  it('is listed as made by an earlier version, with its time and steps, and never acted on', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: SIGN_IN })).id);
    asEarlierVersion(join(fixture.dataDir, 'runs', run.id, 'journal.jsonl'));
    const repaired = await snapshotPc(fixture.host);

    const next = fixture.engine({ host: await fixture.reopen() });
    const [listed] = await next.listRuns();
    expect(listed).toMatchObject({
      id: run.id,
      startedAt: run.startedAt,
      steps: run.steps,
      undoable: false,
      attention: {
        kind: 'earlier-version',
        message: expect.stringMatching(/earlier version.*cannot be checked.*never acted on/),
      },
    });
    // Said calmly: nothing suggests tampering.
    expect(listed?.attention?.message).not.toMatch(/integrity|tamper|someone else|damaged/i);
    const [backup] = await next.listBackups();
    expect(backup).toMatchObject({
      runId: run.id,
      startedAt: run.startedAt,
      undoable: false,
      attention: { kind: 'earlier-version' },
    });
    expect(backup?.sizeBytes).toBeGreaterThan(0);
    await expect(next.undo(run.id)).rejects.toMatchObject({
      code: 'corrupt-data',
      message: expect.stringMatching(/earlier version/),
    });
    await expect(next.recover(run.id)).rejects.toMatchObject({
      code: 'corrupt-data',
      message: expect.stringMatching(/earlier version/),
    });
    expect(snapshotDifferences(repaired, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });

  it('an unsealed journal that records digests was written since: it stays damaged', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    const run = await engine.apply((await engine.plan({ steps: ['flush-dns-cache'] })).id);
    const path = join(fixture.dataDir, 'runs', run.id, 'journal.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
    const stripped = lines.map((line) => line.slice(line.indexOf(' ') + 1));
    stripped.splice(1, 0, JSON.stringify({ type: 'backed-up', actionId: 'a1', digests: {} }));
    writeFileSync(path, `${stripped.join('\n')}\n`);
    const [listed] = await fixture.engine().listRuns();
    expect(listed?.attention?.kind).toBe('damaged');
  });
});
