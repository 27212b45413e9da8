import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from './exit-codes';
import { createCliHarness } from '../../testing/cli/cli-harness';
import type { CliHarness } from '../../testing/cli/cli-harness';

let cli: CliHarness;
beforeAll(async () => {
  cli = await createCliHarness();
});
afterAll(() => cli.dispose());

describe('help and usage', () => {
  it('prints the commands and the exit code table with --help', async () => {
    const r = await cli.run(['--help']);
    expect(r.code).toBe(EXIT.ok);
    for (const word of [
      'diagnose',
      'repair',
      'undo',
      'report',
      'detect',
      'remediate',
      'practice',
    ]) {
      expect(r.stdout).toContain(word);
    }
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*\b3 {2}Lync \/ Skype for Business is running/);
    expect(r.stdout).toMatch(/70 {2}internal error/);
  });

  it.each([
    [[], /Usage: sfb-signin-repair \[options\] \[command\]/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['diagnose', '--bogus'], /unknown option '--bogus'/],
    [['repair'], /--steps id,\.\.\. or --all/],
    [['repair', '--all', '--steps', 'flush-dns-cache'], /--steps id,\.\.\. or --all/],
    [
      ['repair', '--steps', 'delete-everything'],
      /Unknown repair step "delete-everything"\. Steps: delete-sign-in-info/,
    ],
    [['repair', '--steps', ','], /at least one step/],
    [['repair', '--all', '--address', 'not an address'], /"not an address" is not a SIP address/],
    [['repair', '--all', '--address', 'user@contoso.com/../x'], /is not a SIP address/],
    [['repair', '--all', '--dry-run', '--yes'], /--dry-run changes nothing/],
    [['undo'], /--last or a run id/],
    [['undo', '--last', 'run-1'], /--last or a run id/],
    [['undo', '../../etc'], /"\.\.\/\.\.\/etc" is not a run id/],
    [['undo', '--last', '--step', 'nope'], /Unknown repair step "nope"/],
    [['report', '--format', 'pdf'], /Unknown report format "pdf"/],
    [['practice', 'reset', 'no-such-pc'], /no practice scenario called "no-such-pc"/],
    [['--practice', 'Bad Name', 'diagnose'], /not a practice scenario name/],
    [['diagnose', '--domain', 'contoso.com'], /add --admin/],
    [
      ['diagnose', '--admin', '--target', 'sts.contoso.com:99999'],
      /"sts\.contoso\.com:99999" is not a host name/,
    ],
    [['diagnose', '--admin', '--target', 'https://sts.contoso.com/'], /is not a host name/],
    [['diagnose', '--admin', '--domain', 'contoso'], /"contoso" is not a domain name/],
  ])('%j → exit 2 with a clear message, nothing created', async (args, message) => {
    const before = await readdir(cli.dataDir);
    const r = await cli.run(args as string[]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
    expect(await readdir(cli.dataDir)).toEqual(before);
  });

  it('reports usage errors as JSON on stdout with --json', async () => {
    const r = await cli.run(['--json', 'repair', '--steps', 'nope']);
    expect(r.code).toBe(EXIT.usage);
    expect(JSON.parse(r.stdout)).toMatchObject({
      exitCode: 2,
      error: { code: 'invalid-request', details: { step: 'nope' } },
    });
  });

  it('refuses a data folder that is a file', async () => {
    const file = join(cli.dataDir, 'not-a-folder');
    await writeFile(file, 'x');
    const r = await cli.run(['--data-dir', file, 'diagnose'], { noDataDir: true });
    expect(r.code).toBe(EXIT.dataError);
    expect(r.stderr).toContain(
      `The data folder ${file} cannot be used: it is a file, not a folder.`,
    );
  });
});

describe('colour', () => {
  const ESC = String.fromCharCode(27);
  it('is used on a terminal only, and never with --no-color, NO_COLOR or --json', async () => {
    const tty = { context: { stdoutIsTTY: true } };
    expect((await cli.run(['practice', 'list'], tty)).stdout).toContain(`${ESC}[2m`);
    expect((await cli.run(['--no-color', 'practice', 'list'], tty)).stdout).not.toContain(ESC);
    expect((await cli.run(['--json', 'practice', 'list'], tty)).stdout).not.toContain(ESC);
    const noColor = { context: { stdoutIsTTY: true, env: { NO_COLOR: '1' } } };
    expect((await cli.run(['practice', 'list'], noColor)).stdout).not.toContain(ESC);
    expect((await cli.run(['practice', 'list'])).stdout).not.toContain(ESC);
  });
});
