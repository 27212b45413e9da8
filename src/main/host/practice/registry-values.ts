/**
 * What a registry value may hold, checked the way Windows would store it, so a value that the
 * practice PC accepts is one the real registry would give back unchanged.
 */
import * as v from 'valibot';
import { REGISTRY_TYPE_CODES, type RegistryValue } from '../../../shared/registry-value';
import { canonicalBase64, dword } from './document-checks';

const MAX_QWORD = (1n << 64n) - 1n;

const textWithoutNul = v.pipe(
  v.string(),
  v.check((text) => !text.includes('\u0000'), 'no NUL characters'),
);

export const registryValueSchema: v.GenericSchema<RegistryValue> = v.variant('type', [
  v.object({ type: v.literal('REG_SZ'), data: textWithoutNul }),
  v.object({ type: v.literal('REG_EXPAND_SZ'), data: textWithoutNul }),
  v.object({
    type: v.literal('REG_MULTI_SZ'),
    // An empty string ends a REG_MULTI_SZ on Windows, so it cannot be one of the strings.
    data: v.array(v.pipe(textWithoutNul, v.minLength(1))),
  }),
  v.object({ type: v.literal('REG_DWORD'), data: dword }),
  v.object({
    type: v.literal('REG_QWORD'),
    data: v.pipe(
      v.string(),
      v.check(
        (text) => /^(0|[1-9]\d*)$/.test(text) && BigInt(text) <= MAX_QWORD,
        'a decimal number from 0 to 2^64-1',
      ),
    ),
  }),
  v.object({ type: v.literal('REG_BINARY'), data: canonicalBase64 }),
  v.object({
    type: v.literal('REG_RAW'),
    rawType: v.pipe(
      dword,
      v.check(
        (code) => !(Object.values(REGISTRY_TYPE_CODES) as number[]).includes(code),
        'a type without its own form',
      ),
    ),
    data: canonicalBase64,
  }),
]);

export function cloneRegistryValue(value: RegistryValue): RegistryValue {
  return value.type === 'REG_MULTI_SZ' ? { type: value.type, data: [...value.data] } : { ...value };
}
