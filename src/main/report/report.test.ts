import { describe, expect, it } from 'vitest';
import type { DiagnosisReport } from '../../shared/findings';
import type { RepairPlan, RunRecord, RunSummary } from '../../shared/repairs';
import { buildReport } from './index';
import type { ReportInput } from './index';
import { parseHtml } from '../../../testing/report/parse-html';

// Hand-written engine output: the report is a pure function of it. The end-to-end tests in
// src/cli build reports from real diagnoses of practice PCs.
const HOSTILE = `<script>alert("x")</script> & 'quotes' <img src=x onerror=alert(1)>`;
const ODD_ADDRESS = "o'brien+lync@contoso.com";

function diagnosis(): DiagnosisReport {
  return {
    id: 'diag-1',
    generatedAt: '2026-11-25T10:00:00.000Z',
    hostKind: 'practice',
    practiceScenario: 'kb-lync2013',
    clients: [
      {
        kind: 'lync2013',
        displayName: 'Lync 2013',
        version: '15.0.4569.1506',
        executablePath: 'C:\\Program Files (x86)\\Microsoft Office\\Office15\\lync.exe',
        running: false,
        registryView: '32',
        installType: 'msi',
      },
    ],
    kbPath: 'lync2013',
    recommendedSteps: ['remove-personal-certificate', 'flush-dns-cache'],
    currentAddress: 'user@contoso.com',
    addresses: ['user@contoso.com', ODD_ADDRESS, 'ユーザー@例え.jp'],
    findings: [
      {
        id: 'personal-certificate',
        status: 'problem',
        kbStep: 'additional-personal-certificate',
        summary: 'The personal certificate for user@contoso.com has expired.',
        detail: 'Lync cannot sign in with an expired certificate.',
        evidence: [
          { kind: 'thumbprint', label: 'Thumbprint', value: 'AB12CD34' },
          { kind: 'text', label: 'Subject', value: HOSTILE },
        ],
        repairs: ['remove-personal-certificate'],
      },
      {
        id: 'dns-cache',
        status: 'warning',
        kbStep: 'additional-dns-cache',
        summary: "The DNS cache can't be diagnosed; flushing it is harmless.",
        evidence: [],
        repairs: ['flush-dns-cache'],
      },
      {
        id: 'machine-guid',
        status: 'ok',
        kbStep: 'additional-machine-guid',
        summary: 'MachineGuid has no braces.',
        evidence: [{ kind: 'registry', label: 'MachineGuid', value: 'c1cbd94c-0d35-414c' }],
        repairs: [],
      },
    ],
  };
}

function plan(): RepairPlan {
  return {
    id: 'plan-1',
    createdAt: '2026-11-25T10:01:00.000Z',
    hostKind: 'practice',
    address: 'user@contoso.com',
    requiresClientClosed: true,
    client: 'Lync 2013 / Skype for Business 2015',
    clientRunning: false,
    requiresAdmin: false,
    warnings: [],
    steps: [
      {
        stepId: 'remove-stored-credentials',
        kbStep: 'additional-stored-credentials',
        title: 'Remove the saved sign-in passwords',
        actions: [
          {
            id: 'a1',
            stepId: 'remove-stored-credentials',
            description: 'Remove the credential Microsoft_OC1:uri=user@contoso.com:specific:OCS:1',
            target: {
              kind: 'credential',
              targetName: 'Microsoft_OC1:uri=user@contoso.com:specific:OCS:1',
              userName: 'CONTOSO\\user',
              credentialType: 'generic',
            },
            undoable: true,
          },
        ],
      },
      {
        stepId: 'clear-connection-settings',
        kbStep: 'lync2013-delete-sign-in-info',
        title: 'Clear the saved connection settings',
        actions: [
          {
            id: 'a2',
            stepId: 'clear-connection-settings',
            description: 'Delete the value Blob',
            target: {
              kind: 'registry-value',
              key: 'HKEY_CURRENT_USER\\Software\\Microsoft\\Office\\15.0\\Lync',
              name: 'Blob',
              // Base64 of "PLANTED-BINARY-SECRET": binary data is shown by size only.
              before: {
                type: 'REG_BINARY',
                data: Buffer.from('PLANTED-BINARY-SECRET').toString('base64'),
              },
            },
            undoable: true,
          },
        ],
      },
    ],
  };
}

