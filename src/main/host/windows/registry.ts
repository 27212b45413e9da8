/**
 * The registry through advapi32 (RegCreateKeyExW, RegQueryValueExW, RegEnumValueW, ...).
 * Values keep their exact type and bytes: a value whose size does not fit its declared type,
 * and every type the product does not interpret, comes back as REG_RAW so a backup written
 * back restores it byte for byte.
 */
import type { RegistryPort } from '../ports';
import {
  REGISTRY_TYPE_CODES,
  formatRegistryKey,
  type RegistryKeyRef,
  type RegistryValue,
  type RegistryValueEntry,
} from '../../../shared/registry-value';
import { AppError } from '../../../shared/errors';
import { WIN32, declare, utf16, utf16z, win32Failure, type Handle } from './ffi';
import { SharedHandles, type SharedHandle } from './shared-handles';

const DLL = 'advapi32.dll';
type Out<T> = [T];

const api = {
  RegOpenKeyExW: declare<
    (root: Handle, sub: string, options: number, sam: number, out: Out<Handle>) => number
  >(
    DLL,
    'long __stdcall RegOpenKeyExW(intptr_t hKey, str16 lpSubKey, uint32_t ulOptions, uint32_t samDesired, _Out_ intptr_t *phkResult)',
  ),
  RegCreateKeyExW: declare<
    (
      root: Handle,
      sub: string,
      reserved: number,
      cls: null,
      options: number,
      sam: number,
      security: null,
      out: Out<Handle>,
      disposition: Out<number>,
    ) => number
  >(
    DLL,
    'long __stdcall RegCreateKeyExW(intptr_t hKey, str16 lpSubKey, uint32_t Reserved, str16 lpClass, uint32_t dwOptions, uint32_t samDesired, void *lpSecurityAttributes, _Out_ intptr_t *phkResult, _Out_ uint32_t *lpdwDisposition)',
  ),
  RegQueryValueExW: declare<
    (
      key: Handle,
      name: string,
      reserved: null,
      type: Out<number>,
      data: Buffer | null,
      size: Out<number>,
    ) => number
  >(
    DLL,
    'long __stdcall RegQueryValueExW(intptr_t hKey, str16 lpValueName, void *lpReserved, _Out_ uint32_t *lpType, void *lpData, _Inout_ uint32_t *lpcbData)',
  ),
  RegEnumValueW: declare<
    (
      key: Handle,
      index: number,
      name: Buffer,
      nameChars: Out<number>,
      reserved: null,
      type: Out<number>,
      data: Buffer,
      size: Out<number>,
    ) => number
  >(
    DLL,
    'long __stdcall RegEnumValueW(intptr_t hKey, uint32_t dwIndex, void *lpValueName, _Inout_ uint32_t *lpcchValueName, void *lpReserved, _Out_ uint32_t *lpType, void *lpData, _Inout_ uint32_t *lpcbData)',
  ),
  RegEnumKeyExW: declare<
    (
      key: Handle,
      index: number,
      name: Buffer,
      nameChars: Out<number>,
      reserved: null,
      cls: null,
      clsChars: null,
      time: null,
    ) => number
  >(
    DLL,
    'long __stdcall RegEnumKeyExW(intptr_t hKey, uint32_t dwIndex, void *lpName, _Inout_ uint32_t *lpcchName, void *lpReserved, void *lpClass, void *lpcchClass, void *lpftLastWriteTime)',
  ),
  RegQueryInfoKeyW: declare<
    (
      key: Handle,
      cls: null,
      clsChars: null,
      reserved: null,
      subkeys: Out<number>,
      maxSubkeyChars: Out<number>,
      maxClassChars: null,
      values: Out<number>,
      maxValueNameChars: Out<number>,
      maxValueBytes: Out<number>,
      security: null,
      time: null,
    ) => number
  >(
    DLL,
    'long __stdcall RegQueryInfoKeyW(intptr_t hKey, void *lpClass, void *lpcchClass, void *lpReserved, _Out_ uint32_t *lpcSubKeys, _Out_ uint32_t *lpcbMaxSubKeyLen, void *lpcbMaxClassLen, _Out_ uint32_t *lpcValues, _Out_ uint32_t *lpcbMaxValueNameLen, _Out_ uint32_t *lpcbMaxValueLen, void *lpcbSecurityDescriptor, void *lpftLastWriteTime)',
  ),
  RegSetValueExW: declare<
    (
      key: Handle,
      name: string,
      reserved: number,
      type: number,
      data: Buffer,
      size: number,
    ) => number
  >(
    DLL,
    'long __stdcall RegSetValueExW(intptr_t hKey, str16 lpValueName, uint32_t Reserved, uint32_t dwType, const void *lpData, uint32_t cbData)',
  ),
  RegDeleteValueW: declare<(key: Handle, name: string) => number>(
    DLL,
    'long __stdcall RegDeleteValueW(intptr_t hKey, str16 lpValueName)',
  ),
  RegDeleteTreeW: declare<(key: Handle, sub: string | null) => number>(
    DLL,
    'long __stdcall RegDeleteTreeW(intptr_t hKey, str16 lpSubKey)',
  ),
  RegDeleteKeyExW: declare<(root: Handle, sub: string, sam: number, reserved: number) => number>(
    DLL,
    'long __stdcall RegDeleteKeyExW(intptr_t hKey, str16 lpSubKey, uint32_t samDesired, uint32_t Reserved)',
  ),
  RegCloseKey: declare<(key: Handle) => number>(DLL, 'long __stdcall RegCloseKey(intptr_t hKey)'),
};

