import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosisReport, FindingId } from '../../../shared/findings';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

async function diagnose(scenario: string): Promise<DiagnosisReport> {
  fixture = await practiceFixture(scenario);
  return fixture.engine().diagnose();
}

function statuses(report: DiagnosisReport): Record<string, string> {
  return Object.fromEntries(report.findings.map((finding) => [finding.id, finding.status]));
}

export function findingOf(report: DiagnosisReport, id: FindingId) {
  const found = report.findings.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no finding ${id}`);
  return found;
}

const values = (report: DiagnosisReport, id: FindingId) =>
  findingOf(report, id).evidence.map((evidence) => evidence.value);

describe('the endpoint cache once deleted', () => {
  it('offers the Tracing folder and AccountProfiles.dat that remain, not the cache', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    for (const address of (await engine.diagnose()).addresses) {
      const plan = await engine.plan({ steps: ['clear-endpoint-cache'], address });
      const run = await engine.apply(plan.id);
      expect(run.actions.every((action) => action.outcome === 'applied')).toBe(true);
    }
    const cache = findingOf(await engine.diagnose(), 'endpoint-cache');
    expect(cache.status).toBe('ok');
    expect(cache.summary).toBe('There is no endpoint cache.');
    expect(cache.repairs).toEqual(['clear-tracing-folder', 'remove-account-profiles']);
  });
});

describe('diagnosis of the practice scenarios', () => {
  it('kb-lync2013: expired certificate, stale cache, saved credentials and settings are problems', async () => {
    const report = await diagnose('kb-lync2013');
    expect(statuses(report)).toEqual({
      // Lync 2013 SP1 is older than the first build that signs in over TLS 1.2 only.
      client: 'warning',
      'sign-in-assistant': 'not-applicable',
      'modern-authentication': 'ok',
      'sign-in-addresses': 'ok',
      'endpoint-cache': 'problem',
      'personal-certificate': 'problem',
      'stored-credentials': 'problem',
      'connection-settings': 'problem',
      'machine-guid': 'ok',
      'dns-cache': 'warning',
    });
    expect(report.clients).toEqual([
      expect.objectContaining({
        kind: 'lync2013',
        displayName: 'Lync 2013 / Skype for Business 2015',
        version: '15.0.4569.1506',
        running: false,
        registryView: '32',
        installType: 'msi',
      }),
    ]);
    expect(report.primaryClient).toEqual(report.clients[0]);
    expect(findingOf(report, 'client').detail).toContain('15.0.5023.1000');
    expect(report.currentAddress).toBe('user@contoso.com');
    expect(report.addresses).toEqual(['user@contoso.com', 'other@fabrikam.com']);
    const cache = values(report, 'endpoint-cache').map((path) => path.replace(/\\/g, '/'));
    // Four sip_ folders, then the 15.0 Tracing folder and AccountProfiles.dat.
    expect(cache).toHaveLength(6);
    expect(cache[4]).toMatch(/Local\/Microsoft\/Office\/15\.0\/Lync\/Tracing$/);
    expect(cache[5]).toMatch(/Roaming\/Microsoft\/Office\/15\.0\/Lync\/AccountProfiles\.dat$/);
    expect(findingOf(report, 'endpoint-cache').repairs).toEqual([
      'clear-endpoint-cache',
      'clear-tracing-folder',
      'remove-account-profiles',
    ]);
    expect(
      cache.some((path) => path.endsWith('Local/Microsoft/Communicator/sip_user@contoso.com')),
    ).toBe(true);
    expect(
      cache.some((path) =>
        path.endsWith('Roaming/Microsoft/Office/15.0/Lync/sip_user@contoso.com'),
      ),
    ).toBe(true);
    expect(values(report, 'stored-credentials').sort()).toEqual([
      'Microsoft_OC1:uri=other@fabrikam.com:specific:OCS:1',
      'Microsoft_OC1:uri=user@contoso.com:specific:EWS:1',
      'Microsoft_OC1:uri=user@contoso.com:specific:OCS:1',
    ]);
    const certificates = findingOf(report, 'personal-certificate');
    expect(certificates.evidence).toHaveLength(2);
    expect(certificates.summary).toContain('user@contoso.com (expired)');
    expect(certificates.repairs).toEqual(['delete-sign-in-info', 'remove-personal-certificate']);
    const settings = findingOf(report, 'connection-settings');
    expect(
      settings.evidence.some(
        (e) => e.label.startsWith('Policy (not changed)') && e.label.includes('SavePassword'),
      ),
    ).toBe(true);
    // Evidence never carries a secret.
    expect(JSON.stringify(report)).not.toMatch(/Pa55word|Fabrikam-OCS-secret|office1[56]-/);
  });

  it('kb-lync2010: old client, old Sign-In Assistant with its service stopped', async () => {
    const report = await diagnose('kb-lync2010');
    expect(statuses(report)).toMatchObject({
      client: 'problem',
      'sign-in-assistant': 'problem',
      'endpoint-cache': 'problem',
      'personal-certificate': 'problem',
      'stored-credentials': 'problem',
      'connection-settings': 'problem',
      'machine-guid': 'ok',
    });
    expect(findingOf(report, 'client').kbStep).toBe('lync2010-update-client');
    expect(findingOf(report, 'client').summary).toContain('4.0.7577.0');
    const assistant = findingOf(report, 'sign-in-assistant');
    // 7.250.4303.0 is the release the KB article links to: fine; only the service is wrong.
    expect(assistant.summary).toBe(
      'Update the Microsoft Online Services Sign-In Assistant: the msoidsvc service is stopped.',
    );
    expect(findingOf(report, 'client').detail).toContain(
      'cannot sign in to Skype for Business Server 2019',
    );
    expect(findingOf(report, 'personal-certificate').repairs[0]).toBe('clear-cached-sign-in');
  });

  it('healthy: nothing to repair but the DNS cache', async () => {
    const report = await diagnose('healthy');
    const problems = report.findings.filter(
      (finding) => finding.status === 'problem' || finding.status === 'warning',
    );
    expect(problems.map((finding) => finding.id)).toEqual(['dns-cache']);
    expect(findingOf(report, 'personal-certificate').summary).toBe(
      'The sign-in certificate for user@contoso.com is valid.',
    );
  });

  it('machine-guid-braces: the braces are a problem that needs the admin repair', async () => {
    const report = await diagnose('machine-guid-braces');
    const guid = findingOf(report, 'machine-guid');
    expect(guid.status).toBe('problem');
    expect(guid.repairs).toEqual(['fix-machine-guid']);
    expect(guid.evidence[0]?.value).toContain('{c1cbd94c-0d35-414c-89ef-dd092b984883}');
  });

  it('client-running: the process check finds lync.exe', async () => {
    const report = await diagnose('client-running');
    expect(report.clients[0]?.running).toBe(true);
    const client = findingOf(report, 'client');
    expect(client.status).toBe('warning');
    expect(client.evidence).toContainEqual({
      kind: 'process',
      label: 'Running for this user',
      value: 'lync.exe (pid 4242)',
    });
    expect(client.evidence).toContainEqual(
      expect.objectContaining({ kind: 'registry', value: '2 (REG_DWORD)' }),
    );
  });

  it('modern authentication of Lync 2013 is reported with its meaning, never changed', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const off = findingOf(await fixture.engine().diagnose(), 'modern-authentication');
    expect(off.summary).toMatch(/^Modern authentication is off for Lync 2013/);
    const identity = {
      hive: 'HKCU',
      path: 'Software\\Microsoft\\Office\\15.0\\Common\\Identity',
    } as const;
    await fixture.host.registry.setValue(identity, 'EnableADAL', { type: 'REG_DWORD', data: 1 });
    await fixture.host.registry.setValue(identity, 'Version', { type: 'REG_DWORD', data: 1 });
    await fixture.host.registry.setValue(
      { hive: 'HKCU', path: 'Software\\Microsoft\\Office\\15.0\\Lync' },
      'AllowAdalForNonLyncIndependentOfLync',
      { type: 'REG_DWORD', data: 1 },
    );
    const on = findingOf(await fixture.engine().diagnose(), 'modern-authentication');
    expect(on.status).toBe('ok');
    expect(on.repairs).toEqual([]);
    expect(on.summary).toMatch(/^Modern authentication is on for Lync 2013/);
    expect(on.summary).toContain('AllowAdalForNonLyncIndependentOfLync = 1');
    expect(on.evidence.map((e) => e.value)).toEqual([
      '1 (REG_DWORD)',
      '1 (REG_DWORD)',
      '1 (REG_DWORD)',
    ]);
  });

  it('Click-to-Run: modern authentication needs no setting; not applicable', async () => {
    const report = await diagnose('sfb-m365-c2r');
    expect(findingOf(report, 'modern-authentication').status).toBe('not-applicable');
  });
});

describe('the words of the diagnosis name the client the PC has', () => {
  it('a Skype for Business PC is told about its saved Skype for Business passwords, not Lync ones', async () => {
    const report = await diagnose('sfb2019-onprem');
    const passwords = findingOf(report, 'stored-credentials');
    expect(passwords.summary).toMatch(/saved sign-in passwords? for Skype for Business 2019/);
    // Only the Sign-In Assistant's finding names Lync: it says that only Lync 2010 needs it.
    const words = report.findings
      .filter((finding) => finding.id !== 'sign-in-assistant')
      .map((finding) => `${finding.summary} ${finding.detail ?? ''}`);
    expect(words.join('\n')).not.toMatch(/\bLync\b/);
  });

  it('with the broken certificate gone, the certificate and passwords left are described truly', async () => {
    // As after undoing only the password step of a repair: the passwords are back, the expired
    // certificate is not. The card reads "Fixed", and its words must agree with that.
    fixture = await practiceFixture('kb-lync2013');
    const engine = fixture.engine();
    const plan = await engine.plan({ steps: ['remove-personal-certificate'] });
    await engine.apply(plan.id);
    const after = await engine.diagnose();
    // Not "the sign-in certificate is valid": that one is the other account's.
    expect(findingOf(after, 'personal-certificate').summary).toBe(
      'The sign-in certificate for other@fabrikam.com is valid; user@contoso.com has none: the client gets one when it signs in with it.',
    );
    const passwords = findingOf(after, 'stored-credentials');
    expect(passwords.status).toBe('ok');
    expect(passwords.summary).toBe(
      'Saved sign-in passwords for Lync 2013 / Skype for Business 2015: 2 for user@contoso.com, 1 for other@fabrikam.com. None belongs to a sign-in that no longer works.',
    );
  });

  it('says "1 … belongs" and "2 … belong"', async () => {
    const report = await diagnose('kb-lync2013');
    // Two of the three saved passwords belong to the address whose certificate has expired.
    expect(findingOf(report, 'stored-credentials').summary).toBe(
      '2 saved sign-in passwords for Lync 2013 / Skype for Business 2015 belong to a sign-in that no longer works.',
    );
  });
});
