import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosisReport } from '../shared/findings';
import type { RepairPlan, RunRecord, RunSummary } from '../shared/repairs';
import { resetPractice } from '../main/host';
import { KB_LYNC2013, openPracticePc } from '../main/host/practice';
import { EXIT } from './exit-codes';
import { createCliHarness } from '../../testing/cli/cli-harness';
import type { CliHarness } from '../../testing/cli/cli-harness';
import {
  MACHINE_GUID_SNAPSHOT_KEY,
  snapshotDifferences,
  snapshotPc,
  type PcSnapshot,
} from '../../testing/engine/snapshot';

// The real engine on real practice PCs in a temporary data folder; only the terminal (whether
// someone can answer, and what they type) is simulated by the harness.
let cli: CliHarness;
beforeAll(async () => {
  cli = await createCliHarness();
});
afterAll(() => cli.dispose());

const pcRoot = (scenario: string) => join(cli.dataDir, 'practice', scenario, 'pc');

async function snapshot(scenario: string) {
  const host = await openPracticePc(pcRoot(scenario));
  try {
    return await snapshotPc(host);
  } finally {
    await host.close();
  }
}

/** Edits the practice PC's machine document (processes, identity) the way its own tests do. */
async function editMachine(scenario: string, edit: (machine: Record<string, unknown>) => void) {
  const file = join(pcRoot(scenario), 'machine.json');
  const machine = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(machine);
  await writeFile(file, JSON.stringify(machine));
}

const status = (report: DiagnosisReport, id: string) =>
  report.findings.find((f) => f.id === id)?.status;
const PRIMARY_OCS = `generic:${KB_LYNC2013.credentials.primaryOcs.targetName}`;
const SECOND_OCS = `generic:${KB_LYNC2013.credentials.secondOcs.targetName}`;

describe('practice', () => {
  it('lists the scenarios', async () => {
    const r = await cli.json<{ scenarios: Array<{ name: string }> }>(['practice', 'list']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.scenarios.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'healthy',
        'kb-lync2013',
        'kb-lync2010',
        'machine-guid-braces',
        'client-running',
      ]),
    );
  });

  it('resets a scenario', async () => {
    const r = await cli.json<{ scenario: string }>(['practice', 'reset', 'kb-lync2013']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value).toEqual({ scenario: 'kb-lync2013' });
    expect(Object.keys((await snapshot('kb-lync2013')).credentials)).toContain(PRIMARY_OCS);
  });
});

