/**
 * Registry changes: deleting a key tree, deleting a value, setting a value. Backups keep values
 * with their exact types (QWORDs as decimal strings, binary as base64) and whole subtrees.
 */
import { windowsUpcase } from '../../../shared/windows-names';
import * as z from '../../../shared/model/zod';
import { registryValueSchema } from '../../../shared/model/registry-value';
import {
  registryValuesEqual,
  type RegistryKeyRef,
  type RegistryKeySnapshot,
  type RegistryValue,
} from '../../../shared/registry-value';
import { AppError } from '../../../shared/errors';
import type { RegistryPort } from '../../host/ports';
import type { ActionExecutor } from './executor';

const TREE = 'registry-key.json';
const VALUE = 'registry-value.json';

export async function snapshotKey(
  registry: RegistryPort,
  key: RegistryKeyRef,
  name: string,
): Promise<RegistryKeySnapshot | undefined> {
  const [values, subkeys] = await Promise.all([
    registry.listValues(key),
    registry.listSubkeys(key),
  ]);
  if (values === undefined && subkeys === undefined) return undefined;
  const children: RegistryKeySnapshot[] = [];
  for (const child of subkeys ?? []) {
    const snapshot = await snapshotKey(registry, { ...key, path: `${key.path}\\${child}` }, child);
    if (snapshot) children.push(snapshot);
  }
  return { name, values: values ?? [], subkeys: children };
}

async function writeTree(registry: RegistryPort, key: RegistryKeyRef, tree: RegistryKeySnapshot) {
  await registry.createKey(key);
  for (const entry of tree.values) await registry.setValue(key, entry.name, entry.value);
  for (const child of tree.subkeys) {
    await writeTree(registry, { ...key, path: `${key.path}\\${child.name}` }, child);
  }
}

/** Order-independent, key names compared as Windows does (case-insensitively). */
function canonical(tree: RegistryKeySnapshot): unknown {
  return {
    name: windowsUpcase(tree.name),
    values: [...tree.values]
      .map((entry) => [windowsUpcase(entry.name), entry.value] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    subkeys: [...tree.subkeys].map(canonical).sort((a, b) => {
      const left = JSON.stringify(a);
      const right = JSON.stringify(b);
      return left < right ? -1 : left > right ? 1 : 0;
    }),
  };
}

export function treesEqual(a: RegistryKeySnapshot, b: RegistryKeySnapshot): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const snapshotSchema: z.ZodType<RegistryKeySnapshot> = z.lazy(() =>
  z.object({
    name: z.string(),
    values: z.array(
      z.object({
        name: z.string(),
        value: registryValueSchema,
      }),
    ),
    subkeys: z.array(snapshotSchema),
  }),
);

function readTree(reader: { readDocument(name: string): unknown }): RegistryKeySnapshot {
  const parsed = snapshotSchema.safeParse(reader.readDocument(TREE));
  if (!parsed.success) throw new AppError('corrupt-data', 'The registry key backup is damaged.');
  return parsed.data;
}

function leafName(key: RegistryKeyRef): string {
  return key.path.slice(key.path.lastIndexOf('\\') + 1);
}

export const registryKeyAction: ActionExecutor<'delete-registry-key'> = {
  undoable: true,

  async check({ host }, target) {
    return (await snapshotKey(host.registry, target.key, leafName(target.key)))
      ? 'present'
      : 'gone';
  },

  async backup({ host }, target, writer) {
    const tree = await snapshotKey(host.registry, target.key, leafName(target.key));
    if (!tree)
      throw new AppError('backup-failed', 'The registry key disappeared before it was backed up.');
    writer.writeDocument(TREE, tree);
  },

  async apply({ host }, target) {
    await host.registry.deleteKey(target.key);
  },

  async verifyApplied({ host }, target) {
    return (await host.registry.listValues(target.key)) === undefined;
  },

  async restore({ host }, target, reader) {
    const tree = readTree(reader);
    // Exact restore: the key is put back as it was, not merged with what the client wrote since.
    await host.registry.deleteKey(target.key);
    await writeTree(host.registry, target.key, tree);
  },

  async verifyRestored({ host }, target, reader) {
    const now = await snapshotKey(host.registry, target.key, leafName(target.key));
    return now !== undefined && treesEqual(now, readTree(reader));
  },
};

const valueBackupSchema = z.object({
  value: z.custom<RegistryValue>((v) => typeof v === 'object' && v !== null && 'type' in v),
});

function readValue(reader: { readDocument(name: string): unknown }): RegistryValue {
  const parsed = valueBackupSchema.safeParse(reader.readDocument(VALUE));
  if (!parsed.success) throw new AppError('corrupt-data', 'The registry value backup is damaged.');
  return parsed.data.value;
}

export const registryValueDeleteAction: ActionExecutor<'delete-registry-value'> = {
  undoable: true,

  async check({ host }, target) {
    const current = await host.registry.getValue(target.key, target.name);
    if (!current) return 'gone';
    return registryValuesEqual(current, target.expected) ? 'present' : 'changed';
  },

  async backup({ host }, target, writer) {
    const value = await host.registry.getValue(target.key, target.name);
    if (!value)
      throw new AppError(
        'backup-failed',
        `The value ${target.name} disappeared before it was backed up.`,
      );
    writer.writeDocument(VALUE, { value });
  },

  async apply({ host }, target) {
    await host.registry.deleteValue(target.key, target.name);
  },

  async verifyApplied({ host }, target) {
    return (await host.registry.getValue(target.key, target.name)) === undefined;
  },

  async restore({ host }, target, reader) {
    await host.registry.setValue(target.key, target.name, readValue(reader));
  },

  async verifyRestored({ host }, target, reader) {
    const current = await host.registry.getValue(target.key, target.name);
    return current !== undefined && registryValuesEqual(current, readValue(reader));
  },
};

export const registryValueSetAction: ActionExecutor<'set-registry-value'> = {
  undoable: true,

  async check({ host }, target) {
    const current = await host.registry.getValue(target.key, target.name);
    if (current && registryValuesEqual(current, target.expected)) return 'present';
    if (current && registryValuesEqual(current, target.value)) return 'gone';
    return 'changed';
  },

  async backup({ host }, target, writer) {
    const value = await host.registry.getValue(target.key, target.name);
    if (!value)
      throw new AppError(
        'backup-failed',
        `The value ${target.name} disappeared before it was backed up.`,
      );
    writer.writeDocument(VALUE, { value });
  },

  async apply({ host }, target) {
    await host.registry.setValue(target.key, target.name, target.value);
  },

  async verifyApplied({ host }, target) {
    const current = await host.registry.getValue(target.key, target.name);
    return current !== undefined && registryValuesEqual(current, target.value);
  },

  async restore({ host }, target, reader) {
    await host.registry.setValue(target.key, target.name, readValue(reader));
  },

  async verifyRestored({ host }, target, reader) {
    const current = await host.registry.getValue(target.key, target.name);
    return current !== undefined && registryValuesEqual(current, readValue(reader));
  },
};