// Predefined keys are sign-extended 32-bit values on 64-bit Windows (winreg.h).
const HIVES = { HKCU: -0x7fffffff, HKLM: -0x7ffffffe } as const;

const KEY_QUERY_VALUE = 0x0001;
const KEY_SET_VALUE = 0x0002;
const KEY_ENUMERATE_SUB_KEYS = 0x0008;
const KEY_READ = 0x20019;
const DELETE = 0x10000;
const KEY_WOW64_64KEY = 0x0100;
const KEY_WOW64_32KEY = 0x0200;

const TYPE_NAMES = new Map<number, RegistryValue['type']>(
  Object.entries(REGISTRY_TYPE_CODES).map(([name, code]) => [code, name as RegistryValue['type']]),
);

function viewFlag(key: RegistryKeyRef): number {
  if (key.view === '32') return KEY_WOW64_32KEY;
  if (key.view === '64') return KEY_WOW64_64KEY;
  return 0;
}

function where(key: RegistryKeyRef): { key: string } {
  return { key: formatRegistryKey(key) };
}

function check(
  status: number,
  fn: string,
  key: RegistryKeyRef,
  extra: Record<string, string> = {},
): void {
  if (status !== WIN32.ERROR_SUCCESS) throw win32Failure(fn, status, { ...where(key), ...extra });
}

/** Opens an existing key; `undefined` when it (or a parent) does not exist. */
function open(key: RegistryKeyRef, access: number): Handle | undefined {
  const out: Out<Handle> = [0];
  const status = api.RegOpenKeyExW(HIVES[key.hive], key.path, 0, access | viewFlag(key), out);
  if (status === WIN32.ERROR_FILE_NOT_FOUND || status === WIN32.ERROR_PATH_NOT_FOUND)
    return undefined;
  check(status, 'RegOpenKeyExW', key);
  return out[0];
}

/**
 * Whether a key exists: `false` only when Windows says it (or a parent) is not there, `undefined`
 * when it cannot be told (the key is there but cannot be opened, or the path is not valid).
 */
export function registryKeyExists(key: RegistryKeyRef): boolean | undefined {
  const out: Out<Handle> = [0];
  const status = api.RegOpenKeyExW(
    HIVES[key.hive],
    key.path,
    0,
    KEY_QUERY_VALUE | viewFlag(key),
    out,
  );
  if (status === WIN32.ERROR_SUCCESS) {
    api.RegCloseKey(out[0]);
    return true;
  }
  if (status === WIN32.ERROR_FILE_NOT_FOUND || status === WIN32.ERROR_PATH_NOT_FOUND) return false;
  return undefined;
}

