import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RepairPlan, RunRecord } from '../shared/repairs';
import { CLIENT_RUNNING, KB_LYNC2013, openPracticePc } from '../main/host/practice';
import type { DiagnosisReport } from '../shared/findings';
import type { ProcessInfo } from '../main/host/ports';
import { EXIT } from './exit-codes';
import { createCliHarness, type CliHarness } from '../../testing/cli/cli-harness';
import { installLync2010Beside } from '../../testing/engine/lync2010-beside';

// The real engine on the real client-running practice PC; only the terminal is simulated.
let cli: CliHarness;
beforeAll(async () => {
  cli = await createCliHarness();
});
afterAll(() => cli.dispose());

const SCENARIO = 'client-running';
const root = () => join(cli.dataDir, 'practice', SCENARIO, 'pc');

interface Restart {
  started: boolean;
  client?: string;
  path?: string;
  pid?: number;
  refusal?: string;
  reason?: string;
}

async function clientProcesses(): Promise<{ processes: ProcessInfo[]; lyncPath: string }> {
  const host = await openPracticePc(root());
  try {
    const folder = KB_LYNC2013.installFolder;
    const base = await host.files.knownFolder(folder.knownFolder);
    return {
      processes: await host.processes.find(['lync.exe', 'communicator.exe']),
      lyncPath: host.files.join(base!, ...folder.segments, 'lync.exe'),
    };
  } finally {
    await host.close();
  }
}

async function editMachine(edit: (machine: Record<string, unknown>) => void) {
  const file = join(root(), 'machine.json');
  const machine = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(machine);
  await writeFile(file, JSON.stringify(machine));
}

const repairArgs = ['--practice', SCENARIO, 'repair', '--all', '--yes', '--close-client'];

describe('starting the client again after closing it', () => {
  beforeEach(async () => {
    await cli.run(['practice', 'reset', SCENARIO]);
  });

  it('repair closes Lync, repairs, starts it again for the current user and says so', async () => {
    const r = await cli.run(repairArgs);
    expect(r.code).toBe(EXIT.ok);
    const { processes, lyncPath } = await clientProcesses();
    expect(processes).toHaveLength(1);
    const [lync] = processes;
    expect(lync).toMatchObject({ name: 'lync.exe', path: lyncPath, ownedByCurrentUser: true });
    expect(lync!.pid).not.toBe(CLIENT_RUNNING.process.pid);
    expect(r.stdout).toContain(
      `${KB_LYNC2013.clientName} was started again (pid ${lync!.pid}): try to sign in now.`,
    );
    expect(r.stderr).toContain('Starting Lync or Skype for Business again');
  });

  it('reports the restart in --json, next to the run', async () => {
    const r = await cli.json<{ run: RunRecord; clientRestart: Restart }>(repairArgs);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.run.status).toBe('applied');
    const { processes, lyncPath } = await clientProcesses();
    expect(r.value.clientRestart).toEqual({
      started: true,
      client: KB_LYNC2013.clientName,
      path: lyncPath,
      pid: processes[0]!.pid,
    });
  });

  it('--no-restart-client leaves it closed and says how to go on', async () => {
    const r = await cli.json<{ clientRestart: Restart }>([...repairArgs, '--no-restart-client']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.clientRestart).toMatchObject({ started: false, refusal: 'not-requested' });
    expect((await clientProcesses()).processes).toEqual([]);
    const text = await cli.run(['--practice', SCENARIO, 'undo', '--last', '--no-restart-client']);
    expect(text.code).toBe(EXIT.ok);
    // Nothing ran, so nothing was closed and nothing is said about starting it.
    expect(text.stdout).not.toMatch(/started again|Left closed/);
  });

  it('undo closes the restarted client, restores, and starts it again', async () => {
    expect((await cli.run(repairArgs)).code).toBe(EXIT.ok);
    const [afterRepair] = (await clientProcesses()).processes;
    const r = await cli.json<RunRecord & { clientRestart: Restart }>([
      '--practice',
      SCENARIO,
      'undo',
      '--last',
      '--close-client',
    ]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.status).toBe('undone');
    const [afterUndo] = (await clientProcesses()).processes;
    expect(afterUndo!.pid).not.toBe(afterRepair!.pid);
    expect(r.value.clientRestart).toMatchObject({ started: true, pid: afterUndo!.pid });
  });

  it('remediate names the restart in its one summary line', async () => {
    const r = await cli.run(['--practice', SCENARIO, 'remediate', '--close-client']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(
      new RegExp(
        `^Remediated: \\d+ changes applied and verified \\(run [^)]+\\); ${KB_LYNC2013.clientName} started again; no problem left$`,
      ),
    );
    expect((await clientProcesses()).processes).toHaveLength(1);
  });

  it('run as administrator, the repair goes ahead but Lync is not started elevated', async () => {
    await editMachine((m) => {
      (m.identity as { elevated: boolean }).elevated = true;
    });
    const r = await cli.run(repairArgs);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toContain(
      `${KB_LYNC2013.clientName} was not started again: This tool runs as administrator, so ${KB_LYNC2013.clientName} would too.`,
    );
    expect((await clientProcesses()).processes).toEqual([]);
  });

  it('starts nothing when the client was not running before', async () => {
    await editMachine((m) => {
      m.processes = [];
    });
    const r = await cli.json<Record<string, unknown>>(repairArgs);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value).not.toHaveProperty('clientRestart');
    expect((await clientProcesses()).processes).toEqual([]);
  });

  it('with Lync 2010 installed beside Lync 2013, the primary client Lync 2013 is started again', async () => {
    const host = await openPracticePc(root());
    try {
      await installLync2010Beside(host);
    } finally {
      await host.close();
    }
    const diagnosis = await cli.json<DiagnosisReport>(['--practice', SCENARIO, 'diagnose']);
    expect(diagnosis.value.clients.map((client) => client.kind)).toEqual(['lync2013', 'lync2010']);
    expect(diagnosis.value.primaryClient?.kind).toBe('lync2013');
    expect(diagnosis.value.kbPath).toBe('lync2013');

    const r = await cli.json<{ clientRestart: Restart; plan: RepairPlan }>(repairArgs);
    expect(r.code).toBe(EXIT.ok);
    // --all applied what the diagnosis recommended: Lync 2013's path, not Lync 2010's.
    const kbSteps = r.value.plan.steps.map((step) => step.kbStep);
    expect(kbSteps).toContain('lync2013-delete-sign-in-info');
    expect(kbSteps).not.toContain('lync2010-clear-cache');
    const { processes, lyncPath } = await clientProcesses();
    expect(processes.map((process) => process.name)).toEqual(['lync.exe']);
    expect(r.value.clientRestart).toMatchObject({
      started: true,
      client: KB_LYNC2013.clientName,
      path: lyncPath,
    });
  });
});
