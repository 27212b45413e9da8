import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosisReport } from '../../../shared/findings';
import { practiceFixture, type PracticeFixture } from '../../../../testing/engine/practice';
import { installLync2010Beside } from '../../../../testing/engine/lync2010-beside';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

async function diagnose(scenario: string): Promise<DiagnosisReport> {
  fixture = await practiceFixture(scenario);
  return fixture.engine().diagnose();
}

describe('the diagnosis decides the KB path and the recommended steps', () => {
  it('kb-lync2013: the Lync 2013 path, its composite step and the additional steps found', async () => {
    const report = await diagnose('kb-lync2013');
    expect(report.kbPath).toBe('lync2013');
    expect(report.recommendedSteps).toEqual([
      'delete-sign-in-info',
      'clear-endpoint-cache',
      'clear-tracing-folder',
      'remove-account-profiles',
      'remove-personal-certificate',
      'remove-stored-credentials',
      'clear-connection-settings',
      'flush-dns-cache',
    ]);
    expect(report.wrongProfile).toBeUndefined();
  });

  it('kb-lync2010: the Lync 2010 path never recommends Lync 2013’s composite', async () => {
    const report = await diagnose('kb-lync2010');
    expect(report.kbPath).toBe('lync2010');
    expect(report.recommendedSteps).toContain('clear-cached-sign-in');
    expect(report.recommendedSteps).not.toContain('delete-sign-in-info');
  });

  it('healthy: nothing but the DNS flush the KB always suggests', async () => {
    const report = await diagnose('healthy');
    expect(report.recommendedSteps).toEqual(['flush-dns-cache']);
  });

  it('Lync 2010 installed beside Lync 2013: the path is Lync 2013’s, the newer client’s', async () => {
    fixture = await practiceFixture('kb-lync2013');
    await installLync2010Beside(fixture.host);
    const report = await fixture.engine().diagnose();
    expect(report.clients.map((client) => client.kind)).toEqual(['lync2013', 'lync2010']);
    expect(report.kbPath).toBe('lync2013');
    expect(report.recommendedSteps).toContain('delete-sign-in-info');
    expect(report.recommendedSteps).not.toContain('clear-cached-sign-in');
  });
});
