import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosisReport } from '../shared/findings';
import type { RepairPlan, RunRecord } from '../shared/repairs';
import {
  MSI_LEFTOVER_C2R,
  SFB2019_ONPREM,
  SFB_M365_C2R,
  openPracticePc,
  type FolderFact,
} from '../main/host/practice';
import { EXIT } from './exit-codes';
import { createCliHarness, type CliHarness } from '../../testing/cli/cli-harness';

// The real engine and the real command line on the Click-to-Run practice PCs.
let cli: CliHarness;
beforeAll(async () => {
  cli = await createCliHarness();
});
afterAll(() => cli.dispose());

const pcRoot = (scenario: string) => join(cli.dataDir, 'practice', scenario, 'pc');

async function resolve(scenario: string, fact: FolderFact): Promise<string> {
  const host = await openPracticePc(pcRoot(scenario));
  try {
    const base = await host.files.knownFolder(fact.knownFolder);
    return host.files.join(base!, ...fact.segments);
  } finally {
    await host.close();
  }
}

async function exists(scenario: string, path: string): Promise<boolean> {
  const host = await openPracticePc(pcRoot(scenario));
  try {
    return (await host.files.stat(path)) !== undefined;
  } finally {
    await host.close();
  }
}

function clientEvidence(report: DiagnosisReport) {
  return report.findings.find((finding) => finding.id === 'client')?.evidence ?? [];
}

