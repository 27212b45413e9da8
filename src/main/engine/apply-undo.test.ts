import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { overrideHost, readAllBytes } from '../../../testing/engine/host-wrappers';
import { practiceFixture, type PracticeFixture } from '../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc } from '../../../testing/engine/snapshot';
import type { RepairStepId } from '../../shared/repairs';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const KB2013_STEPS: RepairStepId[] = [
  'delete-sign-in-info',
  'clear-endpoint-cache',
  'flush-dns-cache',
];
const SECRETS = ['Pa55word-OCS', 'Pa55word-EWS'];

describe('apply and undo on kb-lync2013', () => {
  it('repairs exactly the plan, leaves every decoy byte-identical, and undo restores everything', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const progress: string[] = [];
    const engine = fixture.engine({ onProgress: (event) => progress.push(event.message) });
    const before = await snapshotPc(fixture.host);
    const plan = await engine.plan({ steps: KB2013_STEPS });
    const run = await engine.apply(plan.id);
    expect(run.status).toBe('applied');
    expect(run.actions.every((action) => action.outcome === 'applied' && action.verified)).toBe(
      true,
    );
    expect(progress.some((message) => message.startsWith('Backing up'))).toBe(true);

    const after = await snapshotPc(await fixture.reopen());
    const changed = snapshotDifferences(before, after);
    // Precision: every difference belongs to user@contoso.com, and every decoy is untouched.
    // The cache folders were moved whole into the backup area under LocalAppData.
    const moved = changed.filter((line) =>
      /^files: (LocalAppData|Profile\/AppData\/Local)\/SfB Sign-in Repair\/\S* absent -> /.test(
        line,
      ),
    );
    for (const line of changed.filter((each) => !moved.includes(each))) {
      expect(line.toLowerCase()).toMatch(
        /user@contoso\.com|15\.0\\lync :: server(sipuri|username)|currentuser\\my\\/,
      );
    }
    const removedCache = changed.filter((line) =>
      /^files: \S+\/sip_user@contoso\.com\/\S*[^/] "\w+" -> absent$/.test(line),
    );
    expect(removedCache.length).toBeGreaterThan(0);
    expect(moved.filter((line) => !line.endsWith('"dir"'))).toHaveLength(removedCache.length);
    const certificateChanges = changed.filter((line) => line.startsWith('certificates:'));
    expect(certificateChanges).toHaveLength(1);
    expect(changed.filter((line) => line.startsWith('credentials:'))).toEqual([
      expect.stringContaining('Microsoft_OC1:uri=user@contoso.com:specific:EWS:1'),
      expect.stringContaining('Microsoft_OC1:uri=user@contoso.com:specific:OCS:1'),
    ]);
    const changedKeys = changed.map((line) =>
      line.slice(0, line.indexOf(' {') === -1 ? undefined : line.indexOf(' {')),
    );
    expect(changedKeys.join('\n')).not.toMatch(
      /fabrikam|MicrosoftOffice1|git:|Lync\/Tracing|AccountProfiles|Policies/i,
    );

    const report = await engine.diagnose();
    const status = (id: string) => report.findings.find((finding) => finding.id === id)?.status;
    expect([
      status('personal-certificate'),
      status('stored-credentials'),
      status('endpoint-cache'),
    ]).toEqual(['ok', 'ok', 'ok']);

    // Secrets are kept protected, never in clear text (UTF-16LE as stored, or UTF-8).
    const data = readAllBytes(fixture.dataDir);
    for (const secret of SECRETS) {
      expect(data.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
      expect(data.includes(Buffer.from(secret, 'utf8'))).toBe(false);
    }

    const undone = await engine.undo(run.id);
    expect(undone.status).toBe('undone');
    expect(undone.actions.filter((action) => action.outcome === 'undone')).toHaveLength(9);
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
    await expect(engine.undo(run.id)).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('already undone'),
    });
    expect(await engine.lastRunId()).toBe(run.id);
    expect(await engine.listRuns()).toEqual([
      expect.objectContaining({ id: run.id, status: 'undone', actionCount: 10 }),
    ]);
  });

  it('undoes one step only, then the rest', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    const before = await snapshotPc(fixture.host);
    const run = await engine.apply((await engine.plan({ steps: KB2013_STEPS })).id);
    const partly = await engine.undo(run.id, 'remove-stored-credentials');
    expect(partly.status).toBe('partly-undone');
    const now = await snapshotPc(await fixture.reopen());
    const remaining = snapshotDifferences(before, now);
    expect(remaining.some((line) => line.startsWith('credentials:'))).toBe(false);
    expect(remaining.some((line) => line.startsWith('certificates:'))).toBe(true);
    await expect(engine.undo(run.id, 'remove-stored-credentials')).rejects.toMatchObject({
      code: 'invalid-request',
    });
    const rest = await engine.undo(run.id);
    expect(rest.status).toBe('undone');
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });

  it('a new engine (another process) sees the run and can undo it', async () => {
    fixture = await practiceFixture('kb-lync2010');
    const before = await snapshotPc(fixture.host);
    const first = fixture.engine();
    const run = await first.apply(
      (await first.plan({ steps: ['clear-cached-sign-in', 'clear-endpoint-cache'] })).id,
    );
    expect(run.status).toBe('applied');
    const second = fixture.engine({ host: await fixture.reopen() });
    expect(await second.lastRunId()).toBe(run.id);
    expect((await second.undo(run.id)).status).toBe('undone');
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });
});

