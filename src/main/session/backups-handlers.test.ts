/**
 * `backups.list`, `backups.purge` and the report's run detail through the real dispatcher,
 * handlers and engine on practice PCs, as the app window's main frame calls them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationName, OperationRequest, OperationResponse } from '../../shared/operations';
import { snapshotDifferences, snapshotPc } from '../../../testing/engine/snapshot';
import { createOperationDispatcher } from '../ipc/dispatcher';
import { createHandlers } from './handlers';
import { realServices } from './real-services';
import { openAppSession, type AppSession } from './app-session';

const ORIGIN = 'app://renderer';
const mainFrame = { frameUrl: `${ORIGIN}/index.html`, isAppMainFrame: true };
const sessions: AppSession[] = [];
const dataDirs: string[] = [];

afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function open(dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'sfb-backups-')));
  if (!dataDir) dataDirs.push(dir);
  const session = await openAppSession({
    platform: 'linux',
    dataDir: dir,
    practice: 'kb-lync2013',
    services: { ...(await realServices()), appVersion: '9.9.9' },
  });
  sessions.push(session);
  const dispatch = createOperationDispatcher(createHandlers(session), {
    trustedOrigin: ORIGIN,
    isPractice: () => session.isPractice(),
  });
  const call = async <N extends OperationName>(
    name: N,
    request: OperationRequest<N>,
  ): Promise<OperationResponse<N>> => {
    const result = await dispatch(mainFrame, name, request);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as OperationResponse<N>;
  };
  const repair = async (steps: OperationRequest<'repair.plan'>['steps']) => {
    const plan = await call('repair.plan', { steps });
    return call('repair.apply', { planId: plan.id });
  };
  return { session, dispatch, call, repair, dataDir: dir };
}

describe('backups through the IPC handlers', () => {
  it('lists sizes, purges one run without touching the PC, and its undo is then refused', async () => {
    const { session, dispatch, call, repair } = await open();
    const kept = await repair(['remove-stored-credentials']);
    const purged = await repair(['remove-personal-certificate']);
    const { backups } = await call('backups.list', {});
    expect(backups.map((b) => [b.runId, b.undoable])).toEqual([
      [purged.id, true],
      [kept.id, true],
    ]);
    const size = backups[0]!.sizeBytes;
    expect(size).toBeGreaterThan(0);
    const before = await snapshotPc(session.host());

    expect(await call('backups.purge', { runIds: [purged.id] })).toEqual({
      purged: [{ runId: purged.id, freedBytes: size }],
      kept: [],
    });
    expect(snapshotDifferences(before, await snapshotPc(session.host()))).toEqual([]);

    const after = (await call('backups.list', {})).backups;
    expect(after[0]).toMatchObject({ runId: purged.id, sizeBytes: 0, undoable: false });
    expect(after[0]!.purgedAt).toEqual(expect.any(String));
    const listed = (await call('runs.list', {})).runs.find((run) => run.id === purged.id);
    expect(listed?.backupsPurgedAt).toBe(after[0]!.purgedAt);

    const refused = await dispatch(mainFrame, 'runs.undo', { runId: purged.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(refused.ok ? '' : refused.error.message).toContain('can no longer be undone');
    expect(snapshotDifferences(before, await snapshotPc(session.host()))).toEqual([]);
    expect((await call('runs.undo', { runId: kept.id })).status).toBe('undone');
  });

  it('purges by age: none of today’s runs are older than a day, all are older than 0 days', async () => {
    const { call, repair } = await open();
    const run = await repair(['remove-stored-credentials']);
    expect(await call('backups.purge', { olderThanDays: 1 })).toEqual({ purged: [], kept: [] });
    const all = await call('backups.purge', { olderThanDays: 0 });
    expect(all.purged.map((p) => p.runId)).toEqual([run.id]);
  });

  it.each([
    [{}],
    [{ olderThanDays: -1 }],
    [{ olderThanDays: 1.5 }],
    [{ olderThanDays: '30' }],
    [{ runIds: [] }],
    [{ runIds: ['../engine'] }],
    [{ runIds: ['x'], path: 'C:\\Users' }],
  ])('refuses %j as invalid and deletes nothing', async (request) => {
    const { dispatch, call, repair } = await open();
    await repair(['remove-stored-credentials']);
    const before = await call('backups.list', {});
    const result = await dispatch(mainFrame, 'backups.purge', request);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call('backups.list', {})).toEqual(before);
  });

  it('an unknown run is unknown-run and nothing is deleted', async () => {
    const { dispatch, call, repair } = await open();
    const run = await repair(['remove-stored-credentials']);
    const before = await call('backups.list', {});
    const result = await dispatch(mainFrame, 'backups.purge', { runIds: [run.id, 'run-never'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-run' } });
    expect(await call('backups.list', {})).toEqual(before);
  });
});

describe('the report shows what each change did', () => {
  it('for runs of an earlier session too, read back from the journal', async () => {
    const first = await open();
    const run = await first.repair(['delete-sign-in-info']);
    await first.session.close();
    sessions.splice(sessions.indexOf(first.session), 1);

    // A new window of the app, a new session: the run is known only from the journal.
    const second = await open(first.dataDir);
    const built = await second.call('report.build', { format: 'json' });
    const report = JSON.parse(built.content) as {
      runs: Array<{ id: string; actions?: Array<{ actionId: string; outcome: string }> }>;
    };
    expect(report.runs.map((r) => r.id)).toEqual([run.id]);
    expect(report.runs[0]!.actions).toEqual(
      run.actions.map((action) =>
        expect.objectContaining({ actionId: action.actionId, outcome: 'applied', verified: true }),
      ),
    );
    expect(run.actions.length).toBeGreaterThan(1);
  });
});
