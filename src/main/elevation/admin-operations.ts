/**
 * The closed table of what the elevated helper may do. Each operation is named by an id and
 * carries at most plain data validated by a strict schema (a GUID), never a path, a key or a
 * value name: the helper knows the one registry value it may touch. Anything outside the table
 * is refused before the helper reads the registry.
 */
// No schema library here: a diagnosis loads this module for the key and the GUID helpers, and
// the schema that checks a request (messages.ts) is built only where requests are exchanged.
import type { RegistryKeyRef } from '../../shared/registry-value';

/** HKLM\SOFTWARE\Microsoft\Cryptography, 64-bit view: the only key the helper ever opens. */
export const MACHINE_GUID_KEY: RegistryKeyRef = {
  hive: 'HKLM',
  path: 'SOFTWARE\\Microsoft\\Cryptography',
  view: '64',
};
export const MACHINE_GUID_NAME = 'MachineGuid';

const GUID_BODY = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const BARE_GUID = new RegExp(`^${GUID_BODY}$`);
// The broken form the KB describes; a little surrounding blank is kept so undo restores the
// value exactly as it was found (the diagnosis accepts it too).
export const BRACED_GUID = new RegExp(`^[ \\t]{0,8}\\{(${GUID_BODY})\\}[ \\t]{0,8}$`);

export function isBareGuid(text: string): boolean {
  return BARE_GUID.test(text);
}

/** The GUID inside the braces, or `undefined` when `text` is not a braced GUID. */
export function guidInsideBraces(text: string): string | undefined {
  return BRACED_GUID.exec(text)?.[1];
}

/**
 * The operations, each named by an id; messages.ts checks a request against this table with a
 * strict schema, so an extra field (a smuggled key or path) is refused.
 */
export type AdminOperation =
  // Reads the current value itself and removes the braces; nothing to pass.
  | { op: 'machine-guid.remove-braces' }
  // Puts the braces back, only around the GUID the machine has now: the helper can never give
  // the PC a different machine identity. `value` is a GUID in braces (BRACED_GUID), at most
  // MAX_GUID_VALUE characters.
  | { op: 'machine-guid.restore'; value: string };

export const MAX_GUID_VALUE = 64;