function create(key: RegistryKeyRef, access: number): Handle {
  const out: Out<Handle> = [0];
  const disposition: Out<number> = [0];
  const status = api.RegCreateKeyExW(
    HIVES[key.hive],
    key.path,
    0,
    null,
    0,
    access | viewFlag(key),
    null,
    out,
    disposition,
  );
  check(status, 'RegCreateKeyExW', key);
  return out[0];
}

function withKey<T>(handle: Handle, use: (handle: Handle) => T): T {
  try {
    return use(handle);
  } finally {
    api.RegCloseKey(handle);
  }
}

/** Turns raw registry bytes into the shared, JSON-safe form. */
export function decodeValue(type: number, data: Buffer): RegistryValue {
  const name = TYPE_NAMES.get(type);
  switch (name) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      if (data.length % 2 === 0) return { type: name, data: utf16(data) };
      break;
    case 'REG_MULTI_SZ':
      if (data.length % 2 === 0) {
        const text = data.toString('utf16le').replace(/\0+$/, '');
        return { type: name, data: text === '' ? [] : text.split('\0') };
      }
      break;
    case 'REG_DWORD':
      if (data.length === 4) return { type: name, data: data.readUInt32LE(0) };
      break;
    case 'REG_QWORD':
      if (data.length === 8) return { type: name, data: data.readBigUInt64LE(0).toString() };
      break;
    case 'REG_BINARY':
      return { type: name, data: data.toString('base64') };
  }
  return { type: 'REG_RAW', rawType: type, data: data.toString('base64') };
}

/** The exact bytes and type code RegSetValueExW needs for a value. */
export function encodeValue(value: RegistryValue): { type: number; data: Buffer } {
  switch (value.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return { type: REGISTRY_TYPE_CODES[value.type], data: utf16z(value.data) };
    case 'REG_MULTI_SZ': {
      const text = value.data.length === 0 ? '\0' : `${value.data.join('\0')}\0\0`;
      return { type: REGISTRY_TYPE_CODES.REG_MULTI_SZ, data: Buffer.from(text, 'utf16le') };
    }
    case 'REG_DWORD': {
      if (!Number.isInteger(value.data) || value.data < 0 || value.data > 0xffffffff) {
        throw new AppError(
          'invalid-request',
          `REG_DWORD data must be 0..4294967295, got ${value.data}`,
        );
      }
      const data = Buffer.alloc(4);
      data.writeUInt32LE(value.data, 0);
      return { type: REGISTRY_TYPE_CODES.REG_DWORD, data };
    }
    case 'REG_QWORD': {
      if (!/^\d+$/.test(value.data) || BigInt(value.data) > 0xffffffffffffffffn) {
        throw new AppError(
          'invalid-request',
          `REG_QWORD data must be a decimal 0..2^64-1, got ${value.data}`,
        );
      }
      const data = Buffer.alloc(8);
      data.writeBigUInt64LE(BigInt(value.data), 0);
      return { type: REGISTRY_TYPE_CODES.REG_QWORD, data };
    }
    case 'REG_BINARY':
      return { type: REGISTRY_TYPE_CODES.REG_BINARY, data: Buffer.from(value.data, 'base64') };
    case 'REG_RAW':
      return { type: value.rawType, data: Buffer.from(value.data, 'base64') };
  }
}

/** Most values the product reads (paths, addresses, versions) fit, so one call reads them. */
const FIRST_READ_BYTES = 1024;

