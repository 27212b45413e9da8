/**
 * The Windows host proven on Linux: the Windows build of Node.js runs the Win32 adapters and
 * the built command line inside a fresh Wine prefix (scripts/wine/suite.mjs does the work, once
 * for every test here). Without Wine the suite is skipped loudly on a developer machine and
 * fails in CI, which installs Wine through scripts/setup-machine.sh.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { buildSingleExe } from '../../../../scripts/dist-cli.mjs';
import { wineAvailable } from '../../../../scripts/wine/harness.mjs';
import { runWineSuite, type WineSuiteResult } from '../../../../scripts/wine/suite.mjs';
import type { DiagnosisReport } from '../../../shared/findings';
import type { RepairPlan, RunRecord } from '../../../shared/repairs';
import { DECOYS, KB_LYNC2013, PRACTICE_MACHINE_GUID } from '../practice/scenarios/facts';
import type { ProfileSnapshot } from '../../../../testing/windows-proof/profile-snapshot';

const hasWine = wineAvailable();
if (!hasWine) {
  const message =
    'Wine is not installed: the Windows adapter suite did NOT run. Install it with scripts/setup-machine.sh.';
  if (process.env.CI) throw new Error(message);
  console.warn(`\n!!! ${message}\n`);
}

describe.skipIf(!hasWine)('Windows host under Wine', () => {
  let suite: WineSuiteResult;
  let before: ProfileSnapshot;
  let afterRepair: ProfileSnapshot;
  let afterUndo: ProfileSnapshot;
  let singleExe: string;

  beforeAll(async () => {
    // The single exe (cached in .cache/single-exe while its inputs are unchanged).
    const built = await buildSingleExe({
      out: join(tmpdir(), `sfb-single-exe-${process.pid}`, 'sfb-signin-repair.exe'),
      log: (line) => console.log(`[wine] ${line}`),
    });
    singleExe = built.exe;
    suite = await runWineSuite({ log: (line) => console.log(`[wine] ${line}`), singleExe });
    before = suite.before as ProfileSnapshot;
    afterRepair = suite.afterRepair as ProfileSnapshot;
    afterUndo = suite.afterUndo as ProfileSnapshot;
  }, 700_000);

  afterAll(() => {
    if (suite) console.log(`[wine] timings ${JSON.stringify(suite.timings)}`);
    if (singleExe) rmSync(dirname(singleExe), { recursive: true, force: true });
  });

  it('passes every shared host contract case against the Win32 adapters', () => {
    const failed = suite.adapters.contract.filter((c) => !c.passed);
    expect(suite.adapters.contract.length).toBeGreaterThan(20);
    expect(failed.map((c) => `${c.name}\n${c.error}`)).toEqual([]);
    expect(suite.adapters.description).toMatch(/^Windows 10\./);
    // Contract cases that write LocalMachine run only when elevated: they must not be skipped here.
    expect(suite.adapters.elevated).toBe(true);
  });

  it('passes every Windows-specific adapter check', () => {
    const failed = suite.adapters.windows.filter((c) => !c.passed);
    expect(suite.adapters.windows.length).toBeGreaterThan(10);
    expect(failed.map((c) => `${c.name}\n${c.error}`)).toEqual([]);
  });

  it('seeds the broken Lync 2013 profile for real', () => {
    expect(before.lyncVersion).toBe(KB_LYNC2013.clientVersion);
    expect(before.machineGuid).toEqual({ type: 'REG_SZ', data: `{${PRACTICE_MACHINE_GUID}}` });
    const thumbprints = before.certificates.map((c) => c.thumbprint);
    for (const thumbprint of Object.values(suite.seeded.certificates))
      expect(thumbprints).toContain(thumbprint);
    const expired = before.certificates.find(
      (c) => c.thumbprint === suite.seeded.certificates.expiredPrimary,
    );
    expect(expired?.hasPrivateKey).toBe(true);
    expect(before.credentials.map((c) => c.targetName)).toEqual(
      expect.arrayContaining([
        KB_LYNC2013.credentials.primaryOcs.targetName,
        KB_LYNC2013.credentials.primaryEws.targetName,
        KB_LYNC2013.credentials.secondOcs.targetName,
        ...DECOYS.credentials.map((c) => c.targetName),
      ]),
    );
  });

  it('diagnoses the seeded profile through the command line', () => {
    expect(suite.diagnosis.code, suite.diagnosis.stderr).toBe(0);
    const report = suite.diagnosis.report as DiagnosisReport;
    expect(report.hostKind).toBe('windows');
    expect(report.clients).toEqual([
      expect.objectContaining({
        kind: 'lync2013',
        version: KB_LYNC2013.clientVersion,
        registryView: '32',
        running: false,
      }),
    ]);
    expect(report.currentAddress).toBe(KB_LYNC2013.primaryAddress);
    const status = Object.fromEntries(report.findings.map((f) => [f.id, f.status]));
    expect(status).toMatchObject({
      'personal-certificate': 'problem',
      'stored-credentials': 'problem',
      'endpoint-cache': 'problem',
      'machine-guid': 'problem',
    });
  });

  it('repairs every target; only the DNS flush fails, and says so (Wine cannot flush)', () => {
    expect(suite.repair.record, suite.repair.stderr).toHaveProperty('run');
    const { plan, run } = suite.repair.record as { plan: RepairPlan; run: RunRecord };
    expect(plan.hostKind).toBe('windows');
    const failed = run.actions.filter((a) => a.outcome !== 'applied' || !a.verified);
    expect(failed.map((a) => a.stepId)).toEqual(['flush-dns-cache']);
    expect(failed[0]?.outcome).toBe('failed');
    expect(run.status).toBe('partial');
    expect(suite.repair.code).toBe(5);
  });

  it('leaves no target behind and every decoy untouched', () => {
    const seeded = suite.seeded.certificates;
    const thumbprints = afterRepair.certificates.map((c) => c.thumbprint);
    expect(thumbprints).not.toContain(seeded.expiredPrimary);
    for (const kept of [seeded.validSecond, seeded.vpn, seeded.smime]) {
      expect(afterRepair.certificates.find((c) => c.thumbprint === kept)).toEqual(
        before.certificates.find((c) => c.thumbprint === kept),
      );
    }
    const targets = afterRepair.credentials.map((c) => c.targetName);
    expect(targets).not.toContain(KB_LYNC2013.credentials.primaryOcs.targetName);
    expect(targets).not.toContain(KB_LYNC2013.credentials.primaryEws.targetName);
    for (const kept of [KB_LYNC2013.credentials.secondOcs, ...DECOYS.credentials]) {
      expect(afterRepair.credentials.find((c) => c.targetName === kept.targetName)).toEqual(
        before.credentials.find((c) => c.targetName === kept.targetName),
      );
    }
    const local = afterRepair.files.localLync ?? {};
    expect(Object.keys(local).some((path) => path.startsWith('sip_user@contoso.com'))).toBe(false);
    const keptFiles = (files: Record<string, string> | null | undefined, prefix: string) =>
      Object.entries(files ?? {}).filter(([path]) => path.startsWith(prefix));
    expect(keptFiles(afterRepair.files.localLync, 'sip_other@fabrikam.com')).toEqual(
      keptFiles(before.files.localLync, 'sip_other@fabrikam.com'),
    );
    // Microsoft's current procedure: the Tracing folder and AccountProfiles.dat are targets too
    // (put back by the undo below, byte for byte).
    expect(keptFiles(before.files.localLync, 'Tracing').length).toBeGreaterThan(0);
    expect(keptFiles(afterRepair.files.localLync, 'Tracing')).toEqual([]);
    expect(Object.keys(before.files.roamingLync ?? {})).toContain('AccountProfiles.dat');
    expect(Object.keys(afterRepair.files.roamingLync ?? {})).not.toContain('AccountProfiles.dat');
    expect(afterRepair.registry.policy).toEqual(before.registry.policy);
    expect(afterRepair.registry.install).toEqual(before.registry.install);
    const settings = afterRepair.registry.userSettings;
    expect(settings?.subkeys.map((k) => k.name)).toEqual([KB_LYNC2013.secondAddress]);
    expect(settings?.values.map((v) => v.name)).not.toContain('ServerSipUri');
    expect(afterRepair.machineGuid).toEqual({ type: 'REG_SZ', data: PRACTICE_MACHINE_GUID });
  });

  it('undo puts back everything exactly: certificate DER and key link, credential secrets, registry, files', () => {
    expect(suite.undo.code, suite.undo.stderr).toBe(0);
    expect((suite.undo.record as RunRecord).status).toBe('undone');
    expect(afterUndo).toEqual(before);
  });

  describe('the single sfb-signin-repair.exe (npm run dist:cli)', () => {
    const exe = () => {
      if (!suite.singleExe) throw new Error('the suite ran without the single exe');
      return suite.singleExe;
    };

    it('diagnoses the seeded profile as the node.exe + cli.cjs run did', () => {
      expect(exe().diagnosis.code, exe().diagnosis.stderr).toBe(0);
      const report = exe().diagnosis.report as DiagnosisReport;
      const byNode = suite.diagnosis.report as DiagnosisReport;
      expect(report.hostKind).toBe('windows');
      expect(report.findings.map((f) => [f.id, f.status])).toEqual(
        byNode.findings.map((f) => [f.id, f.status]),
      );
      console.log(`[wine] exe diagnose: ${exe().diagnosis.ms} ms`);
    });

    it('repairs as the node.exe run did, and undo gives back the profile exactly', () => {
      const { run } = exe().repair.record as { run: RunRecord };
      const byNode = (suite.repair.record as { run: RunRecord }).run;
      expect(run.actions.map((a) => [a.stepId, a.outcome, a.verified])).toEqual(
        byNode.actions.map((a) => [a.stepId, a.outcome, a.verified]),
      );
      expect(exe().repair.code).toBe(suite.repair.code);
      expect(exe().afterRepair).toEqual(afterRepair);
      expect(exe().undo.code, exe().undo.stderr).toBe(0);
      expect((exe().undo.record as RunRecord).status).toBe('undone');
      expect(exe().afterUndo).toEqual(before);
    });

    it('loaded koffi from one hash-checked copy of its own module in LocalAppData', () => {
      const expected = createHash('sha256')
        .update(readFileSync('node_modules/koffi/build/koffi/win32_x64/koffi.node'))
        .digest('hex');
      expect(exe().nativeCopies).toEqual({ [`${expected.slice(0, 16)}/koffi.node`]: expected });
    });
  });
});