function run(): RunRecord {
  return {
    id: 'run-1',
    planId: 'plan-1',
    address: 'user@contoso.com',
    startedAt: '2026-11-25T10:02:00.000Z',
    finishedAt: '2026-11-25T10:02:01.000Z',
    status: 'undone',
    steps: ['remove-stored-credentials'],
    actions: [
      {
        actionId: 'a1',
        stepId: 'remove-stored-credentials',
        description: 'Remove the credential Microsoft_OC1:uri=user@contoso.com:specific:OCS:1',
        outcome: 'undone',
        verified: true,
      },
    ],
    undoable: false,
  };
}

const summary: RunSummary = {
  id: 'run-0',
  startedAt: '2026-11-24T09:00:00.000Z',
  status: 'applied',
  steps: ['flush-dns-cache'],
  actionCount: 1,
  backupsPurgedAt: '2026-11-25T08:00:00.000Z',
  undoable: false,
};

function input(): ReportInput {
  return {
    diagnosis: diagnosis(),
    plans: [plan()],
    runs: [run(), summary],
    session: {
      hostKind: 'practice',
      hostDescription: "practice PC 'kb-lync2013' in /tmp/x",
      practiceScenario: 'kb-lync2013',
      userName: 'CONTOSO\\user',
      elevated: false,
      supportCode: 'K7Q2XD',
      appVersion: '0.1.0',
    },
    generatedAt: new Date('2026-11-25T10:37:51.123Z'),
  };
}

describe('buildReport html', () => {
  const report = buildReport(input(), 'html');
  const doc = parseHtml(report.content);

  it('names the file after the time and says it is html', () => {
    expect(report.fileName).toBe('sfb-signin-repair-report-20261125-103751.html');
    expect(report.mimeType).toBe('text/html; charset=utf-8');
  });

  it('is self-contained: no scripts, no links, nothing loaded', () => {
    expect(report.content).not.toMatch(/<script/i);
    expect(report.content).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(doc.querySelectorAll('[src], [href], [style]').length).toBe(0);
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.startsWith('on')),
    );
    expect(handlers).toEqual([]);
    expect(report.content).not.toMatch(/url\(|@import|https?:\/\//i);
    expect(doc.querySelectorAll('script, link, img, iframe').length).toBe(0);
    expect(
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    ).toContain("default-src 'none'");
  });

  it('escapes text from the PC so it reads back exactly', () => {
    const values = [...doc.querySelectorAll('#finding-personal-certificate dd')].map(
      (n) => n.textContent,
    );
    expect(values).toEqual(['AB12CD34', HOSTILE]);
    expect(doc.body.textContent).toContain(ODD_ADDRESS);
    expect(doc.body.textContent).toContain('ユーザー@例え.jp');
  });

  it('shows findings with status, KB step names and evidence', () => {
    const card = doc.querySelector('#finding-personal-certificate');
    expect(card?.querySelector('h3')?.textContent).toBe(
      'Personal certificate (Communications Server)',
    );
    expect(card?.querySelector('.status')?.textContent).toBe('Problem found');
    expect(card?.textContent).toContain(
      'Additional troubleshooting steps — Delete the personal certificate',
    );
    expect(doc.querySelector('#finding-dns-cache .status')?.textContent).toBe('Worth doing');
    expect(doc.querySelectorAll('section[id^="finding-"]').length).toBe(3);
  });

  it('shows the host, the timestamp, the plan and what was changed and undone', () => {
    const text = doc.body.textContent ?? '';
    expect(text).toContain("practice PC 'kb-lync2013' in /tmp/x");
    expect(text).toContain('2026-11-25T10:37:51.123Z');
    expect(text).toContain('support code K7Q2XD');
    expect(text).toContain('Practice PC (scenario kb-lync2013)');
    expect(text).toContain('Lync 2013 15.0.4569.1506');
    expect(text).toContain('Microsoft_OC1:uri=user@contoso.com:specific:OCS:1');
    expect(text).toContain('Needs Lync 2013 / Skype for Business 2015 closed.');
    const rows = [...doc.querySelectorAll('ul.run-actions li')].map((r) =>
      r.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).toEqual([
      'Undone: Remove the credential Microsoft_OC1:uri=user@contoso.com:specific:OCS:1',
    ]);
    expect(text).toContain('Repair run-0');
    expect(text).toContain('deleted 2026-11-25T08:00:00.000Z: cannot be undone');
    expect(text.match(/cannot be undone/g)).toHaveLength(1);
  });

  it('shows binary registry data by size only', () => {
    expect(report.content).not.toContain('PLANTED-BINARY-SECRET');
    expect(report.content).not.toContain(Buffer.from('PLANTED-BINARY-SECRET').toString('base64'));
    expect(doc.body.textContent).toContain('REG_BINARY (21 bytes)');
  });
});

