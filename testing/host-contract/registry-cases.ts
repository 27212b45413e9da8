import assert from 'node:assert/strict';
import type { RegistryKeyRef, RegistryValue } from '../../src/shared/registry-value';
import type { HostSystem } from '../../src/main/host/ports';
import type { ContractCase } from './contract-case';
import { marker, rejectsWithCode, SCRATCH_NAME } from './scratch';

/** A scratch key under HKCU, removed afterwards whatever happens. */
async function withScratchKey(
  host: HostSystem,
  work: (key: RegistryKeyRef) => Promise<void>,
): Promise<void> {
  const key: RegistryKeyRef = { hive: 'HKCU', path: `Software\\${SCRATCH_NAME}\\${marker()}` };
  try {
    await work(key);
  } finally {
    await host.registry.deleteKey(key);
    const parent: RegistryKeyRef = { hive: 'HKCU', path: `Software\\${SCRATCH_NAME}` };
    if ((await host.registry.listSubkeys(parent))?.length === 0) {
      await host.registry.deleteKey(parent);
    }
  }
}

function child(key: RegistryKeyRef, ...names: string[]): RegistryKeyRef {
  return { ...key, path: [key.path, ...names].join('\\') };
}

const EVERY_TYPE: Record<string, RegistryValue> = {
  '': { type: 'REG_SZ', data: 'the default value' },
  Text: { type: 'REG_SZ', data: 'Grüße — 日本語 🙂 \\ "quoted"' },
  EmptyText: { type: 'REG_SZ', data: '' },
  Expandable: { type: 'REG_EXPAND_SZ', data: '%LOCALAPPDATA%\\Microsoft\\Office' },
  Lines: { type: 'REG_MULTI_SZ', data: ['first', 'ünïcödé', '日本'] },
  NoLines: { type: 'REG_MULTI_SZ', data: [] },
  DwordZero: { type: 'REG_DWORD', data: 0 },
  DwordMax: { type: 'REG_DWORD', data: 0xffff_ffff },
  QwordAbove53Bits: { type: 'REG_QWORD', data: '9007199254740993' },
  QwordMax: { type: 'REG_QWORD', data: '18446744073709551615' },
  QwordZero: { type: 'REG_QWORD', data: '0' },
  BinaryWithZeros: {
    type: 'REG_BINARY',
    data: Buffer.from([0, 1, 0, 255, 0, 128, 0]).toString('base64'),
  },
  EmptyBinary: { type: 'REG_BINARY', data: '' },
  NoneType: { type: 'REG_RAW', rawType: 0, data: Buffer.from([1, 0, 2]).toString('base64') },
};

