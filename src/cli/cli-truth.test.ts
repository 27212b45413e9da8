import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../shared/repairs';
import { EXIT } from './exit-codes';
import { createCliHarness, type CliHarness } from '../../testing/cli/cli-harness';

// What the command line says after a mistake or on a healthy PC, on the real engine and
// practice PCs; only the terminal (whether someone can answer, and what they type) is simulated.
let cli: CliHarness;
beforeAll(async () => {
  cli = await createCliHarness();
});
afterAll(() => cli.dispose());

describe('an --address the PC has never used', () => {
  it('is an error that lists the addresses found, and nothing changes', async () => {
    await cli.run(['practice', 'reset', 'kb-lync2013']);
    const r = await cli.run([
      '--practice',
      'kb-lync2013',
      'repair',
      '--steps',
      'remove-stored-credentials',
      '--address',
      'nobody@contoso.com',
      '--yes',
    ]);
    expect(r.code).toBe(EXIT.notFound);
    expect(r.stderr).toContain(
      'nobody@contoso.com has not been used with Lync on this PC. Addresses found: user@contoso.com, other@fabrikam.com.',
    );
    const runs = await cli.json<{ runs: RunSummary[] }>(['--practice', 'kb-lync2013', 'runs']);
    expect(runs.value.runs).toEqual([]);
  });
});

describe('a healthy PC', () => {
  it('remediate changes nothing and says so', async () => {
    await cli.run(['practice', 'reset', 'healthy']);
    const r = await cli.run(['--practice', 'healthy', 'remediate']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toBe('Nothing to remediate: no sign-in problem found. Nothing was changed.\n');
    const runs = await cli.json<{ runs: RunSummary[] }>(['--practice', 'healthy', 'runs']);
    expect(runs.value.runs).toEqual([]);
  });
});

describe('the hints it prints', () => {
  it('are commands that can be pasted as they are, plurals right', async () => {
    await cli.run(['practice', 'reset', 'kb-lync2013']);
    const r = await cli.run(['--practice', 'kb-lync2013', 'diagnose']);
    expect(r.stdout).toMatch(
      /Repair: sfb-signin-repair --practice kb-lync2013 repair --steps delete-sign-in-info,remove-personal-certificate$/m,
    );
    expect(r.stdout).toMatch(
      /^\d+ problems found\. See the plan with: sfb-signin-repair --practice kb-lync2013 repair --all --dry-run$/m,
    );
    const one = await cli.run([
      '--practice',
      'kb-lync2013',
      'repair',
      '--steps',
      'flush-dns-cache',
      '--dry-run',
    ]);
    expect(one.stdout).toContain('1 change in all.');
    expect(one.stdout).toContain('This cannot be undone, and needs no backup: it is harmless.');
  });
});

describe('a running client at a terminal', () => {
  it('is offered to be closed; a yes closes it and the repair runs', async () => {
    await cli.run(['practice', 'reset', 'client-running']);
    const r = await cli.run(
      ['--practice', 'client-running', 'repair', '--steps', 'remove-stored-credentials'],
      { interactive: true, answers: ['y', 'y'] },
    );
    // Named as the scan names it, not "Lync / Skype for Business".
    expect(r.questions[0]).toMatch(
      /^Lync 2013 \/ Skype for Business 2015 is running \(lync\.exe, pid \d+\) and must be closed first\. Close it now/,
    );
    expect(r.questions[1]).toMatch(/^Apply these \d+ changes\? \[y\/N\] $/);
    expect(r.code).toBe(EXIT.ok);
  });

  it('a no leaves it running, changes nothing, and exits 3', async () => {
    await cli.run(['practice', 'reset', 'client-running']);
    const r = await cli.run(
      ['--practice', 'client-running', 'repair', '--steps', 'remove-stored-credentials'],
      { interactive: true, answers: ['n'] },
    );
    expect(r.questions).toHaveLength(1);
    expect(r.code).toBe(EXIT.clientRunning);
    const runs = await cli.json<{ runs: RunSummary[] }>(['--practice', 'client-running', 'runs']);
    expect(runs.value.runs).toEqual([]);
  });
});