function queryValue(handle: Handle, key: RegistryKeyRef, name: string): RegistryValue | undefined {
  const size: Out<number> = [FIRST_READ_BYTES];
  const type: Out<number> = [0];
  const first = Buffer.alloc(FIRST_READ_BYTES);
  let status = api.RegQueryValueExW(handle, name, null, type, first, size);
  if (status === WIN32.ERROR_SUCCESS)
    return decodeValue(type[0], Buffer.from(first.subarray(0, size[0])));
  if (status === WIN32.ERROR_FILE_NOT_FOUND) return undefined;
  if (status !== WIN32.ERROR_MORE_DATA) check(status, 'RegQueryValueExW', key, { value: name });
  // Larger than the first buffer (size now says how large); it can grow again before the
  // next read, so retry with the size reported.
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const data = Buffer.alloc(size[0]);
    status = api.RegQueryValueExW(handle, name, null, type, data, size);
    if (status === WIN32.ERROR_SUCCESS) return decodeValue(type[0], data.subarray(0, size[0]));
    if (status === WIN32.ERROR_FILE_NOT_FOUND) return undefined;
    if (status !== WIN32.ERROR_MORE_DATA) break;
  }
  check(status, 'RegQueryValueExW', key, { value: name });
  return undefined;
}

interface KeyInfo {
  subkeys: number;
  maxSubkey: number;
  values: number;
  maxName: number;
  maxData: number;
}

function keyInfo(handle: Handle, key: RegistryKeyRef): KeyInfo {
  const subkeys: Out<number> = [0];
  const maxSubkey: Out<number> = [0];
  const values: Out<number> = [0];
  const maxName: Out<number> = [0];
  const maxData: Out<number> = [0];
  check(
    api.RegQueryInfoKeyW(
      handle,
      null,
      null,
      null,
      subkeys,
      maxSubkey,
      null,
      values,
      maxName,
      maxData,
      null,
      null,
    ),
    'RegQueryInfoKeyW',
    key,
  );
  return {
    subkeys: subkeys[0],
    maxSubkey: maxSubkey[0],
    values: values[0],
    maxName: maxName[0],
    maxData: maxData[0],
  };
}

/**
 * The key's values, up to the count RegQueryInfoKeyW gave: asking past the last one costs one
 * more call only to hear ERROR_NO_MORE_ITEMS. Like any enumeration it shows the key as it was
 * when counted.
 */
function enumValues(handle: Handle, key: RegistryKeyRef, info: KeyInfo): RegistryValueEntry[] {
  let name = Buffer.alloc((info.maxName + 1) * 2);
  let data = Buffer.alloc(Math.max(info.maxData, 1));
  const entries: RegistryValueEntry[] = [];
  for (let index = 0; index < info.values;) {
    const nameChars: Out<number> = [name.length / 2];
    const size: Out<number> = [data.length];
    const type: Out<number> = [0];
    const status = api.RegEnumValueW(handle, index, name, nameChars, null, type, data, size);
    if (status === WIN32.ERROR_NO_MORE_ITEMS) return entries;
    if (status === WIN32.ERROR_MORE_DATA) {
      // Written to since RegQueryInfoKeyW: grow both buffers and ask for the same index again.
      name = Buffer.alloc(Math.max(name.length * 2, 32_768 * 2));
      data = Buffer.alloc(Math.max(data.length * 2, size[0]));
      continue;
    }
    check(status, 'RegEnumValueW', key);
    entries.push({
      name: name.subarray(0, nameChars[0] * 2).toString('utf16le'),
      value: decodeValue(type[0], Buffer.from(data.subarray(0, size[0]))),
    });
    index += 1;
  }
  return entries;
}

/** Key names are at most 255 characters; one buffer serves every (synchronous) enumeration. */
const subkeyName = Buffer.alloc(512 * 2);

/** Subkey names; up to `count` when the key's info is known (see enumValues), else to the end. */
function enumSubkeys(handle: Handle, key: RegistryKeyRef, count = Infinity): string[] {
  const names: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const chars: Out<number> = [subkeyName.length / 2];
    const status = api.RegEnumKeyExW(handle, index, subkeyName, chars, null, null, null, null);
    if (status === WIN32.ERROR_NO_MORE_ITEMS) return names;
    check(status, 'RegEnumKeyExW', key);
    names.push(subkeyName.subarray(0, chars[0] * 2).toString('utf16le'));
  }
  return names;
}

