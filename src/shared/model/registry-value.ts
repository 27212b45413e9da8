/**
 * A registry value as it travels between the host adapters, the journal, the IPC boundary and
 * reports. Every form is JSON-safe and exact: QWORDs as decimal strings (a JS number loses
 * precision above 2^53), binary data as base64. Types the product has no reason to interpret
 * are kept as `REG_RAW` with their numeric type so a backup restores them byte for byte.
 */
import * as z from './zod';

export const registryValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('REG_SZ'), data: z.string() }),
  z.object({ type: z.literal('REG_EXPAND_SZ'), data: z.string() }),
  z.object({ type: z.literal('REG_MULTI_SZ'), data: z.array(z.string()) }),
  z.object({ type: z.literal('REG_DWORD'), data: z.number() }),
  z.object({ type: z.literal('REG_QWORD'), data: z.string() }),
  z.object({ type: z.literal('REG_BINARY'), data: z.string() }),
  z.object({ type: z.literal('REG_RAW'), rawType: z.number(), data: z.string() }),
]);
export type RegistryValue = z.infer<typeof registryValueSchema>;
