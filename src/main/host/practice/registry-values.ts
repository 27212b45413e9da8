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

/** The check for each type, keyed by the `type` a stored value names. */
const VALUE_BY_TYPE = {
  REG_SZ: v.object({ type: v.literal('REG_SZ'), data: textWithoutNul }),
  REG_EXPAND_SZ: v.object({ type: v.literal('REG_EXPAND_SZ'), data: textWithoutNul }),
  REG_MULTI_SZ: v.object({
    type: v.literal('REG_MULTI_SZ'),
    // An empty string ends a REG_MULTI_SZ on Windows, so it cannot be one of the strings.
    data: v.array(v.pipe(textWithoutNul, v.minLength(1))),
  }),
  REG_DWORD: v.object({ type: v.literal('REG_DWORD'), data: dword }),
  REG_QWORD: v.object({
    type: v.literal('REG_QWORD'),
    data: v.pipe(
      v.string(),
      v.check(
        (text) => /^(0|[1-9]\d*)$/.test(text) && BigInt(text) <= MAX_QWORD,
        'a decimal number from 0 to 2^64-1',
      ),
    ),
  }),
  REG_BINARY: v.object({ type: v.literal('REG_BINARY'), data: canonicalBase64 }),
  REG_RAW: v.object({
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
} satisfies Record<RegistryValue['type'], v.GenericSchema<RegistryValue>>;

/** Any of them: what a value whose `type` is missing or unknown is told it should have been. */
const anyRegistryValue = v.variant('type', Object.values(VALUE_BY_TYPE));

function schemaFor(input: unknown): v.GenericSchema<RegistryValue> {
  const type =
    typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  return typeof type === 'string' && Object.hasOwn(VALUE_BY_TYPE, type)
    ? VALUE_BY_TYPE[type as RegistryValue['type']]
    : anyRegistryValue;
}

/**
 * A stored value goes straight to the check its `type` names: trying each type in turn (as
 * `variant` does) writes a full message for every type it is not, for every value a practice PC
 * holds, each time its registry is read.
 */
export const registryValueSchema: v.GenericSchema<RegistryValue> = v.lazy(schemaFor);

export function cloneRegistryValue(value: RegistryValue): RegistryValue {
  return value.type === 'REG_MULTI_SZ' ? { type: value.type, data: [...value.data] } : { ...value };
}
