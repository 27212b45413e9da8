import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { firstProblem } from './document-checks';
import { registryValueSchema } from './registry-values';

function problemWith(value: unknown): { where: string | undefined; message: string } | undefined {
  const parsed = v.safeParse(registryValueSchema, value);
  return parsed.success ? undefined : firstProblem(parsed.issues);
}

describe('registry values of the practice PC', () => {
  test('each type Windows stores is taken as it is written', () => {
    const values = [
      { type: 'REG_SZ', data: 'sip:user@contoso.com' },
      { type: 'REG_EXPAND_SZ', data: '%LOCALAPPDATA%\\Microsoft' },
      { type: 'REG_MULTI_SZ', data: ['one', 'two'] },
      { type: 'REG_DWORD', data: 0xffff_ffff },
      { type: 'REG_QWORD', data: '18446744073709551615' },
      { type: 'REG_BINARY', data: 'AAEC' },
      { type: 'REG_RAW', rawType: 0, data: '' },
    ];
    for (const value of values) {
      expect(v.parse(registryValueSchema, value)).toEqual(value);
    }
  });

  test('a value of a known type is told what is wrong with its data', () => {
    expect(problemWith({ type: 'REG_DWORD', data: -1 })).toEqual({
      where: 'data',
      message: 'Invalid value: Expected >=0 but received -1',
    });
    expect(problemWith({ type: 'REG_QWORD', data: '18446744073709551616' })?.message).toBe(
      'a decimal number from 0 to 2^64-1',
    );
    expect(problemWith({ type: 'REG_MULTI_SZ', data: ['a', ''] })?.where).toBe('data.1');
    expect(problemWith({ type: 'REG_RAW', rawType: 4, data: '' })?.message).toBe(
      'a type without its own form',
    );
    // The data of one type is not taken for another's.
    expect(problemWith({ type: 'REG_SZ', data: 1 })?.where).toBe('data');
  });

  test('a missing or unknown type is told every type there is', () => {
    const types =
      '"REG_SZ" | "REG_EXPAND_SZ" | "REG_MULTI_SZ" | "REG_DWORD" | "REG_QWORD" | "REG_BINARY" | "REG_RAW"';
    expect(problemWith({ type: 'REG_NONE', data: '' })).toEqual({
      where: 'type',
      message: `Invalid type: Expected (${types}) but received "REG_NONE"`,
    });
    expect(problemWith({ data: 'x' })?.message).toBe(
      `Invalid type: Expected (${types}) but received undefined`,
    );
    // Names an object's own key only: `toString` is not a registry type.
    expect(problemWith({ type: 'toString', data: '' })?.where).toBe('type');
    expect(problemWith(null)?.message).toBe('Invalid type: Expected Object but received null');
  });
});