describe('diagnose → repair → undo on kb-lync2013', () => {
  let original: PcSnapshot;
  beforeAll(async () => {
    await cli.run(['practice', 'reset', 'kb-lync2013']);
    original = await snapshot('kb-lync2013');
  });

  it('diagnoses the KB problems', async () => {
    const r = await cli.json<DiagnosisReport>(['--practice', 'kb-lync2013', 'diagnose']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.hostKind).toBe('practice');
    expect(r.value.clients.map((c) => c.kind)).toEqual(['lync2013']);
    expect(r.value.currentAddress).toBe('user@contoso.com');
    expect(status(r.value, 'personal-certificate')).toBe('problem');
    expect(r.stderr).toContain('Practice PC "kb-lync2013"');
  });

  it('prints findings in plain words', async () => {
    const r = await cli.run(['--practice', 'kb-lync2013', 'diagnose']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toContain(`Client: ${KB_LYNC2013.clientName} ${KB_LYNC2013.clientVersion}`);
    expect(r.stdout).toMatch(/PROBLEM FOUND\s+Personal certificate \(Communications Server\)/);
    expect(r.stdout).toContain(
      'KB: Additional troubleshooting steps — Delete the personal certificate',
    );
    expect(r.stdout).not.toContain(String.fromCharCode(27)); // not a terminal: no colour codes
  });

  it('--dry-run prints the plan and changes nothing', async () => {
    const r = await cli.run([
      '--practice',
      'kb-lync2013',
      'repair',
      '--all',
      '--dry-run',
      '--verbose',
    ]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toContain('Plan for user@contoso.com:');
    expect(r.stdout).toContain(KB_LYNC2013.credentials.primaryOcs.targetName);
    expect(r.stdout).toContain('Dry run: nothing was changed.');
    expect(snapshotDifferences(original, await snapshot('kb-lync2013'))).toEqual([]);
  });

  it('refuses without --yes when nobody can answer, and changes nothing', async () => {
    const r = await cli.run(['--practice', 'kb-lync2013', 'repair', '--all']);
    expect(r.code).toBe(EXIT.notConfirmed);
    expect(r.stderr).toContain('add --yes');
    expect(snapshotDifferences(original, await snapshot('kb-lync2013'))).toEqual([]);
  });

  it('asks on a terminal and takes no for an answer', async () => {
    const r = await cli.run(['--practice', 'kb-lync2013', 'repair', '--all'], {
      interactive: true,
      answers: ['n'],
    });
    expect(r.code).toBe(EXIT.notConfirmed);
    expect(r.questions).toHaveLength(1);
    expect(r.questions[0]).toMatch(/^Apply these \d+ changes\? \[y\/N\] $/);
    expect(snapshotDifferences(original, await snapshot('kb-lync2013'))).toEqual([]);
  });

  it('applies after a yes, for the current address only', async () => {
    const r = await cli.run(['--practice', 'kb-lync2013', 'repair', '--all'], {
      interactive: true,
      answers: ['y'],
    });
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/Repair \S+: applied/);
    const after = await snapshot('kb-lync2013');
    expect(after.credentials[PRIMARY_OCS]).toBeUndefined();
    expect(after.credentials[SECOND_OCS]).toEqual(original.credentials[SECOND_OCS]);
    for (const decoy of KB_LYNC2013.decoyCredentials) {
      const key = `generic:${decoy.targetName}`;
      expect(original.credentials[key]).toBeDefined();
      expect(after.credentials[key]).toEqual(original.credentials[key]);
    }
    const changed = snapshotDifferences(original, after);
    expect(changed.some((k) => k.includes('fabrikam'))).toBe(false);
  });

  it('diagnoses the repaired address as fixed', async () => {
    const r = await cli.json<DiagnosisReport>(['--practice', 'kb-lync2013', 'diagnose']);
    expect(status(r.value, 'personal-certificate')).not.toBe('problem');
    expect(r.value.findings.filter((f) => f.status === 'problem').map((f) => f.id)).toEqual([]);
  });

  it('lists the run and undoes it exactly', async () => {
    const runs = await cli.json<{ runs: RunSummary[] }>(['--practice', 'kb-lync2013', 'runs']);
    expect(runs.value.runs).toHaveLength(1);
    expect(runs.value.runs[0]?.status).toBe('applied');
    const r = await cli.json<RunRecord>(['--practice', 'kb-lync2013', 'undo', '--last']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.id).toBe(runs.value.runs[0]?.id);
    expect(r.value.status).toBe('undone');
    expect(snapshotDifferences(original, await snapshot('kb-lync2013'))).toEqual([]);
  });

  it('will not undo the same run twice: nothing left to undo is exit 6', async () => {
    const last = await cli.run(['--practice', 'kb-lync2013', 'undo', '--last']);
    expect(last.code).toBe(EXIT.notFound);
    expect(last.stderr).toMatch(/^Error: No repair has anything left to undo/im);
    const runs = await cli.json<{ runs: RunSummary[] }>(['--practice', 'kb-lync2013', 'runs']);
    const named = await cli.run(['--practice', 'kb-lync2013', 'undo', runs.value.runs[0]!.id]);
    expect(named.code).toBe(EXIT.notFound);
    expect(named.stderr).toMatch(/it was already undone\. Nothing was changed\./);
    expect(snapshotDifferences(original, await snapshot('kb-lync2013'))).toEqual([]);
  });

  it('passes over a DNS flush, which cannot be undone, and says which repair it undid', async () => {
    const repaired = await cli.run([
      '--practice',
      'kb-lync2013',
      'repair',
      '--steps',
      'remove-stored-credentials',
      '--yes',
    ]);
    expect(repaired.code).toBe(EXIT.ok);
    expect(repaired.stdout).toMatch(
      /^Undo with: sfb-signin-repair --practice kb-lync2013 undo \S+$/m,
    );
    const flushed = await cli.run([
      '--practice',
      'kb-lync2013',
      'repair',
      '--steps',
      'flush-dns-cache',
      '--yes',
    ]);
    expect(flushed.code).toBe(EXIT.ok);
    expect(flushed.stdout).not.toContain('Undo with');
    const undo = await cli.run(['--practice', 'kb-lync2013', 'undo', '--last']);
    expect(undo.code).toBe(EXIT.ok);
    expect(undo.stdout).toMatch(
      /^Undoing the repair of .+ \(Remove the saved sign-in passwords\) for user@contoso\.com, run \S+\.$/m,
    );
    expect(snapshotDifferences(original, await snapshot('kb-lync2013'))).toEqual([]);
  });

  it('says which run id is unknown (exit 6)', async () => {
    const r = await cli.run(['--practice', 'kb-lync2013', 'undo', 'no-such-run']);
    expect(r.code).toBe(EXIT.notFound);
    expect(r.stderr).toContain('no-such-run');
  });

  it('repairs one step of one named address in JSON', async () => {
    const r = await cli.json<{ plan: RepairPlan; run: RunRecord }>([
      '--practice',
      'kb-lync2013',
      'repair',
      '--steps',
      'remove-stored-credentials',
      '--address',
      'sip:Other@Fabrikam.com',
      '--yes',
    ]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.plan.steps.map((s) => s.stepId)).toEqual(['remove-stored-credentials']);
    expect(r.value.run.status).toBe('applied');
    const after = await snapshot('kb-lync2013');
    expect(after.credentials[SECOND_OCS]).toBeUndefined();
    expect(after.credentials[PRIMARY_OCS]).toEqual(original.credentials[PRIMARY_OCS]);
    const undo = await cli.run(['--practice', 'kb-lync2013', 'undo', r.value.run.id]);
    expect(undo.code).toBe(EXIT.ok);
    expect(snapshotDifferences(original, await snapshot('kb-lync2013'))).toEqual([]);
  });
});

describe('a running client', () => {
  beforeAll(async () => {
    await cli.run(['practice', 'reset', 'client-running']);
  });

  it('stops with exit 3 and changes nothing', async () => {
    const before = await snapshot('client-running');
    const r = await cli.run(['--practice', 'client-running', 'repair', '--all', '--yes']);
    expect(r.code).toBe(EXIT.clientRunning);
    expect(r.stderr).toContain('--close-client');
    expect(snapshotDifferences(before, await snapshot('client-running'))).toEqual([]);
  });

  it('closes it gracefully with --close-client, then repairs', async () => {
    const r = await cli.run([
      '--practice',
      'client-running',
      'repair',
      '--all',
      '--yes',
      '--close-client',
    ]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/applied/);
  });
});

describe('a client that does not close', () => {
  beforeAll(async () => {
    await cli.run(['practice', 'reset', 'client-running']);
    await editMachine('client-running', (m) => {
      (m.processes as Array<{ ignoresClose: boolean }>)[0]!.ignoresClose = true;
    });
  });

  it('is not ended without --force-close, and nothing changes', async () => {
    const before = await snapshot('client-running');
    const args = ['--practice', 'client-running', 'repair', '--all', '--yes', '--close-client'];
    const r = await cli.run([...args, '--close-timeout', '1']);
    expect(r.code).toBe(EXIT.clientRunning);
    expect(r.stderr).toMatch(
      /did not close \(.*lync\.exe.*\)\. Add --force-close to end it\. Nothing was changed\./,
    );
    expect(snapshotDifferences(before, await snapshot('client-running'))).toEqual([]);
  });

  it('is ended with --force-close, then the repair runs', async () => {
    const args = ['--practice', 'client-running', 'repair', '--all', '--yes', '--force-close'];
    const r = await cli.run([...args, '--close-timeout', '1', '--no-restart-client']);
    expect(r.code).toBe(EXIT.ok);
    const clients = await cli.json<DiagnosisReport>(['--practice', 'client-running', 'diagnose']);
    expect(clients.value.clients[0]?.running).toBe(false);
  });

  it('rejects a malformed --close-timeout before touching anything', async () => {
    const r = await cli.run(['repair', '--all', '--close-client', '--close-timeout', '5s']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('--close-timeout takes whole seconds');
  });
});

describe('administrator rights', () => {
  beforeAll(async () => {
    await cli.run(['practice', 'reset', 'machine-guid-braces']);
  });

  it('refuses a step that needs them when not elevated (exit 4), changing nothing', async () => {
    const before = await snapshot('machine-guid-braces');
    const r = await cli.run([
      '--practice',
      'machine-guid-braces',
      'repair',
      '--steps',
      'fix-machine-guid',
      '--yes',
    ]);
    expect(r.code).toBe(EXIT.needsAdmin);
    expect(r.stderr).toContain('administrator');
    expect(snapshotDifferences(before, await snapshot('machine-guid-braces'))).toEqual([]);
  });

  it('removes the braces when elevated, and undoes it', async () => {
    await editMachine('machine-guid-braces', (m) => {
      (m.identity as { elevated: boolean }).elevated = true;
    });
    const before = await snapshot('machine-guid-braces');
    const r = await cli.run(['--practice', 'machine-guid-braces', 'repair', '--all', '--yes']);
    expect(r.code).toBe(EXIT.ok);
    const after = await snapshot('machine-guid-braces');
    expect(after.registry[MACHINE_GUID_SNAPSHOT_KEY]).toEqual({
      type: 'REG_SZ',
      data: KB_LYNC2013.machineGuid,
    });
    expect((await cli.run(['--practice', 'machine-guid-braces', 'undo', '--last'])).code).toBe(
      EXIT.ok,
    );
    expect(snapshotDifferences(before, await snapshot('machine-guid-braces'))).toEqual([]);
  });
});

describe('detect and remediate', () => {
  it('detect exits 0 on a healthy PC, with one line', async () => {
    await cli.run(['practice', 'reset', 'healthy']);
    const r = await cli.run(['--practice', 'healthy', 'detect']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(
      /^Healthy: no sign-in problem found \(Lync 2013 [^)]*user@contoso\.com\)\n$/,
    );
    expect(r.stderr).toBe('');
  });

  it('detect exits 1 on kb-lync2013, remediate fixes it, detect exits 0', async () => {
    await cli.run(['practice', 'reset', 'kb-lync2013']);
    const found = await cli.run(['--practice', 'kb-lync2013', 'detect']);
    expect(found.code).toBe(EXIT.problemFound);
    expect(found.stdout).toMatch(/^Problem found: .*personal-certificate.*\n$/);
    expect(found.stdout.split('\n')).toHaveLength(2);
    const fixed = await cli.run(['--practice', 'kb-lync2013', 'remediate']);
    expect(fixed.code).toBe(EXIT.ok);
    expect(fixed.stdout).toMatch(
      /^Remediated: \d+ changes applied and verified \(run \S+\); no problem left\n$/,
    );
    const again = await cli.json<{ problem: boolean }>(['--practice', 'kb-lync2013', 'detect']);
    expect(again.code).toBe(EXIT.ok);
    expect(again.value.problem).toBe(false);
  });

  it('remediate leaves out what needs administrator rights, with exit 4', async () => {
    await cli.run(['practice', 'reset', 'machine-guid-braces']);
    const r = await cli.run(['--practice', 'machine-guid-braces', 'remediate']);
    expect(r.code).toBe(EXIT.needsAdmin);
    expect(r.stdout).toContain('needs administrator: fix-machine-guid');
    expect(r.stdout).toContain('still a problem: machine-guid');
  });
});

describe('progress', () => {
  it('reports progress of a large endpoint cache on stderr, never on stdout', async () => {
    await resetPractice(cli.dataDir, 'kb-lync2013', { cacheFiles: 3000 });
    // A clock that moves a second per reading: the throttle then lets every progress event
    // through however fast this machine copies the files.
    let tick = Date.now();
    const slowClock = { now: () => new Date((tick += 1000)) };
    const r = await cli.json<{ run: RunRecord }>(
      ['--practice', 'kb-lync2013', 'repair', '--steps', 'clear-endpoint-cache', '--yes'],
      { context: slowClock },
    );
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.run.status).toBe('applied');
    expect(r.stderr).toMatch(/… Backing up and applying \d+ changes…/);
    expect(r.stderr).toMatch(/… .*\(\d+(\/\d+)?\)\n/);
    const undo = await cli.run(['--practice', 'kb-lync2013', 'undo', '--last']);
    expect(undo.code).toBe(EXIT.ok);
    expect(undo.stderr).toMatch(/… Restoring what \S+ changed…/);
  }, 120_000);
});

describe("the administrators' checks", () => {
  it('adds certificate chain, DNS records and clock findings, within seconds', async () => {
    await cli.run(['practice', 'reset', 'kb-lync2013']);
    const started = Date.now();
    // Loopback only: a closed port for the server and a DNS "server" that never answers.
    const r = await cli.json<DiagnosisReport>([
      '--practice',
      'kb-lync2013',
      'diagnose',
      '--admin',
      '--domain',
      'contoso.com',
      '--target',
      '127.0.0.1:1',
      '--dns-server',
      '127.0.0.1:9',
    ]);
    expect(r.code).toBe(EXIT.ok);
    expect(Date.now() - started).toBeLessThan(20_000);
    const ids = r.value.findings.map((f) => f.id);
    expect(ids).toEqual(
      expect.arrayContaining(['certificate-chain', 'dns-records', 'revocation', 'clock', 'client']),
    );
    // Unreachable is never reported as untrusted.
    expect(status(r.value, 'certificate-chain')).not.toBe('problem');
  }, 30_000);

  it('rejects a malformed DNS server before anything runs', async () => {
    const r = await cli.run(['diagnose', '--admin', '--dns-server', 'dns.contoso.com']);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('"dns.contoso.com" is not a DNS server address');
  });
});

describe('a bare --practice before the command', () => {
  it('uses the practice PC selected last', async () => {
    await cli.run(['practice', 'reset', 'healthy']);
    const r = await cli.json<DiagnosisReport>(['--practice', 'diagnose'], { platform: 'win32' });
    expect(r.code).toBe(EXIT.ok);
    expect(r.value.practiceScenario).toBe('healthy');
  });
});
