import { afterEach, describe, expect, it } from 'vitest';
import { adjustPracticePc } from '../host/practice';
import type { HostSystem } from '../host/ports';
import {
  practiceFacts,
  practiceFixture,
  type PracticeFixture,
} from '../../../testing/engine/practice';
import type { RepairStepId } from '../../shared/repairs';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const STEPS: RepairStepId[] = ['delete-sign-in-info', 'clear-endpoint-cache'];
const { KB_LYNC2013, CLIENT_RUNNING } = practiceFacts;

async function lyncPath(host: HostSystem): Promise<string> {
  const folder = KB_LYNC2013.installFolder;
  const root = await host.files.knownFolder(folder.knownFolder);
  return host.files.join(root!, ...folder.segments, 'lync.exe');
}

describe('starting the client again', () => {
  it('close → repair → start: lync.exe is back from its install folder, as the current user', async () => {
    fixture = await practiceFixture('client-running');
    const engine = fixture.engine();
    expect(await engine.closeClient({ force: false, timeoutMs: 2000 })).toMatchObject({
      closed: true,
    });
    const plan = await engine.plan({ steps: STEPS });
    expect((await engine.apply(plan.id)).status).toBe('applied');
    expect(await engine.runningClients()).toEqual([]);

    const result = await engine.startClient();
    const path = await lyncPath(fixture.host);
    expect(result).toMatchObject({ started: true, client: KB_LYNC2013.clientName, path });
    expect(result.pid).not.toBe(CLIENT_RUNNING.process.pid);

    // Seen by a new process on the same PC: owned by the current user, running its own program.
    const again = await fixture.reopen();
    const processes = await again.processes.find(['lync.exe']);
    expect(processes).toEqual([
      { pid: result.pid, name: 'lync.exe', path, ownedByCurrentUser: true },
    ]);
    expect(await again.registry.getValue(CLIENT_RUNNING.runningStateKey, 'UpAndRunning')).toEqual({
      type: 'REG_DWORD',
      data: 2,
    });
    expect((await fixture.engine().diagnose()).clients).toMatchObject([
      { kind: 'lync2013', running: true },
    ]);
  });

  it('refuses while the client already runs, starting no second one', async () => {
    fixture = await practiceFixture('client-running');
    const result = await fixture.engine().startClient();
    expect(result).toMatchObject({
      started: false,
      refusal: 'already-running',
      pid: CLIENT_RUNNING.process.pid,
    });
    expect(result.reason).toContain('already runs');
    expect(await fixture.host.processes.find(['lync.exe'])).toHaveLength(1);
  });

  it('a client that runs for another user does not count: this user gets their own', async () => {
    fixture = await practiceFixture('client-running');
    await adjustPracticePc(fixture.pcRoot, { clients: { ownedByCurrentUser: false } });
    const host = await fixture.reopen();
    const result = await fixture.engine({ host }).startClient();
    expect(result.started).toBe(true);
    const mine = (await host.processes.find(['lync.exe'])).filter((p) => p.ownedByCurrentUser);
    expect(mine.map((p) => p.pid)).toEqual([result.pid]);
  });

  it('refuses when no client is installed, or not the one asked for', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    expect(await engine.startClient({ kind: 'lync2010' })).toMatchObject({
      started: false,
      refusal: 'no-client',
      reason: 'Lync 2010 is not installed on this PC, so there is nothing to start.',
    });
    // The install key alone is not a client: the program file in its folder still is one.
    for (const view of ['64', '32'] as const) {
      await fixture.host.registry.deleteKey({ ...KB_LYNC2013.installKey, view });
    }
    expect(await engine.startClient()).toMatchObject({ started: true });
    await fixture.engine().closeClient({ force: true, timeoutMs: 2000 });
    await fixture.host.files.remove(await lyncPath(fixture.host));
    expect(await engine.startClient()).toMatchObject({ started: false, refusal: 'no-client' });
  });

  it('refuses when started elevated or as another account than the signed-in one', async () => {
    fixture = await practiceFixture('kb-lync2013');
    await adjustPracticePc(fixture.pcRoot, { identity: { elevated: true } });
    const elevated = await fixture.engine({ host: await fixture.reopen() }).startClient();
    expect(elevated).toMatchObject({
      started: false,
      refusal: 'elevated',
      client: KB_LYNC2013.clientName,
    });
    expect(elevated.reason).toContain('Start menu');

    await adjustPracticePc(fixture.pcRoot, { identity: { interactiveUserName: 'CONTOSO\\jane' } });
    const other = await fixture.engine({ host: await fixture.reopen() }).startClient();
    expect(other).toMatchObject({ started: false, refusal: 'wrong-profile' });
    expect(other.reason).toContain('CONTOSO\\jane');
    expect(await fixture.host.processes.find(['lync.exe'])).toEqual([]);
  });

  it('an install key whose program is gone is a leftover, never started', async () => {
    fixture = await practiceFixture('kb-lync2013');
    await fixture.host.files.remove(await lyncPath(fixture.host));
    const result = await fixture.engine().startClient();
    expect(result).toMatchObject({ started: false, refusal: 'no-client' });
    const client = (await fixture.engine().diagnose()).findings.find((f) => f.id === 'client');
    expect(client?.evidence).toContainEqual(
      expect.objectContaining({
        label: `Leftover ${KB_LYNC2013.clientName} entry: its program does not exist (ignored)`,
      }),
    );
  });
});
