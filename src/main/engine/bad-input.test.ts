import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { EXIT, exitCodeForError } from '../../cli/exit-codes';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FindingId } from '../../shared/findings';
import { AppError } from '../../shared/errors';
import { overrideHost } from '../../../testing/engine/host-wrappers';
import {
  certificateEntryFor,
  issueCertificate,
  practiceFacts,
  practiceFixture,
  type PracticeFixture,
} from '../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc } from '../../../testing/engine/snapshot';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

const MY = { location: 'CurrentUser', name: 'My' } as const;
const LYNC = { hive: 'HKCU', path: 'Software\\Microsoft\\Office\\15.0\\Lync' } as const;

describe('corrupt and odd inputs', () => {
  it('a malformed certificate in My is reported, never a crash and never a target', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const garbage = new Uint8Array([0x30, 0x82, 0x01, 0x00, 0x01, 0x02, 0x03]);
    await fixture.host.certificates.importEntry(MY, certificateEntryFor(garbage));
    // Names the issuer but is still not a certificate: the full parser sees it and fails cleanly.
    const lookalike = Buffer.concat([
      Buffer.from([0x30, 0x19]),
      Buffer.from('Communications Server', 'latin1'),
      Buffer.from([0, 0]),
    ]);
    await fixture.host.certificates.importEntry(MY, certificateEntryFor(lookalike));
    const engine = fixture.engine();
    const report = await engine.diagnose();
    const certificate = report.findings.find((finding) => finding.id === 'personal-certificate');
    expect(certificate?.status).toBe('problem');
    const unreadable =
      certificate?.evidence.filter((evidence) =>
        evidence.label.startsWith('Unreadable certificate'),
      ) ?? [];
    expect(unreadable).toHaveLength(2);
    const before = await snapshotPc(fixture.host);
    const plan = await engine.plan({ steps: ['remove-personal-certificate'] });
    expect(plan.steps[0]?.actions).toHaveLength(1);
    await engine.apply(plan.id);
    const changed = snapshotDifferences(before, await snapshotPc(fixture.host));
    expect(changed).toHaveLength(1);
  });

  it('registry values of the wrong type are reported and ignored, not trusted', async () => {
    fixture = await practiceFixture('kb-lync2013');
    await fixture.host.registry.setValue(LYNC, 'ServerSipUri', { type: 'REG_DWORD', data: 7 });
    await fixture.host.registry.setValue(
      { hive: 'HKLM', path: 'SOFTWARE\\Microsoft\\Cryptography', view: '64' },
      'MachineGuid',
      { type: 'REG_BINARY', data: Buffer.from('{guid}').toString('base64') },
    );
    const engine = fixture.engine();
    const report = await engine.diagnose();
    const status = (id: FindingId) => report.findings.find((finding) => finding.id === id);
    expect(report.currentAddress).toBeUndefined();
    expect(status('machine-guid')?.status).toBe('unknown');
    expect(status('machine-guid')?.summary).toContain('REG_BINARY');
    expect(
      status('connection-settings')?.detail ?? status('connection-settings')?.summary,
    ).toBeDefined();
    expect(
      status('connection-settings')?.evidence.some(
        (evidence) => evidence.value === '7 (REG_DWORD)',
      ),
    ).toBe(true);
    // With no usable current address and two addresses known, the engine asks instead of guessing.
    await expect(engine.plan({ steps: ['clear-connection-settings'] })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    const plan = await engine.plan({
      steps: ['clear-connection-settings', 'fix-machine-guid'],
      address: 'user@contoso.com',
    });
    // A non-string ServerSipUri is never taken for the address, so it is not deleted either.
    expect(plan.steps[0]?.actions.map((action) => action.target.kind)).toEqual(['registry-key']);
    expect(plan.steps[1]?.actions).toEqual([]);
  });

  it('unicode and odd addresses are found, planned exactly and restored byte for byte', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const host = fixture.host;
    const odd = "zoë.o'brien+lync@contoso.com";
    const local = (await host.files.knownFolder('LocalAppData')) as string;
    await host.files.writeFile(
      host.files.join(local, 'Microsoft', 'Office', '15.0', 'Lync', `sip_${odd}`, 'GalContacts.db'),
      new Uint8Array([0, 1, 2, 255]),
    );
    await host.registry.setValue({ ...LYNC, path: `${LYNC.path}\\${odd}` }, 'ServerAddress', {
      type: 'REG_SZ',
      data: 'pool.contoso.com',
    });
    await host.credentials.write({
      targetName: `Microsoft_OC1:uri=${odd}:specific:OCS:1`,
      type: 'generic',
      userName: 'CONTOSO\\zoë',
      persist: 'local-machine',
      lastWritten: new Date().toISOString(),
      secret: practiceFacts.secretBytes('ünïcode-secret'),
    });
    const der = await issueCertificate({
      subject: `CN=${odd}`,
      issuer: 'CN=Communications Server',
      notBefore: new Date(Date.now() - 86_400_000 * 200),
      notAfter: new Date(Date.now() - 86_400_000),
      sipUri: `sip:${odd}`,
    });
    await host.certificates.importEntry(MY, certificateEntryFor(der, { friendlyName: 'Zoë' }));
    const engine = fixture.engine();
    const report = await engine.diagnose();
    expect(report.addresses).toContain(odd);
    const before = await snapshotPc(host);
    const plan = await engine.plan({
      steps: ['delete-sign-in-info', 'clear-endpoint-cache'],
      address: odd.toUpperCase(),
    });
    expect(plan.steps.map((step) => step.actions.length)).toEqual([1, 1, 1, 1]);
    expect(JSON.stringify(plan.steps)).not.toContain('user@contoso.com');
    const run = await engine.apply(plan.id);
    expect(run.status).toBe('applied');
    const changed = snapshotDifferences(before, await snapshotPc(host));
    expect(
      changed.every(
        (line) =>
          line.toLowerCase().includes(odd.toLowerCase()) ||
          line.startsWith('certificates:') ||
          // The cache folder, moved aside whole as its backup.
          /^files: (LocalAppData|Profile\/AppData\/Local)\/SfB Sign-in Repair\//.test(line),
      ),
    ).toBe(true);
    await engine.undo(run.id);
    expect(snapshotDifferences(before, await snapshotPc(host))).toEqual([]);
  });
});

