/**
 * The practice registry as a tree of keys, with the rules of the Windows registry: key and value
 * names are compared case-insensitively but keep the case they were created with, subkeys are
 * enumerated in name order, and the 32-bit view of `HKLM\SOFTWARE\X` is the physical key
 * `HKLM\SOFTWARE\WOW6432Node\X`, as on 64-bit Windows.
 */
import { sameWindowsName, windowsUpcase } from '../../../shared/windows-names';
import * as v from 'valibot';
import {
  formatRegistryKey,
  type RegistryHive,
  type RegistryKeyRef,
  type RegistryValue,
} from '../../../shared/registry-value';
import { AppError } from '../../../shared/errors';
import { registryValueSchema } from './registry-values';

export interface RegistryNode {
  name: string;
  values: Array<{ name: string; value: RegistryValue }>;
  subkeys: RegistryNode[];
}

export interface RegistryDocument {
  format: 1;
  hives: Record<RegistryHive, RegistryNode>;
}

const nodeSchema: v.GenericSchema<RegistryNode> = v.object({
  name: v.string(),
  values: v.array(v.object({ name: v.string(), value: registryValueSchema })),
  subkeys: v.array(v.lazy(() => nodeSchema)),
});

export const registryDocumentSchema: v.GenericSchema<RegistryDocument> = v.object({
  format: v.literal(1),
  hives: v.object({ HKCU: nodeSchema, HKLM: nodeSchema }),
});

export function emptyRegistry(): RegistryDocument {
  return {
    format: 1,
    hives: {
      HKCU: { name: 'HKEY_CURRENT_USER', values: [], subkeys: [] },
      HKLM: { name: 'HKEY_LOCAL_MACHINE', values: [], subkeys: [] },
    },
  };
}

/** Windows compares registry names by their upper-case form (see windows-names). */
export const sameName = sameWindowsName;

function compareNames(a: string, b: string): number {
  const left = windowsUpcase(a);
  const right = windowsUpcase(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

const MAX_KEY_NAME = 255;

/** The key's segments in the physical tree, after view redirection. */
export function physicalSegments(key: RegistryKeyRef): string[] {
  if (key.hive !== 'HKCU' && key.hive !== 'HKLM') {
    throw new AppError('invalid-request', `Unknown registry hive ${String(key.hive)}`);
  }
  const segments = key.path === '' ? [] : key.path.split('\\');
  for (const segment of segments) {
    if (segment === '' || segment.length > MAX_KEY_NAME || segment.includes('\u0000')) {
      throw new AppError('invalid-request', `Not a registry key path: ${formatRegistryKey(key)}`, {
        key: formatRegistryKey(key),
      });
    }
  }
  const first = segments[0];
  if (
    key.hive === 'HKLM' &&
    key.view === '32' &&
    first !== undefined &&
    sameName(first, 'SOFTWARE') &&
    !(segments[1] !== undefined && sameName(segments[1], 'WOW6432Node'))
  ) {
    return [first, 'WOW6432Node', ...segments.slice(1)];
  }
  return segments;
}

function childNamed(node: RegistryNode, name: string): RegistryNode | undefined {
  return node.subkeys.find((child) => sameName(child.name, name));
}

export function findKey(document: RegistryDocument, key: RegistryKeyRef): RegistryNode | undefined {
  let node: RegistryNode | undefined = document.hives[key.hive];
  for (const segment of physicalSegments(key)) {
    node = childNamed(node, segment);
    if (!node) return undefined;
  }
  return node;
}

export function ensureKey(document: RegistryDocument, key: RegistryKeyRef): RegistryNode {
  let node = document.hives[key.hive];
  for (const segment of physicalSegments(key)) {
    let child = childNamed(node, segment);
    if (!child) {
      child = { name: segment, values: [], subkeys: [] };
      const at = node.subkeys.findIndex((other) => compareNames(other.name, segment) > 0);
      node.subkeys.splice(at === -1 ? node.subkeys.length : at, 0, child);
    }
    node = child;
  }
  return node;
}

export function deleteKeyTree(document: RegistryDocument, key: RegistryKeyRef): boolean {
  const segments = physicalSegments(key);
  const last = segments.pop();
  if (last === undefined) {
    throw new AppError('invalid-request', `A registry hive cannot be deleted`, {
      key: formatRegistryKey(key),
    });
  }
  let parent: RegistryNode | undefined = document.hives[key.hive];
  for (const segment of segments) {
    parent = childNamed(parent, segment);
    if (!parent) return false;
  }
  const index = parent.subkeys.findIndex((child) => sameName(child.name, last));
  if (index === -1) return false;
  parent.subkeys.splice(index, 1);
  return true;
}

export function findValue(node: RegistryNode, name: string): RegistryValue | undefined {
  return node.values.find((entry) => sameName(entry.name, name))?.value;
}

export function putValue(node: RegistryNode, name: string, value: RegistryValue): void {
  const existing = node.values.find((entry) => sameName(entry.name, name));
  if (existing) existing.value = value;
  else node.values.push({ name, value });
}

export function removeValue(node: RegistryNode, name: string): boolean {
  const index = node.values.findIndex((entry) => sameName(entry.name, name));
  if (index === -1) return false;
  node.values.splice(index, 1);
  return true;
}
