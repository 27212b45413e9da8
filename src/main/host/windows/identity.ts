/**
 * Who the tool runs as: secur32 GetUserNameExW (DOMAIN\user), the token's SID and elevation,
 * and, best effort, the user signed in at the active console session (wtsapi32), so the engine
 * can tell when it runs elevated as someone other than the person at the screen.
 */
import type { Identity, IdentityPort } from '../ports';
import { declare, koffi, lastError, win32Failure, type Pointer } from './ffi';
import { currentProcess, processElevated, processUserSid } from './token';

type Out<T> = [T];

const NAME_SAM_COMPATIBLE = 2;
const WTS_USER_NAME = 5;
const WTS_DOMAIN_NAME = 7;

const api = {
  GetUserNameExW: declare<(format: number, name: Buffer, size: Out<number>) => boolean>(
    'secur32.dll',
    'bool __stdcall GetUserNameExW(int NameFormat, void *lpNameBuffer, _Inout_ uint32_t *nSize)',
  ),
  GetUserNameW: declare<(name: Buffer, size: Out<number>) => boolean>(
    'advapi32.dll',
    'bool __stdcall GetUserNameW(void *lpBuffer, _Inout_ uint32_t *pcbBuffer)',
  ),
};

function userNameEx(): { domain: string; user: string } | undefined {
  try {
    const buffer = Buffer.alloc(1024 * 2);
    const size: Out<number> = [1024];
    if (!api.GetUserNameExW(NAME_SAM_COMPATIBLE, buffer, size)) return undefined;
    const full = buffer.subarray(0, size[0] * 2).toString('utf16le');
    const slash = full.indexOf('\\');
    if (slash < 0) return { domain: '', user: full };
    return { domain: full.slice(0, slash), user: full.slice(slash + 1) };
  } catch {
    return undefined;
  }
}

function userName(): string {
  const buffer = Buffer.alloc(257 * 2);
  const size: Out<number> = [257];
  if (!api.GetUserNameW(buffer, size))
    throw win32Failure('GetUserNameW', lastError(), { target: 'user name' });
  // The count includes the terminating NUL.
  return buffer.subarray(0, Math.max(0, size[0] - 1) * 2).toString('utf16le');
}

function consoleUser(): string | undefined {
  try {
    const activeSession = declare<() => number>(
      'kernel32.dll',
      'uint32_t __stdcall WTSGetActiveConsoleSessionId()',
    );
    const query = declare<
      (
        server: number,
        session: number,
        cls: number,
        out: Out<Pointer>,
        bytes: Out<number>,
      ) => boolean
    >(
      'wtsapi32.dll',
      'bool __stdcall WTSQuerySessionInformationW(intptr_t hServer, uint32_t SessionId, int WTSInfoClass, _Out_ void **ppBuffer, _Out_ uint32_t *pBytesReturned)',
    );
    const free = declare<(memory: Pointer) => void>(
      'wtsapi32.dll',
      'void __stdcall WTSFreeMemory(void *pMemory)',
    );
    const session = activeSession();
    if (session === 0xffffffff) return undefined;
    const read = (cls: number): string | undefined => {
      const out: Out<Pointer> = [null];
      const bytes: Out<number> = [0];
      if (!query(0, session, cls, out, bytes) || !out[0]) return undefined;
      try {
        return koffi.decode(out[0], 'char16_t', -1) as string;
      } finally {
        free(out[0]);
      }
    };
    const user = read(WTS_USER_NAME);
    if (!user) return undefined;
    const domain = read(WTS_DOMAIN_NAME);
    return domain ? `${domain}\\${user}` : user;
  } catch {
    return undefined; // best effort: Terminal Services may be absent
  }
}

export function createIdentity(): IdentityPort {
  return {
    async current(): Promise<Identity> {
      const names = userNameEx() ?? { domain: process.env.USERDOMAIN ?? '', user: userName() };
      const me = currentProcess();
      let elevated = false;
      try {
        elevated = processElevated(me);
      } catch {
        elevated = false; // TokenElevation is unknown before Vista; treat as not elevated
      }
      const identity: Identity = {
        userName: names.user,
        domain: names.domain,
        sid: processUserSid(me),
        elevated,
      };
      const interactive = consoleUser();
      if (interactive) identity.interactiveUserName = interactive;
      return identity;
    },
  };
}
