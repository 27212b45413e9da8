/**
 * The one place koffi is loaded. koffi 2.x is pinned on purpose: its npm package carries the
 * prebuilt native module for every platform (win32_x64 included), so nothing is downloaded or
 * compiled at install time; koffi 3.x dropped the bundled prebuilds.
 *
 * koffi's own typings return `any`; every module here casts each foreign function to an exact
 * signature right where it is declared, so no `any` leaks past this folder.
 */
import koffi from 'koffi';
import { AppError, type ErrorCode } from '../../../shared/errors';

export { koffi };

/** A Win32 handle passed as a pointer-sized integer (HKEY, HANDLE, SC_HANDLE...). */
export type Handle = number | bigint;
/** An opaque native pointer as koffi hands it out (an External), or null. */
export type Pointer = object | null;

const libraries = new Map<string, koffi.IKoffiLib>();

/** Loads a system DLL once per process. */
export function library(name: string): koffi.IKoffiLib {
  let lib = libraries.get(name);
  if (!lib) {
    lib = koffi.load(name);
    libraries.set(name, lib);
  }
  return lib;
}

/** Declares a foreign function from its C prototype and gives it the caller's exact type. */
export function declare<F>(dll: string, prototype: string): F {
  return library(dll).func(prototype) as unknown as F;
}

/**
 * Calls a foreign function on one of koffi's worker threads and answers when it returns. For the
 * slow calls of a diagnosis (the credential vault, opening a private key, opening a certificate
 * store): under Wine each waits on round trips to wineserver or the key store, and on a worker
 * thread that wait overlaps the registry and file reads the main thread makes meanwhile.
 * Windows' last error belongs to the thread that failed, so a caller that needs the error code
 * repeats a failed read on the main thread, where `lastError()` can read it.
 */
export function onWorkerThread<A extends unknown[], R>(
  fn: (...args: A) => R,
  ...args: A
): Promise<R> {
  const foreign = fn as unknown as {
    async: (...callArgs: [...A, (error: unknown, result: R) => void]) => void;
  };
  return new Promise((resolve, reject) => {
    foreign.async(...args, (error, result) => (error ? reject(toError(error)) : resolve(result)));
  });
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

const kernel32 = {
  GetLastError: declare<() => number>('kernel32.dll', 'uint32_t __stdcall GetLastError()'),
  SetLastError: declare<(code: number) => void>(
    'kernel32.dll',
    'void __stdcall SetLastError(uint32_t dwErrCode)',
  ),
  LocalFree: declare<(mem: Pointer) => Pointer>(
    'kernel32.dll',
    'void * __stdcall LocalFree(void *hMem)',
  ),
  CloseHandle: declare<(handle: Handle) => boolean>(
    'kernel32.dll',
    'bool __stdcall CloseHandle(intptr_t h)',
  ),
};

export const lastError = (): number => kernel32.GetLastError();
/** For APIs that may fail without setting an error: clear it first so a stale one is not read. */
export const clearLastError = (): void => kernel32.SetLastError(0);
export const localFree = (mem: Pointer): void => {
  if (mem) kernel32.LocalFree(mem);
};
export const closeHandle = (handle: Handle): void => {
  if (handle) kernel32.CloseHandle(handle);
};

/** Copies `length` bytes out of native memory (the memory may be freed right after). */
export function copyBytes(pointer: Pointer, length: number): Buffer {
  if (!pointer || length === 0) return Buffer.alloc(0);
  return Buffer.from(new Uint8Array(koffi.view(pointer, length)).slice());
}

/** Native memory holding `bytes`; the caller frees it with `koffi.free`. */
export function allocBytes(bytes: Uint8Array): Pointer {
  const pointer = koffi.alloc('uint8_t', Math.max(bytes.length, 1)) as Pointer;
  if (bytes.length > 0) new Uint8Array(koffi.view(pointer, bytes.length)).set(bytes);
  return pointer;
}

/** Decodes UTF-16LE text, dropping one terminating NUL if present. */
export function utf16(bytes: Buffer): string {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  const text = even.toString('utf16le');
  return text.endsWith('\0') ? text.slice(0, -1) : text;
}

export function utf16z(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'utf16le');
}

export const WIN32 = {
  ERROR_SUCCESS: 0,
  ERROR_FILE_NOT_FOUND: 2,
  ERROR_PATH_NOT_FOUND: 3,
  ERROR_NO_MORE_FILES: 18,
  ERROR_ACCESS_DENIED: 5,
  ERROR_INVALID_PARAMETER: 87,
  ERROR_INSUFFICIENT_BUFFER: 122,
  ERROR_MORE_DATA: 234,
  ERROR_NO_MORE_ITEMS: 259,
  ERROR_NOT_FOUND: 1168,
  ERROR_SERVICE_DOES_NOT_EXIST: 1060,
  ERROR_DISK_FULL: 112,
  ERROR_SHARING_VIOLATION: 32,
  ERROR_LOCK_VIOLATION: 33,
  CRYPT_E_NOT_FOUND: 0x80092004,
} as const;

function codeFor(win32: number): ErrorCode {
  switch (win32) {
    case WIN32.ERROR_ACCESS_DENIED:
      return 'access-denied';
    case WIN32.ERROR_FILE_NOT_FOUND:
    case WIN32.ERROR_PATH_NOT_FOUND:
    case WIN32.ERROR_NOT_FOUND:
      return 'not-found';
    case WIN32.ERROR_SHARING_VIOLATION:
    case WIN32.ERROR_LOCK_VIOLATION:
      return 'file-locked';
    case WIN32.ERROR_DISK_FULL:
      return 'disk-full';
    default:
      return 'io';
  }
}

/** A AppError for a failed Win32 call, naming the call, the error number and the place. */
export function win32Failure(
  fn: string,
  win32: number,
  details: Record<string, string | number | boolean | null>,
): AppError {
  const hex = `0x${(win32 >>> 0).toString(16).padStart(8, '0')}`;
  return new AppError(codeFor(win32), `${fn} failed with Windows error ${win32} (${hex})`, {
    ...details,
    win32Error: win32,
  });
}

/** FILETIME (100 ns since 1601) to ISO 8601. */
export function fileTimeToIso(low: number, high: number): string {
  const ticks = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
  const ms = Number(ticks / 10_000n) - 11_644_473_600_000;
  return new Date(ms).toISOString();
}
