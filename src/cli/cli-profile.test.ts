import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DiagnosisReport } from '../shared/findings';
import type { Identity } from '../main/host/ports';
import { adjustPracticePc, openPracticePc } from '../main/host/practice';
import { snapshotDifferences, snapshotPc } from '../../testing/engine/snapshot';
import { EXIT } from './exit-codes';
import { createCliHarness, type CliHarness } from '../../testing/cli/cli-harness';

// The real engine on a real practice PC whose identity is that of a tool started "as
// administrator" with another account (or as another user); only the terminal is simulated.
let cli: CliHarness;
beforeAll(async () => {
  cli = await createCliHarness();
});
afterAll(() => cli.dispose());

const SCENARIO = 'kb-lync2013';
const pcRoot = () => join(cli.dataDir, 'practice', SCENARIO, 'pc');
const AS_ADMIN: Partial<Identity> = {
  userName: 'admin',
  elevated: true,
  interactiveUserName: 'user',
};
const AS_USER: Partial<Identity> = {
  userName: 'user',
  elevated: false,
  interactiveUserName: 'user',
};

async function snapshot() {
  const host = await openPracticePc(pcRoot());
  try {
    return await snapshotPc(host);
  } finally {
    await host.close();
  }
}

const startedAs = (identity: Partial<Identity>) => adjustPracticePc(pcRoot(), { identity });

function expectRestartAdvice(stderr: string) {
  expect(stderr).toContain(
    'This tool was started as administrator as CONTOSO\\admin while user is signed in, so it would change CONTOSO\\admin',
  );
  expect(stderr).toContain('run sfb-signin-repair again as user from a normal command prompt');
  expect(stderr).toContain(
    'in Intune, set “Run this script using the logged-on credentials” to Yes. Nothing was changed.',
  );
}

beforeEach(async () => {
  await cli.run(['practice', 'reset', SCENARIO]);
  await startedAs(AS_ADMIN);
});

describe('started as administrator with another account', () => {
  it('diagnose shows the explanation before anything else', async () => {
    const text = await cli.run(['--practice', SCENARIO, 'diagnose']);
    expect(text.code).toBe(EXIT.ok);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(
      'WRONG PROFILE: this tool runs as CONTOSO\\admin, but user is signed in to Windows.',
    );
    expect(lines[1]).toContain("so it would change CONTOSO\\admin's profile instead of user's.");
    expect(lines[2]).toContain('in Intune, set “Run this script using the logged-on credentials”');
    expect(text.stdout.indexOf('WRONG PROFILE')).toBeLessThan(text.stdout.indexOf('Client:'));
    expect(text.stdout.trim().split('\n').at(-1)).toBe(
      '5 problems found. Run the tool normally first (see the top): the repairs of this profile are refused.',
    );

    const json = await cli.json<DiagnosisReport>(['--practice', SCENARIO, 'diagnose']);
    expect(json.value.findings[0]).toMatchObject({ id: 'profile', status: 'problem' });
  });

  it('repair of a per-user step exits 4 with how to restart normally, and changes nothing', async () => {
    const before = await snapshot();
    for (const args of [
      ['repair', '--steps', 'delete-sign-in-info', '--yes'],
      ['repair', '--steps', 'flush-dns-cache,clear-endpoint-cache', '--yes'],
      ['repair', '--all', '--yes'],
    ]) {
      const r = await cli.run(['--practice', SCENARIO, ...args]);
      expect(r.code, args.join(' ')).toBe(EXIT.needsAdmin);
      expectRestartAdvice(r.stderr);
    }
    const json = await cli.json<{ error: { code: string; message: string }; exitCode: number }>([
      '--practice',
      SCENARIO,
      'repair',
      '--steps',
      'clear-endpoint-cache',
      '--yes',
    ]);
    expect(json.value).toMatchObject({ error: { code: 'wrong-profile' }, exitCode: 4 });
    expect(json.value.error.message).toContain('logged-on credentials');
    expect(snapshotDifferences(before, await snapshot())).toEqual([]);
  });

  it('the machine-wide steps still run', async () => {
    const r = await cli.run([
      '--practice',
      SCENARIO,
      'repair',
      '--steps',
      'flush-dns-cache',
      '--yes',
    ]);
    expect(r.code).toBe(EXIT.ok);
    // A DNS flush cannot be undone, so no undo command is offered.
    expect(r.stdout).not.toContain('Undo with');
  });

  it('detect leads with the wrong profile; remediate exits 4 and says why on stdout', async () => {
    const detect = await cli.run(['--practice', SCENARIO, 'detect']);
    expect(detect.code).toBe(EXIT.problemFound);
    expect(detect.stdout).toMatch(
      /^Wrong profile: runs as CONTOSO\\admin while user is signed in \(run it with the logged-on credentials\)\. Problem found: profile, /,
    );

    const before = await snapshot();
    const remediate = await cli.run(['--practice', SCENARIO, 'remediate', '--close-client']);
    expect(remediate.code).toBe(EXIT.needsAdmin);
    const last = remediate.stdout.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(
      /^Not remediated: This tool was started as administrator as CONTOSO\\admin/,
    );
    expect(last).toContain('logged-on credentials');
    expectRestartAdvice(remediate.stderr);
    expect(snapshotDifferences(before, await snapshot())).toEqual([]);
  });

  it('undo of a per-user repair exits 4 and restores nothing; run normally, it undoes', async () => {
    await startedAs(AS_USER);
    const repaired = await cli.run([
      '--practice',
      SCENARIO,
      'repair',
      '--steps',
      'clear-endpoint-cache',
      '--yes',
    ]);
    expect(repaired.code).toBe(EXIT.ok);
    const afterRepair = await snapshot();

    await startedAs(AS_ADMIN);
    const refused = await cli.run(['--practice', SCENARIO, 'undo', '--last']);
    expect(refused.code).toBe(EXIT.needsAdmin);
    expectRestartAdvice(refused.stderr);
    expect(snapshotDifferences(afterRepair, await snapshot())).toEqual([]);

    await startedAs(AS_USER);
    const undone = await cli.run(['--practice', SCENARIO, 'undo', '--last']);
    expect(undone.code).toBe(EXIT.ok);
  });
});

describe('started as another user without elevation', () => {
  it('explains it without “as administrator” and refuses the per-user steps with exit 4', async () => {
    await startedAs({ userName: 'helpdesk', elevated: false, interactiveUserName: 'user' });
    const diagnose = await cli.run(['--practice', SCENARIO, 'diagnose']);
    expect(diagnose.stdout.split('\n')[1]).toMatch(
      /^This tool was started as CONTOSO\\helpdesk while user/,
    );
    const r = await cli.run([
      '--practice',
      SCENARIO,
      'repair',
      '--steps',
      'clear-endpoint-cache',
      '--yes',
    ]);
    expect(r.code).toBe(EXIT.needsAdmin);
    expect(r.stderr).toContain('run sfb-signin-repair again as user from a normal command prompt');
  });
});
