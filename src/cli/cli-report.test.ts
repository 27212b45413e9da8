import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECOYS, KB_LYNC2013, openPracticePc, secretBytes } from '../main/host/practice';
import { parseHtml } from '../../testing/report/parse-html';
import { EXIT } from './exit-codes';
import { createCliHarness } from '../../testing/cli/cli-harness';
import type { CliHarness } from '../../testing/cli/cli-harness';

// Known secrets planted on a real practice PC; no encoding of any of them may reach a report.
const PLANTED = [
  { targetName: 'Microsoft_OC1:uri=user@contoso.com:specific:CER:1', secret: 'PLANTED-cer-7d41f0' },
  { targetName: 'Microsoft_OC1:uri=user@contoso.com:specific:LAD:1', secret: 'PLANTED-lad-19ab22' },
];
const SECRETS = [
  ...PLANTED.map((p) => p.secret),
  ...Object.values(KB_LYNC2013.credentials).map((c) => c.secret),
  ...DECOYS.credentials.map((c) => c.secret),
];

function encodings(secret: string): string[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const utf16 = Buffer.from(secret, 'utf16le');
  return [
    secret,
    utf8.toString('base64'),
    utf16.toString('base64'),
    utf8.toString('hex'),
    utf16.toString('hex'),
    utf16.toString('latin1'),
  ];
}

function expectNoSecrets(content: string): void {
  for (const secret of SECRETS) {
    for (const form of encodings(secret)) expect(content).not.toContain(form);
  }
}

let cli: CliHarness;
beforeAll(async () => {
  cli = await createCliHarness();
  await cli.run(['practice', 'reset', 'kb-lync2013']);
  const host = await openPracticePc(join(cli.dataDir, 'practice', 'kb-lync2013', 'pc'));
  try {
    for (const p of PLANTED) {
      await host.credentials.write({
        targetName: p.targetName,
        type: 'generic',
        userName: 'CONTOSO\\user',
        persist: 'local-machine',
        lastWritten: new Date().toISOString(),
        secret: secretBytes(p.secret),
      });
    }
  } finally {
    await host.close();
  }
  // A run, so the report has changes to show.
  const repair = await cli.run(['repair', '--steps', 'remove-stored-credentials', '--yes']);
  expect(repair.code).toBe(EXIT.ok);
});
afterAll(() => cli.dispose());

describe('report', () => {
  it('writes a self-contained HTML report without secrets', async () => {
    const r = await cli.run(['report', '--out', 'support.html']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toBe(`Report written to ${join(cli.dataDir, 'support.html')}\n`);
    const html = await readFile(join(cli.dataDir, 'support.html'), 'utf8');
    expectNoSecrets(html);
    const doc = parseHtml(html);
    expect(doc.querySelectorAll('script, link, img, iframe, [src], [href]').length).toBe(0);
    const text = doc.body.textContent ?? '';
    expect(text).toContain("practice PC 'kb-lync2013'");
    expect(text).toContain(`${KB_LYNC2013.clientName} ${KB_LYNC2013.clientVersion}`);
    expect(text).toContain('Resolution for Lync 2013 — Delete the sign-in information');
    expect(doc.querySelector('#finding-personal-certificate .status')?.textContent).toBe(
      'Problem found',
    );
    expect(text).toMatch(/Repair \S+\s+applied/);
    expect(text).toContain('Remove the saved sign-in passwords');
    // The list of changes: one item per action, with its outcome and verification.
    const items = [...doc.querySelectorAll('ul.run-actions li')].map((item) =>
      item.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toMatch(/^Done: .* — checked$/);
  });

  it('prints a JSON report on stdout without secrets', async () => {
    const r = await cli.run(['report', '--format', 'json']);
    expect(r.code).toBe(EXIT.ok);
    expectNoSecrets(r.stdout);
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('sfb-signin-repair/report@1');
    expect(report.session.hostKind).toBe('practice');
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0].status).toBe('applied');
    // Each change with what it did, read back from the journal, not only the run's summary.
    expect(report.runs[0].actions.length).toBeGreaterThan(0);
    expect(report.runs[0].actions.length).toBe(report.runs[0].actionCount);
    for (const action of report.runs[0].actions) {
      expect(action).toMatchObject({ stepId: 'remove-stored-credentials', outcome: 'applied' });
      expect(action.verified).toBe(true);
      expect(action.description).toMatch(/credential/i);
    }
    const ids = report.diagnosis.findings.map((f: { id: string }) => f.id);
    expect(ids).toContain('stored-credentials');
  });

  it('with --json and html, wraps the report so stdout stays JSON', async () => {
    const r = await cli.json<{ fileName: string; mimeType: string; content: string }>([
      'report',
      '--format',
      'html',
    ]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.mimeType).toBe('text/html; charset=utf-8');
    expect(r.value.fileName).toMatch(/^sfb-signin-repair-report-\d{8}-\d{6}\.html$/);
    expect(r.value.content).toMatch(/^<!doctype html>/);
  });

  it('says plainly when the report cannot be written: the place given is a usage error', async () => {
    const r = await cli.run(['report', '--out', join(cli.dataDir, 'no-such-folder', 'r.html')]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('Cannot write the report to');
    expect(r.stderr).toContain('Give --out a file in a folder that exists');
  });
});
