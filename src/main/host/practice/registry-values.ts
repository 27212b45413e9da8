/**
 * What a registry value may hold, checked the way Windows would store it, so a value that the
 * practice PC accepts is one the real registry would give back unchanged.
 */
import * as z from 'zod/mini';
import { REGISTRY_TYPE_CODES, type RegistryValue } from '../../../shared/registry-value';

const MAX_QWORD = (1n << 64n) - 1n;

const noNul = (text: string) => !text.includes('\u0000');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Canonical base64 only: anything else would not come back byte for byte. */
export function isCanonicalBase64(text: string): boolean {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return false;
  // The unused bits of the last character must be zero, or decoding would not give it back.
  return (
    text.length === 0 || Buffer.from(text.slice(-4), 'base64').toString('base64') === text.slice(-4)
  );
}

const base64 = z.string().check(z.refine(isCanonicalBase64, 'canonical base64'));
const textWithoutNul = z.string().check(z.refine(noNul, 'no NUL characters'));
/** An unsigned 32-bit number, as a REG_DWORD holds. */
export const dword = z.int().check(z.minimum(0), z.maximum(0xffff_ffff));

export const registryValueSchema: z.ZodMiniType<RegistryValue> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('REG_SZ'), data: textWithoutNul }),
  z.object({ type: z.literal('REG_EXPAND_SZ'), data: textWithoutNul }),
  z.object({
    type: z.literal('REG_MULTI_SZ'),
    // An empty string ends a REG_MULTI_SZ on Windows, so it cannot be one of the strings.
    data: z.array(textWithoutNul.check(z.minLength(1))),
  }),
  z.object({ type: z.literal('REG_DWORD'), data: dword }),
  z.object({
    type: z.literal('REG_QWORD'),
    data: z
      .string()
      .check(
        z.refine(
          (text) => /^(0|[1-9]\d*)$/.test(text) && BigInt(text) <= MAX_QWORD,
          'a decimal number from 0 to 2^64-1',
        ),
      ),
  }),
  z.object({ type: z.literal('REG_BINARY'), data: base64 }),
  z.object({
    type: z.literal('REG_RAW'),
    rawType: dword.check(
      z.refine(
        (code) => !(Object.values(REGISTRY_TYPE_CODES) as number[]).includes(code),
        'a type without its own form',
      ),
    ),
    data: base64,
  }),
]);

export function cloneRegistryValue(value: RegistryValue): RegistryValue {
  return value.type === 'REG_MULTI_SZ' ? { type: value.type, data: [...value.data] } : { ...value };
}
