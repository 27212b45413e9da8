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
import {
  DECOYS,
  KB_LYNC2013,
  MACHINE_GUID_BRACES,
  PRACTICE_MACHINE_GUID,
  SFB2019_ONPREM,
} from '../practice/scenarios/facts';
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
  }, 900_000);

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
    expect(before.machineGuid).toEqual({ type: 'REG_SZ', data: MACHINE_GUID_BRACES.machineGuid });
    const thumbprints = before.certificates.map((c) => c.thumbprint);
    expect(Object.keys(suite.seeded.certificates).sort()).toEqual([
      'expiredPrimary',
      'smime',
      'validSecond',
      'vpn',
    ]);
    for (const thumbprint of Object.values(suite.seeded.certificates))
      expect(thumbprints).toContain(thumbprint);
    for (const label of ['expiredPrimary', 'validSecond', 'vpn', 'smime']) {
      const planted = before.certificates.find(
        (c) => c.thumbprint === suite.seeded.certificates[label],
      );
      expect(planted?.hasPrivateKey, label).toBe(true);
    }
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

  it("tells the seeded certificates' keys apart: real key containers open, so only the expiry is a problem", () => {
    const report = suite.diagnosis.report as DiagnosisReport;
    const certificate = report.findings.find((f) => f.id === 'personal-certificate');
    const stateOf = (label: string) =>
      certificate?.evidence
        .find((e) => e.value === suite.seeded.certificates[label])
        ?.label.split(', ')
        .at(-2);
    expect(stateOf('expiredPrimary')).toBe('expired');
    expect(stateOf('validSecond')).toBe('valid');
    expect(certificate?.summary).toContain(`${KB_LYNC2013.primaryAddress} (expired)`);
    expect(certificate?.summary).not.toContain(KB_LYNC2013.secondAddress);
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

  describe('the Click-to-Run profile (sfb2019-onprem at rest), planted after the Lync 2013 one is taken off', () => {
    const c2r = () => suite.clickToRun;
    const c2rBefore = () => c2r().before as ProfileSnapshot;
    const c2rAfterRepair = () => c2r().afterRepair as ProfileSnapshot;
    const relative = (
      fact: { segments: readonly string[] },
      root: { segments: readonly string[] },
    ) => fact.segments.slice(root.segments.length).join('/');
    const localRoot = { segments: SFB2019_ONPREM.cacheFolders.localPrimary.segments.slice(0, -1) };
    const roamingRoot = {
      segments: SFB2019_ONPREM.cacheFolders.roamingPrimary.segments.slice(0, -1),
    };

    it('is planted for real: Click-to-Run configuration, virtual registry, lync.exe 16.0, caches, keys', () => {
      expect(c2r().runner).toBe('single-exe');
      const snapshot = c2rBefore();
      expect(snapshot.lyncVersion).toBe(SFB2019_ONPREM.clientVersion);
      const configuration = Object.fromEntries(
        (snapshot.registry.configuration?.values ?? []).map((v) => [v.name, v.value]),
      );
      expect(configuration).toMatchObject({
        Platform: { type: 'REG_SZ', data: SFB2019_ONPREM.configuration.Platform },
        ProductReleaseIds: {
          type: 'REG_SZ',
          data: SFB2019_ONPREM.configuration.ProductReleaseIds,
        },
        VersionToReport: { type: 'REG_SZ', data: SFB2019_ONPREM.configuration.VersionToReport },
        InstallationPath: { type: 'REG_SZ', data: expect.stringMatching(/Microsoft Office$/) },
      });
      expect(snapshot.registry.virtualLync?.values.map((v) => v.name)).toEqual([
        'InstallationDirectory',
      ]);
      const local = Object.keys(snapshot.files.localLync ?? {});
      expect(local).toEqual(
        expect.arrayContaining([
          `${relative(SFB2019_ONPREM.cacheFolders.localPrimary, localRoot)}/EndpointConfiguration.cache`,
          ...SFB2019_ONPREM.tracingFiles.map((name) => `Tracing/${name}`),
        ]),
      );
      expect(Object.keys(snapshot.files.roamingLync ?? {})).toContain(
        relative(SFB2019_ONPREM.cacheFolders.roamingAccountProfiles, roamingRoot),
      );
      expect(snapshot.registry.userSettings?.subkeys.map((k) => k.name)).toEqual([
        SFB2019_ONPREM.primaryAddress,
      ]);
      expect(snapshot.credentials.map((c) => c.targetName)).toEqual(
        expect.arrayContaining([
          SFB2019_ONPREM.credentials.primaryOcs.targetName,
          SFB2019_ONPREM.credentials.primaryEws.targetName,
        ]),
      );
      // The Lync 2013 profile is gone: its certificates and second account did not stay behind.
      const thumbprints = snapshot.certificates.map((c) => c.thumbprint);
      for (const thumbprint of Object.values(suite.seeded.certificates))
        expect(thumbprints).not.toContain(thumbprint);
      expect(snapshot.credentials.map((c) => c.targetName)).not.toContain(
        KB_LYNC2013.credentials.secondOcs.targetName,
      );
    });

    it('diagnose --json names the Click-to-Run client alone, its 16.0 folders, and the key that cannot be opened', () => {
      expect(c2r().diagnosis.code, c2r().diagnosis.stderr).toBe(0);
      const report = c2r().diagnosis.report as DiagnosisReport;
      expect(report.clients).toEqual([
        expect.objectContaining({
          kind: 'sfb2016',
          displayName: SFB2019_ONPREM.clientName,
          version: SFB2019_ONPREM.clientVersion,
          installType: 'click-to-run',
          bitness: SFB2019_ONPREM.bitness,
          running: false,
          executablePath: expect.stringMatching(/\\root\\Office16\\lync\.exe$/i),
        }),
      ]);
      expect(report.currentAddress).toBe(SFB2019_ONPREM.primaryAddress);
      const certificate = report.findings.find((f) => f.id === 'personal-certificate');
      expect(certificate?.status).toBe('problem');
      const lost = certificate?.evidence.find(
        (e) => e.value === c2r().seeded.certificates.lostKeyPrimary,
      );
      expect(lost?.label).toContain(', its private key cannot be opened, ');
      expect(
        c2rBefore().certificates.find((c) => c.thumbprint === lost?.value)?.hasPrivateKey,
      ).toBe(true);
      const evidence = JSON.stringify(report.findings.flatMap((f) => f.evidence));
      expect(evidence).toContain('\\\\Office\\\\16.0\\\\Lync');
      expect(evidence).not.toContain('\\\\Office\\\\15.0\\\\Lync');
    });

    it('repair --all --yes removes the targets and leaves the decoys as they were', () => {
      const { run } = c2r().repair.record as { run: RunRecord };
      const failed = run.actions.filter((a) => a.outcome !== 'applied' || !a.verified);
      expect(failed.map((a) => a.stepId)).toEqual(['flush-dns-cache']);
      expect(run.actions.map((a) => a.stepId)).toEqual(
        expect.arrayContaining([
          'remove-personal-certificate',
          'clear-tracing-folder',
          'remove-account-profiles',
        ]),
      );
      const before = c2rBefore();
      const after = c2rAfterRepair();
      const seeded = c2r().seeded.certificates;
      expect(after.certificates.map((c) => c.thumbprint)).not.toContain(seeded.lostKeyPrimary);
      for (const kept of [seeded.vpn, seeded.smime])
        expect(after.certificates.find((c) => c.thumbprint === kept)).toEqual(
          before.certificates.find((c) => c.thumbprint === kept),
        );
      const targets = after.credentials.map((c) => c.targetName);
      expect(targets).not.toContain(SFB2019_ONPREM.credentials.primaryOcs.targetName);
      expect(targets).not.toContain(SFB2019_ONPREM.credentials.primaryEws.targetName);
      for (const kept of DECOYS.credentials)
        expect(after.credentials.find((c) => c.targetName === kept.targetName)).toEqual(
          before.credentials.find((c) => c.targetName === kept.targetName),
        );
      const local = Object.keys(after.files.localLync ?? {});
      expect(
        local.filter((path) => path.startsWith('sip_') || path.startsWith('Tracing/')),
      ).toEqual([]);
      expect(Object.keys(after.files.roamingLync ?? {})).not.toContain(
        relative(SFB2019_ONPREM.cacheFolders.roamingAccountProfiles, roamingRoot),
      );
      // The installation is not the repair's business.
      for (const key of ['configuration', 'virtualLync', 'appPaths'])
        expect(after.registry[key], key).toEqual(before.registry[key]);
      expect(after.lyncVersion).toBe(SFB2019_ONPREM.clientVersion);
    });

    it('undo --last gives back the Click-to-Run profile exactly', () => {
      expect(c2r().undo.code, c2r().undo.stderr).toBe(0);
      expect((c2r().undo.record as RunRecord).status).toBe('undone');
      expect(c2r().afterUndo).toEqual(c2rBefore());
    });
  });
});
