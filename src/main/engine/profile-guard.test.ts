import { afterEach, describe, expect, it } from 'vitest';
import { adjustPracticePc } from '../host/practice';
import type { Identity } from '../host/ports';
import { profileMismatch } from './profile-guard';
import { practiceFixture, type PracticeFixture } from '../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc } from '../../../testing/engine/snapshot';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const PER_USER = [
  'delete-sign-in-info',
  'clear-cached-sign-in',
  'clear-endpoint-cache',
  'remove-personal-certificate',
  'remove-stored-credentials',
  'clear-connection-settings',
  'remove-distrusted-root',
] as const;

/** The practice PC as a process started with another identity sees it. */
async function startedAs(identity: Partial<Identity>) {
  fixture = await practiceFixture('kb-lync2013');
  await adjustPracticePc(fixture.pcRoot, { identity });
  const host = await fixture.reopen();
  return { host, engine: fixture.engine({ host }) };
}

describe('profile guard', () => {
  it('the normal case (same user, elevated or not) has no profile finding and plans per-user steps', async () => {
    for (const elevated of [false, true]) {
      const { engine } = await startedAs({
        userName: 'user',
        interactiveUserName: 'user',
        elevated,
      });
      const report = await engine.diagnose();
      expect(report.findings.map((finding) => finding.id)).not.toContain('profile');
      const plan = await engine.plan({ steps: ['delete-sign-in-info'] });
      expect(plan.steps.flatMap((step) => step.actions).length).toBeGreaterThan(0);
      await fixture?.dispose();
      fixture = undefined;
    }
  });

  it('started as administrator with another account: a finding first, per-user steps refused, nothing changed', async () => {
    const { host, engine } = await startedAs({
      userName: 'admin',
      elevated: true,
      interactiveUserName: 'user',
    });
    const before = await snapshotPc(host);
    const report = await engine.diagnose();
    expect(report.findings[0]).toMatchObject({
      id: 'profile',
      status: 'problem',
      summary: 'Started as CONTOSO\\admin while user is signed in: restart it normally.',
    });
    for (const step of PER_USER) {
      await expect(engine.plan({ steps: [step] }), step).rejects.toMatchObject({
        code: 'wrong-profile',
        message: expect.stringContaining(
          'started as administrator as CONTOSO\\admin while user is signed in',
        ),
      });
    }
    // A mix is refused as a whole, naming the per-user part.
    await expect(
      engine.plan({ steps: ['flush-dns-cache', 'clear-endpoint-cache'] }),
    ).rejects.toMatchObject({
      code: 'wrong-profile',
      message: expect.stringContaining('Delete the endpoint cache'),
    });
    // The machine-wide steps still run.
    const machine = await engine.plan({ steps: ['fix-machine-guid', 'flush-dns-cache'] });
    const run = await engine.apply(machine.id);
    expect(run.actions.length).toBeGreaterThan(0);
    const changed = snapshotDifferences(before, await snapshotPc(await fixture!.reopen()));
    expect(changed.join('\n')).not.toMatch(/credentials:|certificates:|user@contoso/i);
  });

  it('run as a different (not elevated) user: refused the same way, and undo of a run made normally is refused', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const normal = fixture.engine();
    const before = await snapshotPc(fixture.host);
    const run = await normal.apply((await normal.plan({ steps: ['delete-sign-in-info'] })).id);
    expect(run.status).toBe('applied');
    const repaired = await snapshotPc(await fixture.reopen());

    await adjustPracticePc(fixture.pcRoot, {
      identity: { userName: 'helpdesk', elevated: false, interactiveUserName: 'CONTOSO\\user' },
    });
    const other = fixture.engine({ host: await fixture.reopen() });
    expect((await other.diagnose()).findings[0]?.summary).toBe(
      'Started as CONTOSO\\helpdesk while CONTOSO\\user is signed in: restart it normally.',
    );
    await expect(other.undo(run.id)).rejects.toMatchObject({ code: 'wrong-profile' });
    await expect(other.undo(run.id, 'remove-stored-credentials')).rejects.toMatchObject({
      code: 'wrong-profile',
    });
    expect(snapshotDifferences(repaired, await snapshotPc(await fixture.reopen()))).toEqual([]);

    // Back as the signed-in user, the same undo goes through.
    await adjustPracticePc(fixture.pcRoot, { identity: { userName: 'user' } });
    const back = fixture.engine({ host: await fixture.reopen() });
    expect((await back.undo(run.id)).status).toBe('undone');
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });

  it('compares account names as Windows does', () => {
    const base: Identity = {
      userName: 'user',
      domain: 'CONTOSO',
      sid: 'S-1-5-21-1',
      elevated: false,
    };
    expect(profileMismatch({ ...base, interactiveUserName: 'USER' })).toBeUndefined();
    expect(profileMismatch({ ...base, interactiveUserName: 'contoso\\User' })).toBeUndefined();
    expect(profileMismatch({ ...base })).toBeUndefined();
    expect(profileMismatch({ ...base, interactiveUserName: 'FABRIKAM\\user' })).toMatchObject({
      runningAs: 'CONTOSO\\user',
      signedIn: 'FABRIKAM\\user',
    });
  });
});