describe('buildReport json', () => {
  it('parses and carries the diagnosis, plans and runs', () => {
    const report = buildReport(input(), 'json');
    expect(report.fileName).toBe('sfb-signin-repair-report-20261125-103751.json');
    expect(report.mimeType).toBe('application/json');
    const parsed = JSON.parse(report.content);
    expect(parsed.schema).toBe('sfb-signin-repair/report@1');
    expect(parsed.diagnosis.findings.map((f: { id: string }) => f.id)).toEqual([
      'personal-certificate',
      'dns-cache',
      'machine-guid',
    ]);
    expect(parsed.runs[0].actions[0].outcome).toBe('undone');
    expect(parsed.runs[1]).toEqual({ ...summary, actions: undefined, actionCount: 1 });
    expect(parsed.plans[0].steps[1].actions[0].target.before).toEqual({
      type: 'REG_BINARY',
      data: '(21 bytes)',
    });
  });

  it('drops fields it does not know, so nothing attached by mistake leaks', () => {
    const leaky = input();
    const planted = 'PLANTED-SECRET-7f3a';
    Object.assign(leaky.diagnosis.findings[0]!, { secret: planted });
    Object.assign(leaky.diagnosis.findings[0]!.evidence[0]!, { secret: planted });
    Object.assign(leaky.session, { password: planted });
    Object.assign(leaky.plans![0]!.steps[0]!.actions[0]!.target, { secret: planted });
    Object.assign(leaky.runs![0]!, { backups: [planted] });
    for (const format of ['json', 'html'] as const) {
      expect(buildReport(leaky, format).content).not.toContain(planted);
    }
  });
});

it('refuses an unknown format', () => {
  expect(() => buildReport(input(), 'pdf' as 'html')).toThrow(/Unknown report format "pdf"/);
});

describe('the summary for a ticket', () => {
  // After the repair the client's settings are gone: the address comes from the run.
  const after = { ...diagnosis(), currentAddress: undefined, findings: [] };
  const withContext: ReportInput = {
    ...input(),
    diagnosis: after,
    before: diagnosis(),
    context: { fixed: false, otherAccounts: 'no' },
    adminFindings: [
      {
        id: 'certificate-chain',
        status: 'problem',
        kbStep: 'admin-certificate-chain',
        summary: 'The chain of sts.contoso.com:443 ends at an untrusted root.',
        evidence: [],
        repairs: [],
      },
    ],
  };
  const report = buildReport(withContext, 'html');
  const doc = parseHtml(report.content);

  it('comes first in the HTML, before any detail', () => {
    const headings = [...doc.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings[0]).toBe('Summary');
    const summary = doc.querySelector('#summary')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(summary).toContain('Support code K7Q2XD');
    expect(summary).toContain('User CONTOSO\\user');
    expect(summary).toContain('Sign-in address repaired user@contoso.com');
    expect(summary).toContain('Did it work: no, sign-in still fails');
    expect(summary).toContain('other accounts sign in fine (points at the user account)');
    expect(summary).toContain('Server certificate chain (Problem found)');
  });

  it('is plain text sized for a ticket, with problems before and after', () => {
    const text = report.summary;
    expect(text).not.toMatch(/<[a-z]/i);
    expect(text.length).toBeLessThan(2_000);
    expect(text).toMatch(/^Problems before:\n {2}- Personal certificate/m);
    expect(text).toMatch(/^Problems now:\n {2}none$/m);
    expect(text).toContain('Sign-in address repaired: user@contoso.com');
    expect(text).toContain('Remove the saved sign-in passwords — Undone.');
    expect(buildReport(withContext, 'json').summary).toBe(text);
  });
});