function canMountTmpfs(target: string, size = '64k'): boolean {
  try {
    mkdirSync(target, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', target], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

/** Writes into `path` until the disk says it is full. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (;;) writeSync(fd, new Uint8Array(4096));
  } catch {
    // ENOSPC: full.
  } finally {
    closeSync(fd);
  }
}

describe('out of disk', () => {
  it('a backup that runs out of space leaves the PC as it was', async (context) => {
    fixture = await practiceFixture('kb-lync2013');
    const dataDir = join(fixture.dir, 'small-disk');
    // A real full disk: a 64 KB tmpfs for the engine's data (needs root, as on the CI machines).
    if (!canMountTmpfs(dataDir)) context.skip('mounting a small tmpfs needs root');
    try {
      const host = fixture.host;
      const local = (await host.files.knownFolder('LocalAppData')) as string;
      const big = host.files.join(
        local,
        'Microsoft',
        'Office',
        '15.0',
        'Lync',
        'sip_user@contoso.com',
        'big.bin',
      );
      await host.files.writeFile(big, new Uint8Array(512 * 1024).fill(7));
      const before = await snapshotPc(host);

      // Moved aside, the cache folder needs no room in the data folder at all.
      const engine = fixture.engine({ dataDir });
      const moved = await engine.apply((await engine.plan({ steps: ['clear-endpoint-cache'] })).id);
      expect(moved.status).toBe('applied');
      expect((await engine.undo(moved.id)).status).toBe('undone');
      expect(snapshotDifferences(before, await snapshotPc(host))).toEqual([]);

      // On another volume it is copied: the full disk stops the step and it is rolled back.
      const otherVolume = overrideHost(host, {
        files: {
          async move(source: string) {
            throw new AppError('unsupported', `${source} is on another volume`, { path: source });
          },
        },
      });
      const copying = fixture.engine({ dataDir, host: otherVolume });
      const run = await copying.apply((await copying.plan({ steps: ['clear-endpoint-cache'] })).id);
      expect(run.status).not.toBe('applied');
      expect(run.actions.map((action) => action.error?.message ?? '').join(' ')).toMatch(
        /disk is full/,
      );
      expect(snapshotDifferences(before, await snapshotPc(host))).toEqual([]);
    } finally {
      execFileSync('umount', [dataDir]);
    }
  });

  it('a disk that fills up half-way through the changes ends with the run put back and named, not a data-folder error', async (context) => {
    fixture = await practiceFixture('kb-lync2013');
    const dataDir = join(fixture.dir, 'small-disk');
    if (!canMountTmpfs(dataDir, '2m')) context.skip('mounting a small tmpfs needs root');
    try {
      const host = fixture.host;
      // Enough changes that the journal needs more room than its last page has left.
      for (let index = 0; index < 40; index += 1) {
        await host.credentials.write({
          targetName: `Microsoft_OC1:uri=user@contoso.com:specific:EXTRA${index}:1`,
          type: 'generic',
          userName: 'CONTOSO\\user',
          persist: 'local-machine',
          lastWritten: '2026-12-01T00:00:00.000Z',
          secret: new Uint8Array([index]),
        });
      }
      const before = await snapshotPc(host);
      let applied = 0;
      const engine = fixture.engine(
        { dataDir },
        {
          // After the first change is in the journal, something else fills the disk; the
          // journal's last page still takes a few lines, so it runs out a few changes later.
          afterJournalEntry: async (_runId, entry) => {
            if ((entry as { type: string }).type !== 'applied' || ++applied !== 1) return;
            fillDisk(join(dataDir, 'filler'));
          },
        },
      );
      const plan = await engine.plan({ steps: ['delete-sign-in-info', 'clear-endpoint-cache'] });
      const failure = await engine.apply(plan.id).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({
        code: 'disk-full',
        message: expect.stringMatching(
          /^Repair r\S+ stopped half-way: its journal could not be written .*disk is full.*What it had changed was put back \(\d+ changes?\)\.$/,
        ),
      });
      expect(exitCodeForError('disk-full')).toBe(EXIT.repairFailed);
      expect(snapshotDifferences(before, await snapshotPc(host))).toEqual([]);
    } finally {
      execFileSync('umount', [dataDir]);
    }
  });
});
