/**
 * The built command line (dist/cli.cjs through bin/sfb-signin-repair.cjs), spawned as a user or
 * a deployment tool would run it, against practice PCs in a temporary data folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { devNull, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosisReport } from '../shared/findings';
import type { RepairPlan, RunRecord } from '../shared/repairs';
import { DECOYS, KB_LYNC2013, openPracticePc } from '../main/host/practice';
import { acquireDataLock } from '../main/journal/data-lock';
import { EXIT } from './exit-codes';
import {
  MACHINE_GUID_SNAPSHOT_KEY,
  snapshotDifferences,
  snapshotPc,
  type PcSnapshot,
} from '../../testing/engine/snapshot';

const repo = resolve(__dirname, '..', '..');
const bin = join(repo, 'bin', 'sfb-signin-repair.cjs');
let dataDir: string;

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bin, '--data-dir', dataDir, ...args], {
      cwd: dataDir,
      env: { PATH: process.env.PATH ?? '', HOME: dataDir, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

function parse<T>(result: Spawned): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}): ${result.stdout}\n${result.stderr}`);
  }
}

async function snapshot(scenario: string) {
  const host = await openPracticePc(join(dataDir, 'practice', scenario, 'pc'));
  try {
    return await snapshotPc(host);
  } finally {
    await host.close();
  }
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--only=cli'], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}${build.stdout}`);
  dataDir = await mkdtemp(join(tmpdir(), 'sfb-cli-e2e-'));
}, 120_000);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('the built command line', () => {
  it('shows help with the exit codes', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: sfb-signin-repair');
    expect(r.stdout).toContain('Exit codes:');
  });

  it.each(['a pipe', 'the null device'])(
    'writes a diagnosis into %s without loading the terminal, socket or promised-file modules or starting the thread pool',
    async (into) => {
      // Node builds process.stdout for a pipe as a socket: node:net, node:tty and the stream
      // machinery, a twentieth of the command's start, for output a plain write delivers as well.
      // Asking whether the null device is a terminal would load the same modules. The first
      // asynchronous file call starts libuv's thread pool (four threads), which a diagnosis of
      // the practice PC does not need; on Linux the process's threads are counted to see it.
      await cli(['practice', 'reset', 'kb-lync2013']);
      const report = join(dataDir, 'start-up.json');
      const preload = join(dataDir, 'start-up.cjs');
      await writeFile(
        preload,
        `const fs = require('node:fs');
const threads = () => (process.platform === 'linux' ? fs.readdirSync('/proc/self/task').length : 0);
const atStart = threads();
process.on('exit', () => fs.writeFileSync(${JSON.stringify(report)}, JSON.stringify({ modules: process.moduleLoadList, threads: [atStart, threads()] })));
`,
      );
      const nowhere = into === 'the null device' ? openSync(devNull, 'w') : undefined;
      try {
        const run = spawnSync(
          process.execPath,
          ['-r', preload, bin, '--data-dir', dataDir, '--practice', 'kb-lync2013', 'diagnose'],
          {
            cwd: dataDir,
            encoding: 'utf8',
            env: { PATH: process.env.PATH ?? '', HOME: dataDir },
            stdio: ['ignore', nowhere ?? 'pipe', 'pipe'],
          },
        );
        expect(run.status, run.stderr).toBe(EXIT.ok);
        if (nowhere === undefined) expect(run.stdout).toContain('PROBLEM FOUND');
        expect(run.stderr).toContain('Practice PC');
      } finally {
        if (nowhere !== undefined) closeSync(nowhere);
      }
      const { modules: loaded, threads } = JSON.parse(await readFile(report, 'utf8')) as {
        modules: string[];
        threads: [number, number];
      };
      expect(loaded).toContain('NativeModule fs'); // the list is Node's own, and complete
      // node:fs/promises (and node:readline with it) comes only with a call of one of its functions.
      for (const module of [
        'NativeModule net',
        'NativeModule tty',
        'Internal Binding pipe_wrap',
        'NativeModule fs/promises',
      ]) {
        expect(loaded).not.toContain(module);
      }
      const [atStart, atExit] = threads;
      expect(atExit, 'threads started during the command').toBe(atStart);
    },
  );

  it('diagnose → repair --all --yes → healthy → undo --last → exactly as before', async () => {
    expect((await cli(['practice', 'reset', 'kb-lync2013'])).code).toBe(0);
    const before = await snapshot('kb-lync2013');

    const diagnosis = parse<DiagnosisReport>(await cli(['--json', 'diagnose']));
    expect(diagnosis.practiceScenario).toBe('kb-lync2013');
    const problems = diagnosis.findings.filter((f) => f.status === 'problem').map((f) => f.id);
    expect(problems).toContain('personal-certificate');
    expect(problems).toContain('stored-credentials');

    const repaired = await cli(['--json', 'repair', '--all', '--yes']);
    expect(repaired.code).toBe(EXIT.ok);
    const { plan, run } = parse<{ plan: RepairPlan; run: RunRecord }>(repaired);
    expect(plan.address).toBe('user@contoso.com');
    expect(run.status).toBe('applied');
    expect(run.actions.every((a) => a.verified)).toBe(true);

    const after = parse<DiagnosisReport>(await cli(['--json', 'diagnose']));
    expect(after.findings.filter((f) => f.status === 'problem')).toEqual([]);
    const changed = await snapshot('kb-lync2013');
    expect(
      changed.credentials[`generic:${KB_LYNC2013.credentials.primaryOcs.targetName}`],
    ).toBeUndefined();
    for (const decoy of DECOYS.credentials) {
      const key = `generic:${decoy.targetName}`;
      expect(before.credentials[key]).toBeDefined();
      expect(changed.credentials[key]).toEqual(before.credentials[key]);
    }

    const undone = await cli(['--json', 'undo', '--last']);
    expect(undone.code).toBe(EXIT.ok);
    expect(parse<RunRecord>(undone).status).toBe('undone');
    expect(snapshotDifferences(before, await snapshot('kb-lync2013'))).toEqual([]);
  });

  it('detect: 0 on healthy, 1 on kb-lync2013', async () => {
    await cli(['practice', 'reset', 'healthy']);
    await cli(['practice', 'reset', 'kb-lync2013']);
    const healthy = await cli(['--practice', 'healthy', 'detect']);
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/^Healthy: /);
    const broken = await cli(['--practice', 'kb-lync2013', 'detect']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^Problem found: /);
  });

  it('refuses to repair without --yes when not run from a terminal', async () => {
    await cli(['practice', 'reset', 'kb-lync2013']);
    const before = await snapshot('kb-lync2013');
    const r = await cli(['--practice', 'kb-lync2013', 'repair', '--all'], 'y\n');
    expect(r.code).toBe(EXIT.notConfirmed);
    expect(r.stderr).toContain('add --yes');
    expect(snapshotDifferences(before, await snapshot('kb-lync2013'))).toEqual([]);
  });

  it.each([
    [['repair', '--steps', 'format-c'], EXIT.usage, /Unknown repair step "format-c"/],
    [['repair', '--all', '--address', 'bad address'], EXIT.usage, /not a SIP address/],
    [['undo', 'run-that-never-was'], EXIT.notFound, /run-that-never-was/],
    [['practice', 'reset', 'nope'], EXIT.usage, /no practice scenario called "nope"/],
    [
      ['--practice', 'client-running', 'repair', '--all', '--yes'],
      EXIT.clientRunning,
      /--close-client/,
    ],
  ])('%j exits %i with a clear message', async (args, code, message) => {
    const r = await cli(args as string[]);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(code);
  });

  it('a corrupt practice PC → exit 8 naming the file, which is left as it was', async () => {
    await cli(['practice', 'reset', 'kb-lync2010']);
    const registry = join(dataDir, 'practice', 'kb-lync2010', 'pc', 'registry.json');
    await writeFile(registry, '{"hives": [not json');
    const r = await cli(['--practice', 'kb-lync2010', '--json', 'diagnose']);
    expect(r.code).toBe(EXIT.dataError);
    expect(r.stderr).toContain('registry.json');
    expect(parse<{ error: { code: string } }>(r).error.code).toBe('corrupt-data');
    expect(await readFile(registry, 'utf8')).toBe('{"hives": [not json');
  });

  it('a practice PC document of the wrong shape → exit 8 naming the file, left as it was', async () => {
    // Valid JSON, so only the schema check (as the shipped command runs it) can refuse it.
    await cli(['practice', 'reset', 'kb-lync2010']);
    const registry = join(dataDir, 'practice', 'kb-lync2010', 'pc', 'registry.json');
    const wrongShape = '{"hives": [{"name": 42, "keys": "none"}]}';
    await writeFile(registry, wrongShape);
    const r = await cli(['--practice', 'kb-lync2010', '--json', 'diagnose']);
    expect(r.code).toBe(EXIT.dataError);
    expect(r.stderr).toContain('registry.json');
    expect(parse<{ error: { code: string } }>(r).error.code).toBe('corrupt-data');
    expect(await readFile(registry, 'utf8')).toBe(wrongShape);
  });

  it('says in words what is wrong with a practice PC document, and where', async () => {
    // The check's own words, and the path to the value, reach the user (not just "invalid").
    await cli(['practice', 'reset', 'kb-lync2010']);
    const machine = join(dataDir, 'practice', 'kb-lync2010', 'pc', 'machine.json');
    const document = JSON.parse(await readFile(machine, 'utf8')) as Record<string, unknown>;
    await writeFile(machine, JSON.stringify({ ...document, nextPid: 0 }));
    const r = await cli(['--practice', 'kb-lync2010', 'diagnose']);
    expect(r.code).toBe(EXIT.dataError);
    expect(r.stderr).toMatch(
      /machine\.json has an unexpected shape at nextPid: Invalid value: Expected >0 but received 0/,
    );
  });

  describe('MachineGuid without administrator rights', () => {
    const machineGuid = (snap: PcSnapshot) => snap.registry[MACHINE_GUID_SNAPSHOT_KEY];
    const args = ['--practice', 'machine-guid-braces', 'repair', '--steps', 'fix-machine-guid'];

    it('is refused unattended (exit 4), changing nothing', async () => {
      await cli(['practice', 'reset', 'machine-guid-braces']);
      const before = await snapshot('machine-guid-braces');
      const r = await cli([...args, '--yes']);
      expect(r.code).toBe(EXIT.needsAdmin);
      expect(r.stderr).toContain('--elevate');
      expect(snapshotDifferences(before, await snapshot('machine-guid-braces'))).toEqual([]);
    });

    it('with --elevate, a declined prompt changes nothing', async () => {
      const before = await snapshot('machine-guid-braces');
      const r = await cli([...args, '--yes', '--elevate'], '', { SFB_PRACTICE_UAC: 'cancel' });
      expect(r.code).toBe(EXIT.repairFailed);
      expect(r.stdout).toMatch(/rolled-back[\s\S]*The administrator prompt was cancelled/);
      expect(snapshotDifferences(before, await snapshot('machine-guid-braces'))).toEqual([]);
    });

    it('with --elevate and approval, goes through the elevated helper and undoes', async () => {
      const before = await snapshot('machine-guid-braces');
      expect(machineGuid(before)).toEqual({ type: 'REG_SZ', data: `{${KB_LYNC2013.machineGuid}}` });
      const r = await cli([...args, '--yes', '--elevate']);
      expect(r.code).toBe(EXIT.ok);
      expect(r.stdout).toContain('Windows will ask for administrator approval');
      expect(machineGuid(await snapshot('machine-guid-braces'))).toEqual({
        type: 'REG_SZ',
        data: KB_LYNC2013.machineGuid,
      });
      const undo = await cli(['--practice', 'machine-guid-braces', 'undo', '--last']);
      expect(undo.code).toBe(EXIT.ok);
      expect(snapshotDifferences(before, await snapshot('machine-guid-braces'))).toEqual([]);
    });
  });

  it('--json output of every read command parses', async () => {
    for (const args of [
      ['diagnose'],
      ['runs'],
      ['backups'],
      ['detect'],
      ['practice', 'list'],
      ['report', '--format', 'json'],
    ]) {
      const r = await cli(['--practice', 'kb-lync2013', '--json', ...args]);
      expect(() => JSON.parse(r.stdout), args.join(' ')).not.toThrow();
    }
  });

  describe('backups', () => {
    const practice = ['--practice', 'kb-lync2013'];

    /** A fresh kb-lync2013 PC with one repair made on it (its saved passwords removed). */
    async function freshRepair(): Promise<RunRecord> {
      await cli(['practice', 'reset', 'kb-lync2013']);
      const repaired = await cli([
        ...practice,
        '--json',
        'repair',
        '--steps',
        'remove-stored-credentials',
        '--yes',
      ]);
      return parse<{ run: RunRecord }>(repaired).run;
    }

    it('lists, purges one repair with what it freed, and refuses its undo afterwards', async () => {
      const run = await freshRepair();
      const listed = parse<{
        backups: Array<{ runId: string; sizeBytes: number; undoable: boolean }>;
      }>(await cli([...practice, '--json', 'backups']));
      expect(listed.backups).toEqual([
        expect.objectContaining({ runId: run.id, undoable: true, sizeBytes: expect.any(Number) }),
      ]);
      const size = listed.backups[0]!.sizeBytes;
      expect(size).toBeGreaterThan(0);
      const pcBefore = await snapshot('kb-lync2013');

      const purged = await cli([...practice, 'backups', '--purge', '--run', run.id]);
      expect(purged.code).toBe(EXIT.ok);
      expect(purged.stdout).toContain('Deleted the backups of 1 repairs');
      expect(purged.stdout).toContain(`${run.id}  `);
      expect(purged.stdout).toContain('it can no longer be undone');
      expect(snapshotDifferences(pcBefore, await snapshot('kb-lync2013'))).toEqual([]);

      const undo = await cli([...practice, 'undo', run.id]);
      expect(undo.code).toBe(EXIT.notFound);
      expect(undo.stderr).toContain('can no longer be undone');
      expect(snapshotDifferences(pcBefore, await snapshot('kb-lync2013'))).toEqual([]);
    });

    it('while another copy holds the data folder: exit 10 saying so, nothing deleted', async () => {
      const run = await freshRepair();
      // This test process is the other copy: it holds the real lock while the CLI runs.
      const lock = acquireDataLock(join(dataDir, 'practice', 'kb-lync2013', 'engine'));
      let r: Spawned;
      try {
        r = await cli([...practice, '--json', 'backups', '--purge', '--run', run.id]);
      } finally {
        lock.release();
      }
      expect(r.code).toBe(EXIT.busy);
      expect(r.stderr).toContain('Another copy of SfB Sign-in Repair');
      expect(r.stderr).toContain(`process ${process.pid}`);
      expect(parse<{ error: { code: string } }>(r).error.code).toBe('file-locked');
      const after = parse<{ backups: Array<{ runId: string; undoable: boolean }> }>(
        await cli([...practice, '--json', 'backups']),
      );
      expect(after.backups).toEqual([expect.objectContaining({ runId: run.id, undoable: true })]);
    });
  });
});
