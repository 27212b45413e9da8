/**
 * How the elevated helper is started from each way the program runs. The command line is the
 * one ShellExecuteExW receives (lpFile + lpParameters); the practice launcher then really starts
 * the computed command for the Node-like cases, with Node.js standing in for Electron's exe run
 * as Node (both take `<exe> <script> <args>`).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELPER_EXIT, HELPER_FLAG } from './helper-main';
import { helperCommandFor, RUN_AS_NODE_ENV, type HelperCommand } from './launcher';
import { practiceLauncher } from './practice-launcher';
import { buildCli, type BuiltCli } from '../../../testing/elevation/built-cli';
import { windowsCommandLine } from './windows-arguments';

const REQUEST =
  'C:\\Users\\ann\\AppData\\Roaming\\SfB Sign-in Repair\\engine\\elevation\\ab\\request.json';

const shellExecute = (command: HelperCommand) => ({
  lpFile: command.executable,
  lpParameters: windowsCommandLine([...command.args, HELPER_FLAG, REQUEST]),
});

describe('the helper command for each way the program runs', () => {
  it('the packaged Electron app: its exe alone, without ELECTRON_RUN_AS_NODE', () => {
    const exe =
      'C:\\Users\\ann\\AppData\\Local\\Programs\\SfB Sign-in Repair\\SfB Sign-in Repair.exe';
    const command = helperCommandFor({
      execPath: exe,
      argv: [exe],
      electronProcessType: 'browser',
      defaultApp: false,
      singleExecutable: false,
    });
    expect(shellExecute(command)).toEqual({
      lpFile: exe,
      lpParameters: `--elevated-helper "${REQUEST}"`,
    });
    expect(command.env).toEqual({ [RUN_AS_NODE_ENV]: undefined });
    expect(RUN_AS_NODE_ENV in (command.env ?? {})).toBe(true);
  });

  it('Electron in development: electron.exe and the app folder', () => {
    const command = helperCommandFor({
      execPath: 'C:\\src\\app\\node_modules\\electron\\dist\\electron.exe',
      argv: ['C:\\src\\app\\node_modules\\electron\\dist\\electron.exe', 'C:\\src\\app'],
      electronProcessType: 'browser',
      defaultApp: true,
      singleExecutable: false,
    });
    expect(shellExecute(command).lpParameters).toBe(`C:\\src\\app --elevated-helper "${REQUEST}"`);
  });

  it("Electron's exe as Node (ELECTRON_RUN_AS_NODE=1): the exe and the script, as Node needs", () => {
    const exe = 'C:\\Program Files\\SfB Sign-in Repair\\SfB Sign-in Repair.exe';
    const script = 'C:\\Program Files\\SfB Sign-in Repair\\resources\\app.asar\\dist\\cli.cjs';
    const command = helperCommandFor({
      execPath: exe,
      argv: [exe, script, 'repair', '--all'],
      // Electron as Node has no process.type: it is not the browser (main) process.
      electronProcessType: undefined,
      defaultApp: false,
      singleExecutable: false,
    });
    expect(shellExecute(command)).toEqual({
      lpFile: exe,
      lpParameters: `"${script}" --elevated-helper "${REQUEST}"`,
    });
    expect(command.env).toBeUndefined();
  });

  it('Node.js: node.exe and the command line script', () => {
    const command = helperCommandFor({
      execPath: 'C:\\Program Files\\nodejs\\node.exe',
      argv: ['C:\\Program Files\\nodejs\\node.exe', 'C:\\tools\\cli.cjs', 'diagnose'],
      electronProcessType: undefined,
      defaultApp: false,
      singleExecutable: false,
    });
    expect(shellExecute(command).lpParameters).toBe(
      `C:\\tools\\cli.cjs --elevated-helper "${REQUEST}"`,
    );
  });

  it('the single exe: the exe alone, although argv[1] names it again', () => {
    const exe = 'C:\\Tools\\sfb-signin-repair.exe';
    const command = helperCommandFor({
      execPath: exe,
      argv: [exe, exe, 'repair', '--all'],
      electronProcessType: undefined,
      defaultApp: false,
      singleExecutable: true,
    });
    expect(shellExecute(command)).toEqual({
      lpFile: exe,
      lpParameters: `--elevated-helper "${REQUEST}"`,
    });
  });
});

describe('the computed command, started for real', () => {
  let cli: BuiltCli;
  let missingRequest: string;
  beforeAll(async () => {
    cli = await buildCli();
    missingRequest = join(cli.command.args[0] ?? '', '..', 'no-request.json');
  }, 60_000);
  afterAll(() => cli?.dispose());

  const launch = (command: HelperCommand) =>
    practiceLauncher({ command, uac: 'accept' }).launch(missingRequest);

  it('the Node-like command reaches the helper (which refuses the missing request: exit 2)', async () => {
    const command = helperCommandFor({
      execPath: process.execPath,
      argv: [process.execPath, cli.command.args[0] ?? ''],
      electronProcessType: undefined,
      defaultApp: false,
      singleExecutable: false,
    });
    expect(await launch(command)).toEqual({ kind: 'exited', exitCode: HELPER_EXIT.badRequest });
  });

  it('without the script, as before, Node refuses the helper flag as its own option (exit 9)', async () => {
    expect(await launch({ executable: process.execPath, args: [] })).toEqual({
      kind: 'exited',
      exitCode: 9,
    });
  });

  it('removes ELECTRON_RUN_AS_NODE from the helper when it must run as the app', async () => {
    const probe = join(cli.command.args[0] ?? '', '..', 'probe-env.cjs');
    await writeFile(probe, `process.exit(process.env.${RUN_AS_NODE_ENV} === undefined ? 0 : 1);\n`);
    process.env[RUN_AS_NODE_ENV] = '1';
    try {
      const outcome = await launch({
        executable: process.execPath,
        args: [probe],
        env: { [RUN_AS_NODE_ENV]: undefined },
      });
      expect(outcome).toEqual({ kind: 'exited', exitCode: 0 });
      const inherited = await launch({ executable: process.execPath, args: [probe] });
      expect(inherited).toEqual({ kind: 'exited', exitCode: 1 });
    } finally {
      delete process.env[RUN_AS_NODE_ENV];
    }
  });
});