/**
 * Reads of one key that follow each other at once share its handle (shared-handles.ts) and its
 * counts: an inventory lists a key's values and then its subkeys, and the second read then
 * needs neither an open nor a close, nor (the counts being known) the final "no more items"
 * call. Reads through a handle see the key as it is now; any change made through this adapter
 * retires them all first.
 */
const sharedKeys = new SharedHandles<Handle, KeyInfo>((handle) => api.RegCloseKey(handle));

const ERROR_KEY_DELETED = 1018;

/**
 * Runs `use` with an open handle to `key` (shared, see above); `undefined` when the key does not
 * exist. A key deleted by another program while its handle was shared is opened afresh, so it
 * reads as absent, as it would have without the sharing.
 */
function withSharedKey<T>(
  key: RegistryKeyRef,
  access: number,
  use: (shared: SharedHandle<Handle, KeyInfo>) => T,
): T | undefined {
  const id = `${access}|${key.hive}|${key.view ?? ''}|${key.path}`;
  try {
    return sharedKeys.use(id, () => open(key, access), use);
  } catch (error) {
    if (!(error instanceof AppError) || error.details.win32Error !== ERROR_KEY_DELETED) throw error;
    sharedKeys.retire(id);
    return sharedKeys.use(id, () => open(key, access), use);
  }
}

function sharedInfo(shared: SharedHandle<Handle, KeyInfo>, key: RegistryKeyRef): KeyInfo {
  shared.memo ??= keyInfo(shared.handle, key);
  return shared.memo;
}

function validate(key: RegistryKeyRef): void {
  if (!key.path || key.path.startsWith('\\') || key.path.endsWith('\\')) {
    throw new AppError(
      'invalid-request',
      `Registry key path must be non-empty without leading or trailing backslash: '${key.path}'`,
      where(key),
    );
  }
}

export function createRegistry(): RegistryPort {
  return {
    async getValue(key, name) {
      validate(key);
      return withSharedKey(key, KEY_QUERY_VALUE, (shared) => queryValue(shared.handle, key, name));
    },
    async listValues(key) {
      validate(key);
      return withSharedKey(key, KEY_READ, (shared) =>
        enumValues(shared.handle, key, sharedInfo(shared, key)),
      );
    },
    async listSubkeys(key) {
      validate(key);
      return withSharedKey(key, KEY_READ, (shared) =>
        enumSubkeys(shared.handle, key, shared.memo?.subkeys),
      );
    },
    async createKey(key) {
      validate(key);
      sharedKeys.retire();
      withKey(create(key, KEY_QUERY_VALUE), () => undefined);
    },
    async setValue(key, name, value) {
      validate(key);
      sharedKeys.retire();
      const encoded = encodeValue(value);
      withKey(create(key, KEY_SET_VALUE), (h) =>
        check(
          api.RegSetValueExW(h, name, 0, encoded.type, encoded.data, encoded.data.length),
          'RegSetValueExW',
          key,
          { value: name },
        ),
      );
    },
    async deleteValue(key, name) {
      validate(key);
      sharedKeys.retire();
      const handle = open(key, KEY_SET_VALUE);
      if (handle === undefined) return false;
      return withKey(handle, (h) => {
        const status = api.RegDeleteValueW(h, name);
        if (status === WIN32.ERROR_FILE_NOT_FOUND) return false;
        check(status, 'RegDeleteValueW', key, { value: name });
        return true;
      });
    },
    async deleteKey(key) {
      validate(key);
      sharedKeys.retire();
      const handle = open(key, KEY_READ | KEY_SET_VALUE | DELETE | KEY_ENUMERATE_SUB_KEYS);
      if (handle === undefined) return false;
      // RegDeleteTreeW empties the key; RegDeleteKeyExW then removes it in the requested view.
      withKey(handle, (h) => check(api.RegDeleteTreeW(h, null), 'RegDeleteTreeW', key));
      const status = api.RegDeleteKeyExW(HIVES[key.hive], key.path, viewFlag(key), 0);
      if (status === WIN32.ERROR_FILE_NOT_FOUND) return true;
      check(status, 'RegDeleteKeyExW', key);
      return true;
    },
  };
}
