/**
 * The engine's routed host on a real practice PC: only the MachineGuid braces go to the helper;
 * any other MachineGuid change is refused without a prompt; every other write, and every write
 * of an already elevated process, goes straight to the registry. The runner records what it is
 * asked (the helper's process is exercised in engine-elevation.test.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPracticePc, resetPracticePc } from '../host/practice';
import type { HostSystem } from '../host/ports';
import { MACHINE_GUID_KEY, MACHINE_GUID_NAME, type AdminOperation } from './admin-operations';
import { elevationThrough } from './elevated-host';
import type { AdminOperationRunner } from './launcher';
import { quoteWindowsArgument, windowsCommandLine } from './windows-arguments';

const BRACED = '{c1cbd94c-0d35-414c-89ef-dd092b984883}';
const BARE = 'c1cbd94c-0d35-414c-89ef-dd092b984883';
let dir: string;
let host: HostSystem;

afterEach(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

async function routed(elevated = false) {
  dir = await mkdtemp(join(tmpdir(), 'sfb-routed-'));
  await resetPracticePc(join(dir, 'pc'), 'machine-guid-braces');
  host = await openPracticePc(join(dir, 'pc'));
  const base: HostSystem = elevated
    ? {
        ...host,
        identity: {
          current: async () => ({ ...(await host.identity.current()), elevated: true }),
        },
      }
    : host;
  const asked: AdminOperation[] = [];
  const runner: AdminOperationRunner = {
    async run(operation) {
      asked.push(operation);
      return { status: 'cancelled', message: 'cancelled at the prompt' };
    },
  };
  return { view: elevationThrough(runner).hostForAdminChanges(base), asked };
}

describe('the routed registry', () => {
  it('sends brace removal and restore to the helper as table operations', async () => {
    const { view, asked } = await routed();
    const sz = (data: string) => ({ type: 'REG_SZ' as const, data });
    await expect(
      view.registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, sz(BARE)),
    ).rejects.toMatchObject({ code: 'cancelled', message: 'cancelled at the prompt' });
    // Case and the default view name the same value.
    const sameKey = { hive: 'HKLM' as const, path: 'software\\microsoft\\CRYPTOGRAPHY' };
    await expect(view.registry.setValue(sameKey, 'machineguid', sz(BARE))).rejects.toThrow();
    expect(asked).toEqual([
      { op: 'machine-guid.remove-braces' },
      { op: 'machine-guid.remove-braces' },
    ]);
    // Setting the value it already has is no change: no prompt.
    await view.registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, sz(BRACED));
    expect(asked).toHaveLength(2);
    await host.registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, sz(BARE));
    await expect(
      view.registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, sz(BRACED)),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(asked[2]).toEqual({ op: 'machine-guid.restore', value: BRACED });
  });

  it('refuses any other MachineGuid change without asking, and passes other writes through', async () => {
    const { view, asked } = await routed();
    await expect(
      view.registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, {
        type: 'REG_SZ',
        data: '00000000-0000-0000-0000-000000000001',
      }),
    ).rejects.toMatchObject({ code: 'needs-admin' });
    await expect(
      view.registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, { type: 'REG_DWORD', data: 1 }),
    ).rejects.toMatchObject({ code: 'needs-admin' });
    const other = { hive: 'HKCU' as const, path: 'Software\\Test' };
    await view.registry.setValue(other, 'MachineGuid', { type: 'REG_SZ', data: BARE });
    expect(await host.registry.getValue(other, 'MachineGuid')).toEqual({
      type: 'REG_SZ',
      data: BARE,
    });
    expect(asked).toEqual([]);
  });

  it('an elevated process writes directly', async () => {
    const { view, asked } = await routed(true);
    await view.registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, {
      type: 'REG_SZ',
      data: BARE,
    });
    expect(asked).toEqual([]);
    expect((await host.registry.getValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME))?.data).toBe(BARE);
  });
});

describe('Windows command line quoting', () => {
  it('survives spaces, quotes and trailing backslashes', () => {
    expect(quoteWindowsArgument('plain')).toBe('plain');
    expect(quoteWindowsArgument('')).toBe('""');
    expect(quoteWindowsArgument('C:\\Users\\A B\\x.json')).toBe('"C:\\Users\\A B\\x.json"');
    expect(quoteWindowsArgument('a"b')).toBe('"a\\"b"');
    expect(quoteWindowsArgument('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
    expect(quoteWindowsArgument('x\\\\"y')).toBe('"x\\\\\\\\\\"y"');
    expect(windowsCommandLine(['C:\\a b\\cli.cjs', '--elevated-helper', 'f'])).toBe(
      '"C:\\a b\\cli.cjs" --elevated-helper f',
    );
  });
});
