/** Registry reads the inventory needs, each key read once. */
import { sameWindowsName } from '../../../shared/windows-names';
import type { RegistryKeyRef, RegistryValueEntry } from '../../../shared/registry-value';
import type { RegistryPort } from '../../host/ports';

export interface KeyContents {
  key: RegistryKeyRef;
  values: RegistryValueEntry[];
  subkeys: string[];
}

/** `undefined` when the key does not exist. */
export async function readKey(
  registry: RegistryPort,
  key: RegistryKeyRef,
): Promise<KeyContents | undefined> {
  // Most keys looked at are absent; when the values say so, the subkeys are not asked for.
  const values = await registry.listValues(key);
  if (values === undefined) return undefined;
  const subkeys = await registry.listSubkeys(key);
  return { key, values, subkeys: subkeys ?? [] };
}

export function valueOf(contents: KeyContents | undefined, name: string) {
  return contents?.values.find((entry) => sameWindowsName(entry.name, name))?.value;
}

export function childKey(parent: RegistryKeyRef, name: string): RegistryKeyRef {
  return { ...parent, path: `${parent.path}\\${name}` };
}
