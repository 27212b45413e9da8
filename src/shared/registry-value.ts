// The value's shape is a schema in model/registry-value.ts; its type is re-exported here.
import type { RegistryValue } from './model/registry-value';
export type { RegistryValue };

/** The numeric Win32 type codes (winnt.h), so adapters and the practice PC agree exactly. */
export const REGISTRY_TYPE_CODES = {
  REG_SZ: 1,
  REG_EXPAND_SZ: 2,
  REG_BINARY: 3,
  REG_DWORD: 4,
  REG_MULTI_SZ: 7,
  REG_QWORD: 11,
} as const;

export type RegistryHive = 'HKCU' | 'HKLM';

/**
 * Which registry view of HKLM\SOFTWARE to use on 64-bit Windows. `64` is the native view,
 * `32` the WOW6432Node redirection. HKCU keys the product touches are not redirected.
 */
export type RegistryView = '64' | '32';

export interface RegistryKeyRef {
  hive: RegistryHive;
  /** Backslash-separated, no leading or trailing backslash, e.g. `Software\Microsoft\Communicator`. */
  path: string;
  view?: RegistryView;
}

export interface RegistryValueEntry {
  /** The empty string is the key's default value. */
  name: string;
  value: RegistryValue;
}

/** A whole key tree, as backed up before a key is deleted and written back on undo. */
export interface RegistryKeySnapshot {
  name: string;
  values: RegistryValueEntry[];
  subkeys: RegistryKeySnapshot[];
}

export function formatRegistryKey(key: RegistryKeyRef): string {
  const hive = key.hive === 'HKCU' ? 'HKEY_CURRENT_USER' : 'HKEY_LOCAL_MACHINE';
  const view = key.view === '32' ? ' (32-bit view)' : '';
  return `${hive}\\${key.path}${view}`;
}

export function registryValuesEqual(a: RegistryValue, b: RegistryValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
