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
  const [values, subkeys] = await Promise.all([
    registry.listValues(key),
    registry.listSubkeys(key),
  ]);
  if (values === undefined && subkeys === undefined) return undefined;
  return { key, values: values ?? [], subkeys: subkeys ?? [] };
}

export function valueOf(contents: KeyContents | undefined, name: string) {
  return contents?.values.find((entry) => sameWindowsName(entry.name, name))?.value;
}

export function childKey(parent: RegistryKeyRef, name: string): RegistryKeyRef {
  return { ...parent, path: `${parent.path}\\${name}` };
}
