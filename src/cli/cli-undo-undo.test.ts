/**
 * The command line's way to undo an undo: after an undo that kept newer data it says so and
 * names the command; `undo RUN_ID` again puts that data back; JSON carries what was kept.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord, RunSummary } from '../shared/repairs';
import { KB_LYNC2013, openPracticePc } from '../main/host/practice';
import { EXIT } from './exit-codes';
import { createCliHarness, type CliHarness } from '../../testing/cli/cli-harness';
import { snapshotDifferences, snapshotPc } from '../../testing/engine/snapshot';

let cli: CliHarness;
beforeAll(async () => {
  cli = await createCliHarness();
});
afterAll(() => cli.dispose());

const pcRoot = join('practice', 'kb-lync2013', 'pc');

async function onPc<T>(act: (host: Awaited<ReturnType<typeof openPracticePc>>) => Promise<T>) {
  const host = await openPracticePc(join(cli.dataDir, pcRoot));
  try {
    return await act(host);
  } finally {
    await host.close();
  }
}

const practice = ['--practice', 'kb-lync2013'];
const OCS = KB_LYNC2013.credentials.primaryOcs.targetName;

describe('undo RUN_ID after an undo that kept newer data', () => {
  it('says what was kept and how to put it back, then puts it back', async () => {
    await cli.run(['practice', 'reset', 'kb-lync2013']);
    const repaired = await cli.json<{ run: RunRecord }>([
      ...practice,
      'repair',
      '--steps',
      'remove-stored-credentials',
      '--yes',
    ]);
    expect(repaired.code).toBe(EXIT.ok);
    const runId = repaired.value.run.id;
    // A new sign-in after the repair stores a new password under the same name.
    await onPc((host) =>
      host.credentials.write({
        targetName: OCS,
        type: 'generic',
        userName: 'CONTOSO\\user',
        persist: 'local-machine',
        lastWritten: '2026-12-02T00:00:00.000Z',
        secret: new Uint8Array(Buffer.from('the new password', 'utf16le')),
      }),
    );
    const signedInAgain = await onPc(snapshotPc);

    const undo = await cli.run([...practice, 'undo', runId]);
    expect(undo.code).toBe(EXIT.ok);
    expect(undo.stdout).toContain(`Remove the saved sign-in credential ${OCS}`);
    expect(undo.stdout).toMatch(/backed up first and is kept with this repair/);
    expect(undo.stdout).toMatch(
      new RegExp(
        `^To put back what the undo kept, undo the undo: sfb-signin-repair --practice kb-lync2013 undo ${runId}$`,
        'm',
      ),
    );
    const runs = await cli.json<{ runs: RunSummary[] }>([...practice, 'runs']);
    expect(runs.value.runs[0]).toMatchObject({
      id: runId,
      status: 'undone',
      undoable: false,
      undoUndoable: true,
      newerKept: [expect.stringContaining(OCS)],
    });
    // --last still means "the newest repair with something to undo": there is none.
    expect((await cli.run([...practice, 'undo', '--last'])).code).toBe(EXIT.notFound);

    const again = await cli.json<RunRecord>([...practice, 'undo', runId]);
    expect(again.code).toBe(EXIT.ok);
    expect(again.value).toMatchObject({ id: runId, status: 'applied', undoable: true });
    expect(again.value.undoUndoable).toBeUndefined();
    expect(snapshotDifferences(signedInAgain, await onPc(snapshotPc))).toEqual([]);
  });
});
