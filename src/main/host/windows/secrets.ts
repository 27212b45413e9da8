/**
 * DPAPI for the current user (CryptProtectData / CryptUnprotectData): a backed-up credential
 * secret can only be read back by the same Windows account, and a changed blob is refused.
 */
import type { SecretProtectorPort } from '../ports';
import { AppError } from '../../../shared/errors';
import {
  allocBytes,
  copyBytes,
  declare,
  koffi,
  lastError,
  localFree,
  win32Failure,
  type Pointer,
} from './ffi';

const DLL = 'crypt32.dll';

koffi.struct('DATA_BLOB', { cbData: 'uint32_t', pbData: 'void *' });

interface Blob {
  cbData: number;
  pbData: Pointer;
}

type Transform = (
  input: Blob,
  description: null,
  entropy: null,
  reserved: null,
  prompt: null,
  flags: number,
  output: Blob,
) => boolean;

const api = {
  CryptProtectData: declare<Transform>(
    DLL,
    'bool __stdcall CryptProtectData(const DATA_BLOB *pDataIn, str16 szDataDescr, void *pOptionalEntropy, void *pvReserved, void *pPromptStruct, uint32_t dwFlags, _Out_ DATA_BLOB *pDataOut)',
  ),
  CryptUnprotectData: declare<Transform>(
    DLL,
    'bool __stdcall CryptUnprotectData(const DATA_BLOB *pDataIn, void *ppszDataDescr, void *pOptionalEntropy, void *pvReserved, void *pPromptStruct, uint32_t dwFlags, _Out_ DATA_BLOB *pDataOut)',
  ),
};

const CRYPTPROTECT_UI_FORBIDDEN = 0x1;

function run(fn: 'CryptProtectData' | 'CryptUnprotectData', input: Uint8Array): Uint8Array {
  const memory = allocBytes(input);
  const output: Blob = { cbData: 0, pbData: null };
  try {
    const ok = api[fn](
      { cbData: input.length, pbData: memory },
      null,
      null,
      null,
      null,
      CRYPTPROTECT_UI_FORBIDDEN,
      output,
    );
    if (!ok) {
      const failure = win32Failure(fn, lastError(), {});
      if (fn === 'CryptUnprotectData' && failure.code === 'io') {
        throw new AppError(
          'corrupt-data',
          `The protected secret could not be opened (changed, or protected by another account): ${failure.message}`,
          failure.details,
        );
      }
      throw failure;
    }
    return new Uint8Array(copyBytes(output.pbData, output.cbData));
  } finally {
    koffi.free(memory);
    localFree(output.pbData);
  }
}

export function createSecretProtector(): SecretProtectorPort {
  return {
    async protect(plain) {
      return run('CryptProtectData', plain);
    },
    async unprotect(blob) {
      if (blob.length === 0) throw new AppError('corrupt-data', 'The protected secret is empty');
      return run('CryptUnprotectData', blob);
    },
  };
}