export function registryCases(): ContractCase[] {
  return [
    {
      name: 'registry: every value type round-trips exactly',
      async run(host) {
        await withScratchKey(host, async (key) => {
          for (const [name, value] of Object.entries(EVERY_TYPE)) {
            await host.registry.setValue(key, name, value);
          }
          for (const [name, value] of Object.entries(EVERY_TYPE)) {
            assert.deepEqual(await host.registry.getValue(key, name), value, `value ${name}`);
          }
          const listed = await host.registry.listValues(key);
          assert.ok(listed, 'the key lists its values');
          const byName = new Map(listed.map((entry) => [entry.name, entry.value]));
          assert.equal(listed.length, Object.keys(EVERY_TYPE).length);
          for (const [name, value] of Object.entries(EVERY_TYPE)) {
            assert.deepEqual(byName.get(name), value, `listed value ${name}`);
          }
        });
      },
    },
    {
      name: 'registry: absent keys and values answer undefined or false',
      async run(host) {
        await withScratchKey(host, async (key) => {
          const absent = child(key, 'NotThere');
          assert.equal(await host.registry.getValue(absent, 'x'), undefined);
          assert.equal(await host.registry.listValues(absent), undefined);
          assert.equal(await host.registry.listSubkeys(absent), undefined);
          assert.equal(await host.registry.deleteValue(absent, 'x'), false);
          assert.equal(await host.registry.deleteKey(absent), false);
          await host.registry.createKey(key);
          assert.deepEqual(await host.registry.listValues(key), []);
          assert.deepEqual(await host.registry.listSubkeys(key), []);
          assert.equal(await host.registry.getValue(key, 'Missing'), undefined);
          assert.equal(await host.registry.deleteValue(key, 'Missing'), false);
          await host.registry.setValue(key, 'Present', { type: 'REG_DWORD', data: 1 });
          assert.equal(await host.registry.deleteValue(key, 'Present'), true);
          assert.equal(await host.registry.getValue(key, 'Present'), undefined);
        });
      },
    },
    {
      name: 'registry: names are case-insensitive and keep their case',
      async run(host) {
        await withScratchKey(host, async (key) => {
          const mixed = child(key, 'MixedCase');
          await host.registry.setValue(mixed, 'ValueName', { type: 'REG_SZ', data: 'one' });
          assert.deepEqual(await host.registry.listSubkeys(key), ['MixedCase']);
          const shouted = { ...mixed, path: mixed.path.toUpperCase() };
          assert.deepEqual(await host.registry.getValue(shouted, 'VALUENAME'), {
            type: 'REG_SZ',
            data: 'one',
          });
          await host.registry.setValue(shouted, 'valuename', { type: 'REG_SZ', data: 'two' });
          const values = await host.registry.listValues(mixed);
          assert.equal(values?.length, 1);
          assert.equal(values?.[0]?.name.toUpperCase(), 'VALUENAME');
          assert.deepEqual(values?.[0]?.value, { type: 'REG_SZ', data: 'two' });
          assert.equal(
            await host.registry.deleteKey({ ...mixed, path: mixed.path.toLowerCase() }),
            true,
          );
          assert.deepEqual(await host.registry.listSubkeys(key), []);
        });
      },
    },
    {
      name: 'registry: setValue replaces the type along with the data',
      async run(host) {
        await withScratchKey(host, async (key) => {
          await host.registry.setValue(key, 'Changes', { type: 'REG_DWORD', data: 5 });
          await host.registry.setValue(key, 'Changes', { type: 'REG_SZ', data: '5' });
          assert.deepEqual(await host.registry.getValue(key, 'Changes'), {
            type: 'REG_SZ',
            data: '5',
          });
        });
      },
    },
    {
      name: 'registry: deleteKey removes the whole tree and nothing beside it',
      async run(host) {
        await withScratchKey(host, async (key) => {
          const tree = child(key, 'Tree');
          await host.registry.setValue(child(tree, 'A', 'B', 'C'), 'Deep', {
            type: 'REG_DWORD',
            data: 3,
          });
          await host.registry.setValue(child(tree, 'A'), 'Mid', { type: 'REG_SZ', data: 'mid' });
          await host.registry.setValue(tree, 'Top', { type: 'REG_SZ', data: 'top' });
          await host.registry.setValue(child(key, 'Sibling'), 'Stays', {
            type: 'REG_DWORD',
            data: 1,
          });
          assert.equal(await host.registry.deleteKey(tree), true);
          assert.equal(await host.registry.listSubkeys(tree), undefined);
          assert.equal(await host.registry.getValue(child(tree, 'A', 'B', 'C'), 'Deep'), undefined);
          assert.deepEqual(await host.registry.listSubkeys(key), ['Sibling']);
          assert.deepEqual(await host.registry.getValue(child(key, 'Sibling'), 'Stays'), {
            type: 'REG_DWORD',
            data: 1,
          });
          assert.equal(await host.registry.deleteKey(tree), false);
        });
      },
    },
    {
      name: 'registry: a value Windows cannot hold is refused and nothing is written',
      async run(host) {
        await withScratchKey(host, async (key) => {
          await host.registry.createKey(key);
          await rejectsWithCode(
            host.registry.setValue(key, 'TooBig', { type: 'REG_DWORD', data: 2 ** 32 }),
            'invalid-request',
          );
          await rejectsWithCode(
            host.registry.setValue(key, 'NotANumber', { type: 'REG_QWORD', data: '12abc' }),
            'invalid-request',
          );
          assert.deepEqual(await host.registry.listValues(key), []);
        });
      },
    },
    {
      name: 'registry: HKCU is the same key in both views',
      async run(host) {
        await withScratchKey(host, async (key) => {
          await host.registry.setValue({ ...key, view: '32' }, 'Shared', {
            type: 'REG_DWORD',
            data: 32,
          });
          assert.deepEqual(await host.registry.getValue({ ...key, view: '64' }, 'Shared'), {
            type: 'REG_DWORD',
            data: 32,
          });
        });
      },
    },
    {
      name: 'registry: the 32-bit view of HKLM\\SOFTWARE is WOW6432Node (read only)',
      async run(host) {
        const native = await host.registry.listSubkeys({
          hive: 'HKLM',
          path: 'SOFTWARE',
          view: '64',
        });
        assert.ok(native, 'HKLM\\SOFTWARE exists');
        assert.ok(
          native.some((name) => name.toUpperCase() === 'MICROSOFT'),
          'HKLM\\SOFTWARE\\Microsoft exists',
        );
        const redirected = await host.registry.listSubkeys({
          hive: 'HKLM',
          path: 'SOFTWARE\\Microsoft',
          view: '32',
        });
        const physical = await host.registry.listSubkeys({
          hive: 'HKLM',
          path: 'SOFTWARE\\WOW6432Node\\Microsoft',
          view: '64',
        });
        assert.ok(redirected && physical, 'both views of HKLM\\SOFTWARE\\Microsoft exist');
        const upper = (names: string[]) => names.map((name) => name.toUpperCase()).sort();
        assert.deepEqual(upper(redirected), upper(physical));
      },
    },
  ];
}