describe('the client and locked files', () => {
  it('refuses while the client runs, changing nothing; closing it lets the repair go ahead', async () => {
    fixture = await practiceFixture('client-running');
    const engine = fixture.engine();
    const before = await snapshotPc(fixture.host);
    const plan = await engine.plan({ steps: KB2013_STEPS });
    expect(plan.requiresClientClosed).toBe(true);
    expect(plan.warnings.join(' ')).toContain('running');
    await expect(engine.apply(plan.id)).rejects.toMatchObject({
      code: 'client-running',
      details: { process: 'lync.exe' },
    });
    expect(snapshotDifferences(before, await snapshotPc(fixture.host))).toEqual([]);
    expect(await engine.runningClients()).toEqual([{ pid: 4242, name: 'lync.exe' }]);
    expect(await engine.closeClient({ force: false, timeoutMs: 2000 })).toEqual({
      closed: true,
      stillRunning: [],
    });
    expect(await engine.runningClients()).toEqual([]);
    expect((await engine.apply(plan.id)).status).toBe('applied');
  });

  it('a file locked half-way through a step rolls the step back and says which file and process', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    // The practice PC locks whole folders of a signed-in client; a lock that appears in the
    // middle of a step (another process opening one cache file) is simulated at the port.
    // The second folder stays locked through every retry.
    let removals = 0;
    let lockedPath: string | undefined;
    const lockedHost = overrideHost(host, {
      files: {
        async move(path: string, destination: string) {
          removals += 1;
          if (removals === 2) lockedPath = path;
          if (path === lockedPath) {
            throw new AppError('file-locked', `${path}\\GalContacts.db is in use`, {
              path: `${path}\\GalContacts.db`,
              process: 'lync.exe',
            });
          }
          await host.files.move(path, destination);
        },
      },
    });
    const engine = fixture.engine({ host: lockedHost });
    const before = await snapshotPc(host);
    const plan = await engine.plan({
      steps: ['clear-endpoint-cache', 'remove-personal-certificate'],
    });
    const run = await engine.apply(plan.id);
    expect(run.status).toBe('partial');
    const cache = run.actions.filter((action) => action.stepId === 'clear-endpoint-cache');
    expect(cache.map((action) => action.outcome)).toEqual(['rolled-back', 'failed', 'skipped']);
    expect(cache[1]?.error).toMatchObject({
      code: 'file-locked',
      message: expect.stringContaining('lync.exe'),
    });
    expect(
      run.actions.find((action) => action.stepId === 'remove-personal-certificate')?.outcome,
    ).toBe('applied');
    const changed = snapshotDifferences(before, await snapshotPc(await fixture.reopen()));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^certificates: CurrentUser\\My\\/);
  });
});

describe('plans meet a changed PC', () => {
  it('skips what is already gone and refuses what changed', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    const plan = await engine.plan({
      steps: ['remove-personal-certificate', 'clear-connection-settings'],
    });
    const certificate = plan.steps[0]?.actions[0]?.target;
    if (certificate?.kind !== 'certificate') throw new Error('expected a certificate action');
    await fixture.host.certificates.remove(
      { location: 'CurrentUser', name: 'My' },
      certificate.thumbprint,
    );
    const run = await engine.apply(plan.id, { actionIds: ['a1'] });
    expect(run.actions).toEqual([
      expect.objectContaining({
        outcome: 'skipped',
        error: expect.objectContaining({ code: 'stale-plan' }),
      }),
    ]);
    expect(run.status).toBe('applied');

    await fixture.host.registry.setValue(
      { hive: 'HKCU', path: 'Software\\Microsoft\\Office\\15.0\\Lync' },
      'ServerUsername',
      { type: 'REG_SZ', data: 'CONTOSO\\someone-else' },
    );
    await expect(engine.apply(plan.id)).rejects.toMatchObject({ code: 'stale-plan' });
  });
});

describe('MachineGuid', () => {
  it('needs an elevated token; elevated, braces go and undo puts them back', async () => {
    fixture = await practiceFixture('machine-guid-braces');
    const plain = fixture.engine();
    const plan = await plain.plan({ steps: ['fix-machine-guid'] });
    expect(plan.requiresAdmin).toBe(true);
    await expect(plain.apply(plan.id)).rejects.toMatchObject({ code: 'needs-admin' });
    // The practice user is not an administrator; an elevated token is simulated at the port.
    const identity = await fixture.host.identity.current();
    const elevated = overrideHost(fixture.host, {
      identity: { current: async () => ({ ...identity, elevated: true }) },
    });
    const engine = fixture.engine({ host: elevated });
    const before = await snapshotPc(fixture.host);
    // A plan is applied only by the session that showed it (issue 12).
    const run = await engine.apply((await engine.plan({ steps: ['fix-machine-guid'] })).id);
    expect(run.status).toBe('applied');
    const key = { hive: 'HKLM', path: 'SOFTWARE\\Microsoft\\Cryptography', view: '64' } as const;
    expect(await fixture.host.registry.getValue(key, 'MachineGuid')).toEqual({
      type: 'REG_SZ',
      data: 'c1cbd94c-0d35-414c-89ef-dd092b984883',
    });
    await engine.undo(run.id);
    expect(snapshotDifferences(before, await snapshotPc(fixture.host))).toEqual([]);
  });
});

describe('DNS flush', () => {
  it('a failed flush is reported as failed, never as success', async () => {
    fixture = await practiceFixture('healthy');
    const failing = overrideHost(fixture.host, {
      dns: {
        flush: async () => ({
          flushed: false,
          method: 'api',
          detail: 'DnsFlushResolverCache returned FALSE',
        }),
      },
    });
    const engine = fixture.engine({ host: failing });
    const run = await engine.apply((await engine.plan({ steps: ['flush-dns-cache'] })).id);
    expect(run.status).toBe('failed');
    expect(run.actions[0]).toMatchObject({
      outcome: 'failed',
      verified: false,
      error: { message: expect.stringContaining('not flushed') },
    });
  });
});
