/**
 * Run with the Windows node.exe under Wine (wine-elevation.test.ts): puts braces around
 * MachineGuid through the Win32 registry adapter, then asks the real elevated helper (the
 * command line bundle, or the single sfb-signin-repair.exe, given as the first argument) to
 * remove them and to put them back, through ShellExecuteExW with the given verb. Answers with
 * what happened at every point.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEntry } from '../windows-proof/entry';
import { createWindowsHost } from '../../src/main/host/windows';
import { MACHINE_GUID_KEY, MACHINE_GUID_NAME } from '../../src/main/elevation/admin-operations';
import {
  adminOperationRunner,
  helperCommandFor,
  type HelperCommand,
} from '../../src/main/elevation/launcher';
import { windowsLauncher } from '../../src/main/elevation/windows-launcher';

const GUID = '6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

/** The helper command the single exe computes for itself: in a SEA argv[1] is the exe. */
function helperFor(program: string): HelperCommand {
  if (!program.toLowerCase().endsWith('.exe'))
    return { executable: process.execPath, args: [program] };
  return helperCommandFor({
    execPath: program,
    argv: [program, program],
    electronProcessType: undefined,
    defaultApp: false,
    singleExecutable: true,
  });
}

runEntry(async ([cli, verb]) => {
  if (!cli || (verb !== 'runas' && verb !== 'open'))
    throw new Error('usage: <cli.cjs|sfb-signin-repair.exe> runas|open');
  const host = await createWindowsHost();
  const read = async () =>
    (await host.registry.getValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME))?.data;
  const original = await host.registry.getValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME);
  await host.registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, {
    type: 'REG_SZ',
    data: `{${GUID}}`,
  });
  const engineDataDir = await mkdtemp(join(tmpdir(), 'sfb-elevation-'));
  const runner = adminOperationRunner({
    launcher: windowsLauncher({ command: helperFor(cli), verb }),
    engineDataDir,
    target: { kind: 'windows' },
  });
  const identity = await host.identity.current();
  const started = performance.now();
  let removed;
  try {
    removed = await runner.run({ op: 'machine-guid.remove-braces' });
  } catch (error) {
    removed = { thrown: error instanceof Error ? error.message : String(error) };
  }
  const removeMs = performance.now() - started;
  const afterRemove = await read();
  const restored = await runner.run({ op: 'machine-guid.restore', value: `{${GUID}}` });
  const afterRestore = await read();
  const leftovers = await readdir(join(engineDataDir, 'elevation')).catch(() => []);
  if (original !== undefined) {
    await host.registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, original);
  }
  return {
    elevated: identity.elevated,
    removed,
    removeMs,
    afterRemove,
    restored,
    afterRestore,
    leftovers,
  };
});
