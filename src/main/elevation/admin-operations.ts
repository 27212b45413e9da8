/**
 * The closed table of what the elevated helper may do. Each operation is named by an id and
 * carries at most plain data validated by a strict schema (a GUID), never a path, a key or a
 * value name: the helper knows the one registry value it may touch. Anything outside the table
 * is refused before the helper reads the registry.
 */
// zod's small API, as in shared/errors.ts: a diagnosis loads this module.
import * as z from 'zod/mini';
import { lazySchema } from '../../shared/model/lazy-schema';
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
const BRACED_GUID = new RegExp(`^[ \\t]{0,8}\\{(${GUID_BODY})\\}[ \\t]{0,8}$`);

export function isBareGuid(text: string): boolean {
  return BARE_GUID.test(text);
}

/** The GUID inside the braces, or `undefined` when `text` is not a braced GUID. */
export function guidInsideBraces(text: string): string | undefined {
  return BRACED_GUID.exec(text)?.[1];
}

/**
 * Strict objects: an extra field (a smuggled key or path) fails validation. Built when a request
 * is checked: the diagnosis imports this module only for the key and the GUID helpers.
 */
export const adminOperationSchema = lazySchema(() =>
  z.discriminatedUnion('op', [
    // Reads the current value itself and removes the braces; nothing to pass.
    z.strictObject({ op: z.literal('machine-guid.remove-braces') }),
    // Puts the braces back, only around the GUID the machine has now: the helper can never
    // give the PC a different machine identity.
    z.strictObject({
      op: z.literal('machine-guid.restore'),
      value: z.string().check(z.maxLength(64), z.regex(BRACED_GUID, 'a GUID in braces')),
    }),
  ]),
);
export type AdminOperation = z.infer<ReturnType<typeof adminOperationSchema>>;
