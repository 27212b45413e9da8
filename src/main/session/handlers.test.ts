/**
 * The handlers and the session on real practice PCs with the real engine and report, called
 * through the dispatcher exactly as the app window's main frame would.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationName, OperationRequest, ProgressEvent } from '../../shared/operations';
import { snapshotDifferences, snapshotPc } from '../../../testing/engine/snapshot';
import { KB_LYNC2013 } from '../host/practice';
import { memoryAuditSink } from '../ipc/audit';
import { createOperationDispatcher } from '../ipc/dispatcher';
import { createHandlers } from './handlers';
import { realServices } from './real-services';
import { openAppSession, type AppSession } from './app-session';

const ORIGIN = 'app://renderer';
const mainFrame = { frameUrl: `${ORIGIN}/index.html`, isAppMainFrame: true };
const opened: Array<{ session: AppSession; dataDir: string }> = [];

afterEach(async () => {
  for (const { session, dataDir } of opened.splice(0)) {
    await session.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

async function open(scenario: string, platform: NodeJS.Platform = 'linux') {
  const dataDir = await mkdtemp(join(tmpdir(), 'sfb-handlers-'));
  const progress: ProgressEvent[] = [];
  const session = await openAppSession({
    platform,
    dataDir,
    practice: scenario,
    services: { ...(await realServices()), appVersion: '9.9.9' },
    onProgress: (event) => progress.push(event),
  });
  opened.push({ session, dataDir });
  const audit = memoryAuditSink();
  const dispatch = createOperationDispatcher(createHandlers(session), {
    trustedOrigin: ORIGIN,
    isPractice: () => session.isPractice(),
    audit,
  });
  const call = async <N extends OperationName>(name: N, request: OperationRequest<N>) => {
    const result = await dispatch(mainFrame, name, request);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as never;
  };
  return { session, dispatch, call, audit, progress, dataDir };
}

describe('handlers on a practice PC', () => {
  it('answers session.info with the practice scenario and a readable support code', async () => {
    const { call, session } = await open('kb-lync2013');
    const info: {
      hostKind: string;
      practiceScenario: string;
      supportCode: string;
      appVersion: string;
    } = await call('session.info', {});
    expect(info).toMatchObject({
      hostKind: 'practice',
      practiceScenario: 'kb-lync2013',
      appVersion: '9.9.9',
    });
    expect(info.supportCode).toMatch(/^[A-Z3-9]{6}$/);
    expect(info.supportCode).toBe(session.supportCode);
  });

  it('diagnoses, plans, applies and undoes back to the exact original PC', async () => {
    const { call, session, progress } = await open('kb-lync2013');
    const before = await snapshotPc(session.host());

    const diagnosis: { addresses: string[]; findings: Array<{ id: string; status: string }> } =
      await call('diagnosis.run', {});
    expect(diagnosis.addresses).toContain(KB_LYNC2013.primaryAddress);
    expect(diagnosis.findings.find((f) => f.id === 'personal-certificate')?.status).toBe('problem');

    const plan: { id: string; steps: Array<{ actions: unknown[] }> } = await call('repair.plan', {
      steps: ['delete-sign-in-info', 'clear-endpoint-cache'],
    });
    expect(plan.steps.flatMap((s) => s.actions).length).toBeGreaterThan(0);
    // The plan the renderer sees carries descriptions and targets, never the engine's host refs.
    expect(JSON.stringify(plan)).not.toMatch(/"ref"|secret/i);

    const run: { id: string; status: string } = await call('repair.apply', { planId: plan.id });
    expect(run.status).toBe('applied');
    expect(snapshotDifferences(before, await snapshotPc(session.host())).length).toBeGreaterThan(0);
    // Engine progress reaches the window labelled with the operation it belongs to.
    expect(progress.length).toBeGreaterThan(0);
    expect(new Set(progress.map((event) => event.operation))).toEqual(new Set(['repair.apply']));

    const runs: { runs: Array<{ id: string }> } = await call('runs.list', {});
    expect(runs.runs.map((r) => r.id)).toContain(run.id);

    const undone: { status: string } = await call('runs.undo', { runId: run.id });
    expect(undone.status).toBe('undone');
    expect(snapshotDifferences(before, await snapshotPc(session.host()))).toEqual([]);
  });

  it('builds a report of the session without any planted secret', async () => {
    const { call } = await open('kb-lync2013');
    const plan: { id: string } = await call('repair.plan', { steps: ['delete-sign-in-info'] });
    await call('repair.apply', { planId: plan.id });
    for (const format of ['html', 'json'] as const) {
      const report: { fileName: string; content: string } = await call('report.build', { format });
      expect(report.fileName.endsWith(`.${format}`)).toBe(true);
      expect(report.content).toContain(KB_LYNC2013.primaryAddress);
      for (const credential of Object.values(KB_LYNC2013.credentials)) {
        expect(report.content).not.toContain(credential.secret);
      }
    }
  });

  it('reports a running client as a typed error and closes it on request', async () => {
    const { call, dispatch } = await open('client-running');
    const status: { running: Array<{ name: string }> } = await call('client.status', {});
    expect(status.running.map((p) => p.name)).toEqual(['lync.exe']);
    const plan: { id: string } = await call('repair.plan', { steps: ['clear-endpoint-cache'] });
    const refused = await dispatch(mainFrame, 'repair.apply', { planId: plan.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'client-running' } });
    const closed: { closed: boolean } = await call('client.close', {});
    expect(closed.closed).toBe(true);
    const applied: { status: string } = await call('repair.apply', { planId: plan.id });
    expect(applied.status).toBe('applied');
  });

  it('starts the client again after a repair closed it, and refuses a second one or a path', async () => {
    const { call, dispatch, audit } = await open('client-running');
    await call('client.close', {});
    const plan: { id: string } = await call('repair.plan', { steps: ['clear-endpoint-cache'] });
    await call('repair.apply', { planId: plan.id });
    const started: { started: boolean; client: string; pid: number } = await call(
      'client.start',
      {},
    );
    expect(started).toMatchObject({ started: true, client: 'Lync 2013 / Skype for Business 2015' });
    const status: { running: Array<{ pid: number; name: string }> } = await call(
      'client.status',
      {},
    );
    expect(status.running).toEqual([{ pid: started.pid, name: 'lync.exe' }]);
    expect(await call('client.start', {})).toMatchObject({
      started: false,
      refusal: 'already-running',
    });
    // The renderer may name an installed client, never a program to run.
    const forged = await dispatch(mainFrame, 'client.start', {
      path: 'C:\\Windows\\System32\\cmd.exe',
    } as never);
    expect(forged).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch(mainFrame, 'client.start', { kind: 'lync2010' })).toMatchObject({
      ok: true,
      value: { started: false, refusal: 'no-client' },
    });
    expect(audit.entries.filter((entry) => entry.operation === 'client.start')).toHaveLength(4);
  });

  it('lists and resets practice scenarios, forgetting the old session state', async () => {
    const { call, session } = await open('kb-lync2013');
    const list: { current: string; scenarios: Array<{ name: string }> } = await call(
      'practice.list',
      {},
    );
    expect(list.current).toBe('kb-lync2013');
    expect(list.scenarios.map((s) => s.name)).toEqual(
      expect.arrayContaining(['healthy', 'kb-lync2013', 'kb-lync2010', 'client-running']),
    );
    const plan: { id: string } = await call('repair.plan', { steps: ['clear-endpoint-cache'] });
    await call('repair.apply', { planId: plan.id });

    expect(await call('practice.reset', { name: 'kb-lync2010' })).toEqual({
      scenario: 'kb-lync2010',
    });
    const info: { practiceScenario: string } = await call('session.info', {});
    expect(info.practiceScenario).toBe('kb-lync2010');
    const runs: { runs: unknown[] } = await call('runs.list', {});
    expect(runs.runs).toEqual([]);
    expect(session.plans).toEqual([]);
    const diagnosis: { clients: Array<{ kind: string }> } = await call('diagnosis.run', {});
    expect(diagnosis.clients.map((c) => c.kind)).toEqual(['lync2010']);
  });

  it('refuses an unknown scenario with a typed error and keeps the current practice PC', async () => {
    const { dispatch, call } = await open('healthy');
    const result = await dispatch(mainFrame, 'practice.reset', { name: 'no-such-pc' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const info: { practiceScenario: string } = await call('session.info', {});
    expect(info.practiceScenario).toBe('healthy');
  });
});