describe('Click-to-Run clients on the command line', () => {
  it('sfb-m365-c2r: names Microsoft 365 Apps, Click-to-Run, 64-bit, and plans its 16.0 folders', async () => {
    const scenario = 'sfb-m365-c2r';
    await cli.run(['practice', 'reset', scenario]);
    const text = await cli.run(['--practice', scenario, 'diagnose']);
    expect(text.stdout).toContain(
      `Client: ${SFB_M365_C2R.clientName} ${SFB_M365_C2R.clientVersion}`,
    );
    const report = (await cli.json<DiagnosisReport>(['--practice', scenario, 'diagnose'])).value;
    expect(report.primaryClient).toMatchObject({
      kind: 'sfb2016',
      displayName: SFB_M365_C2R.clientName,
      installType: 'click-to-run',
      bitness: '64',
      executablePath: await resolve(scenario, {
        ...SFB_M365_C2R.installFolder,
        segments: [...SFB_M365_C2R.installFolder.segments, 'lync.exe'],
      }),
    });
    expect(clientEvidence(report).map((e) => e.label)).toEqual(
      expect.arrayContaining([
        'Found by Click-to-Run (64-bit view)',
        'Found by the App Paths entry for lync.exe (64-bit view)',
      ]),
    );

    const dryRun = await cli.json<{ plan: RepairPlan }>([
      '--practice',
      scenario,
      'repair',
      '--all',
      '--dry-run',
    ]);
    const folders = dryRun.value.plan.steps.flatMap((step) =>
      step.actions.flatMap((action) =>
        action.target.kind === 'folder' || action.target.kind === 'file'
          ? [action.target.path]
          : [],
      ),
    );
    const { cacheFolders } = SFB_M365_C2R;
    expect(folders.sort()).toEqual(
      (
        await Promise.all(
          [
            cacheFolders.localPrimary,
            cacheFolders.roamingPrimary,
            cacheFolders.localTracing,
            cacheFolders.roamingAccountProfiles,
          ].map((fact) => resolve(scenario, fact)),
        )
      ).sort(),
    );
  });

  it('sfb-m365-c2r: repair --all deletes Tracing and AccountProfiles.dat; undo puts them back exactly', async () => {
    const scenario = 'sfb-m365-c2r';
    await cli.run(['practice', 'reset', scenario]);
    const tracing = await resolve(scenario, SFB_M365_C2R.cacheFolders.localTracing);
    const profiles = await resolve(scenario, SFB_M365_C2R.cacheFolders.roamingAccountProfiles);
    const profileBytes = await readFile(profiles);
    const repair = await cli.json<{ run: RunRecord }>([
      '--practice',
      scenario,
      'repair',
      '--all',
      '--yes',
    ]);
    expect(repair.code).toBe(EXIT.ok);
    expect(repair.value.run.steps).toEqual(
      expect.arrayContaining(['clear-tracing-folder', 'remove-account-profiles']),
    );
    expect(await exists(scenario, tracing)).toBe(false);
    expect(await exists(scenario, profiles)).toBe(false);
    const undo = await cli.json<RunRecord>(['--practice', scenario, 'undo', '--last']);
    expect(undo.code).toBe(EXIT.ok);
    expect(undo.value.status).toBe('undone');
    expect(await readFile(profiles)).toEqual(profileBytes);
    for (const name of SFB_M365_C2R.tracingFiles) {
      expect(await readFile(join(tracing, name), 'utf8')).toBe(`practice trace ${name}\n`);
    }
  });

  it('sfb2019-onprem: names Skype for Business 2019 (32-bit); the key-less certificate is removed; UcMapi.exe closes and comes back with Lync', async () => {
    const scenario = 'sfb2019-onprem';
    await cli.run(['practice', 'reset', scenario]);
    const report = (await cli.json<DiagnosisReport>(['--practice', scenario, 'diagnose'])).value;
    expect(report.primaryClient).toMatchObject({
      displayName: SFB2019_ONPREM.clientName,
      installType: 'click-to-run',
      bitness: '32',
      running: true,
    });
    const certificate = report.findings.find((finding) => finding.id === 'personal-certificate');
    expect(certificate?.status).toBe('problem');
    expect(certificate?.summary).toContain('its private key cannot be opened');

    const repair = await cli.json<{ run: RunRecord; clientRestart: { started: boolean } }>([
      '--practice',
      scenario,
      'repair',
      '--all',
      '--yes',
      '--close-client',
    ]);
    expect(repair.code).toBe(EXIT.ok);
    const removed = repair.value.run.actions.filter(
      (action) => action.stepId === 'remove-personal-certificate',
    );
    expect(removed.map((action) => action.outcome)).toEqual(['applied']);
    expect(repair.value.clientRestart.started).toBe(true);
    const host = await openPracticePc(pcRoot(scenario));
    try {
      const running = await host.processes.find(['lync.exe', 'ucmapi.exe']);
      expect(running.map((process) => process.name).sort()).toEqual(['lync.exe', 'ucmapi.exe']);
      expect(running.map((process) => process.pid)).not.toContain(
        SFB2019_ONPREM.processes.lync.pid,
      );
      expect(running.map((process) => process.pid)).not.toContain(
        SFB2019_ONPREM.processes.ucmapi.pid,
      );
    } finally {
      await host.close();
    }
  });

  it('a plan says once that the running client, by its name, has to be closed; a closed one is named too', async () => {
    await cli.run(['practice', 'reset', 'sfb2019-onprem']);
    const running = await cli.run(['--practice', 'sfb2019-onprem', 'repair', '--all', '--dry-run']);
    expect(running.code).toBe(EXIT.ok);
    const closing = running.stdout.split('\n').filter((line) => /closed/.test(line));
    expect(closing).toEqual([
      `Note: ${SFB2019_ONPREM.clientName} is running; it has to be closed before these changes.`,
    ]);

    await cli.run(['practice', 'reset', 'sfb-m365-c2r']);
    const closed = await cli.run(['--practice', 'sfb-m365-c2r', 'repair', '--all', '--dry-run']);
    expect(closed.stdout.split('\n').filter((line) => /closed/.test(line))).toEqual([
      `${SFB_M365_C2R.clientName} must be closed for these changes.`,
    ]);
  });

  it('names Outlook as the holder when it keeps a Tracing file open', async () => {
    const scenario = 'sfb-m365-c2r';
    await cli.run(['practice', 'reset', scenario]);
    const file = join(pcRoot(scenario), 'machine.json');
    const machine = JSON.parse(await readFile(file, 'utf8')) as { processes: unknown[] };
    machine.processes.push({
      pid: 7300,
      name: 'outlook.exe',
      ownedByCurrentUser: true,
      ignoresClose: true,
      holds: ['Tracing'],
    });
    await writeFile(file, JSON.stringify(machine));
    const repair = await cli.json<{ run: RunRecord }>([
      '--practice',
      scenario,
      'repair',
      '--all',
      '--yes',
    ]);
    const tracing = repair.value.run.actions.find(
      (action) => action.stepId === 'clear-tracing-folder',
    );
    expect(tracing?.outcome).toBe('failed');
    expect(tracing?.error?.message).toContain('outlook.exe');
  }, 60_000);

  it('msi-leftover-c2r: acts for the live Click-to-Run client and says the Lync 2013 key is a leftover', async () => {
    const scenario = 'msi-leftover-c2r';
    await cli.run(['practice', 'reset', scenario]);
    const report = (await cli.json<DiagnosisReport>(['--practice', scenario, 'diagnose'])).value;
    expect(report.clients.map((client) => client.displayName)).toEqual([
      MSI_LEFTOVER_C2R.clientName,
    ]);
    const client = report.findings.find((finding) => finding.id === 'client');
    expect(client?.summary).toContain(
      `A leftover ${MSI_LEFTOVER_C2R.leftoverClientName} registry entry names a program that no longer exists; the tool acts for ${MSI_LEFTOVER_C2R.clientName}`,
    );
    const text = await cli.run(['--practice', scenario, 'diagnose']);
    expect(text.stdout).toContain(`Client: ${MSI_LEFTOVER_C2R.clientName}`);
    expect(text.stdout).not.toContain(`Client: ${MSI_LEFTOVER_C2R.leftoverClientName}`);
  });
});
