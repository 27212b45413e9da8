/**
 * Access-token helpers shared by identity (who am I, am I elevated) and processes (whose process
 * is this): OpenProcessToken + GetTokenInformation + ConvertSidToStringSidW.
 */
import {
  closeHandle,
  copyBytes,
  declare,
  koffi,
  lastError,
  localFree,
  win32Failure,
  type Handle,
  type Pointer,
} from './ffi';

type Out<T> = [T];

const api = {
  GetCurrentProcess: declare<() => Handle>(
    'kernel32.dll',
    'intptr_t __stdcall GetCurrentProcess()',
  ),
  OpenProcess: declare<(access: number, inherit: boolean, pid: number) => Handle>(
    'kernel32.dll',
    'intptr_t __stdcall OpenProcess(uint32_t dwDesiredAccess, bool bInheritHandle, uint32_t dwProcessId)',
  ),
  OpenProcessToken: declare<(process: Handle, access: number, token: Out<Handle>) => boolean>(
    'advapi32.dll',
    'bool __stdcall OpenProcessToken(intptr_t ProcessHandle, uint32_t DesiredAccess, _Out_ intptr_t *TokenHandle)',
  ),
  GetTokenInformation: declare<
    (token: Handle, cls: number, data: Pointer, size: number, needed: Out<number>) => boolean
  >(
    'advapi32.dll',
    'bool __stdcall GetTokenInformation(intptr_t TokenHandle, int TokenInformationClass, void *TokenInformation, uint32_t TokenInformationLength, _Out_ uint32_t *ReturnLength)',
  ),
  ConvertSidToStringSidW: declare<(sid: Pointer, out: Out<Pointer>) => boolean>(
    'advapi32.dll',
    'bool __stdcall ConvertSidToStringSidW(void *Sid, _Out_ void **StringSid)',
  ),
};

export const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const TOKEN_QUERY = 0x0008;
const TOKEN_USER = 1;
const TOKEN_ELEVATION = 20;

export function openProcess(access: number, pid: number): Handle {
  return api.OpenProcess(access, false, pid);
}

export function currentProcess(): Handle {
  return api.GetCurrentProcess();
}

/** GetTokenInformation into native memory (the caller frees it with koffi.free). */
function tokenInformation(token: Handle, cls: number): { memory: Pointer; size: number } {
  const needed: Out<number> = [0];
  api.GetTokenInformation(token, cls, null, 0, needed);
  const size = Math.max(needed[0], 4);
  const memory = koffi.alloc('uint8_t', size) as Pointer;
  if (!api.GetTokenInformation(token, cls, memory, size, needed)) {
    const error = lastError();
    koffi.free(memory);
    throw win32Failure('GetTokenInformation', error, { target: `token class ${cls}` });
  }
  return { memory, size };
}

function withToken<T>(process: Handle, use: (token: Handle) => T): T {
  const token: Out<Handle> = [0];
  if (!api.OpenProcessToken(process, TOKEN_QUERY, token)) {
    throw win32Failure('OpenProcessToken', lastError(), { target: 'process token' });
  }
  try {
    return use(token[0]);
  } finally {
    closeHandle(token[0]);
  }
}

/** The string SID (S-1-5-21-...) of the user a process runs as. */
export function processUserSid(process: Handle): string {
  return withToken(process, (token) => {
    const info = tokenInformation(token, TOKEN_USER);
    try {
      // TOKEN_USER starts with SID_AND_ATTRIBUTES { PSID Sid; ... }: the SID lies in the same block.
      const sid = koffi.decode(info.memory, 'void *') as Pointer;
      const out: Out<Pointer> = [null];
      if (!api.ConvertSidToStringSidW(sid, out))
        throw win32Failure('ConvertSidToStringSidW', lastError(), {});
      try {
        return koffi.decode(out[0], 'char16_t', -1) as string;
      } finally {
        localFree(out[0]);
      }
    } finally {
      koffi.free(info.memory);
    }
  });
}

export function processElevated(process: Handle): boolean {
  return withToken(process, (token) => {
    const info = tokenInformation(token, TOKEN_ELEVATION);
    try {
      return copyBytes(info.memory, 4).readUInt32LE(0) !== 0;
    } finally {
      koffi.free(info.memory);
    }
  });
}
