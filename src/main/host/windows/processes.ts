/**
 * Client processes through kernel32/user32: the system's process list to find them (ntdll, see
 * process-list.ts), the token's user
 * SID to tell whether they belong to the current user (others are never touched), WM_CLOSE to
 * their top-level windows to ask politely, and TerminateProcess only when the user asked.
 */
import { spawn } from 'node:child_process';
import type { ProcessInfo, ProcessPort } from '../ports';
import { AppError } from '../../../shared/errors';
import {
  closeHandle,
  declare,
  koffi,
  lastError,
  win32Failure,
  type Handle,
  type Pointer,
} from './ffi';
import {
  PROCESS_QUERY_LIMITED_INFORMATION,
  currentProcess,
  openProcess,
  processUserSid,
} from './token';
import { processSnapshot } from './process-list';

type Out<T> = [T];

const EnumWindowsProc = koffi.proto('bool __stdcall EnumWindowsProc(void *hwnd, intptr_t lParam)');

const api = {
  QueryFullProcessImageNameW: declare<
    (process: Handle, flags: number, name: Buffer, size: Out<number>) => boolean
  >(
    'kernel32.dll',
    'bool __stdcall QueryFullProcessImageNameW(intptr_t hProcess, uint32_t dwFlags, void *lpExeName, _Inout_ uint32_t *lpdwSize)',
  ),
  WaitForSingleObject: declare<(handle: Handle, ms: number) => number>(
    'kernel32.dll',
    'uint32_t __stdcall WaitForSingleObject(intptr_t hHandle, uint32_t dwMilliseconds)',
  ),
  TerminateProcess: declare<(process: Handle, code: number) => boolean>(
    'kernel32.dll',
    'bool __stdcall TerminateProcess(intptr_t hProcess, uint32_t uExitCode)',
  ),
  EnumWindows: declare<(callback: unknown, lParam: number) => boolean>(
    'user32.dll',
    'bool __stdcall EnumWindows(EnumWindowsProc *lpEnumFunc, intptr_t lParam)',
  ),
  GetWindowThreadProcessId: declare<(hwnd: Pointer, pid: Out<number>) => number>(
    'user32.dll',
    'uint32_t __stdcall GetWindowThreadProcessId(void *hWnd, _Out_ uint32_t *lpdwProcessId)',
  ),
  GetProcessTimes: declare<
    (
      process: Handle,
      creation: Out<bigint>,
      exit: Out<bigint>,
      kernel: Out<bigint>,
      user: Out<bigint>,
    ) => boolean
  >(
    'kernel32.dll',
    'bool __stdcall GetProcessTimes(intptr_t hProcess, _Out_ uint64_t *lpCreationTime, _Out_ uint64_t *lpExitTime, _Out_ uint64_t *lpKernelTime, _Out_ uint64_t *lpUserTime)',
  ),
  PostMessageW: declare<(hwnd: Pointer, msg: number, wParam: number, lParam: number) => boolean>(
    'user32.dll',
    'bool __stdcall PostMessageW(void *hWnd, uint32_t Msg, uintptr_t wParam, intptr_t lParam)',
  ),
};

const SYNCHRONIZE = 0x00100000;
const PROCESS_TERMINATE = 0x0001;
const WAIT_OBJECT_0 = 0;
const WAIT_TIMEOUT = 0x102;
const WM_CLOSE = 0x0010;

/** FILETIME (100 ns since 1601) of 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116444736000000000n;

/** When process `pid` was created (GetProcessTimes), `undefined` when it cannot be opened. */
export function processStartTime(pid: number): Date | undefined {
  const handle = openProcess(PROCESS_QUERY_LIMITED_INFORMATION, pid);
  if (!handle) return undefined;
  try {
    const creation: Out<bigint> = [0n];
    const ignored: Out<bigint> = [0n];
    if (!api.GetProcessTimes(handle, creation, [0n], ignored, [0n])) return undefined;
    const ticks = BigInt(creation[0]);
    return new Date(Number((ticks - FILETIME_UNIX_EPOCH) / 10000n));
  } finally {
    closeHandle(handle);
  }
}

function describe(pid: number, name: string, mySid: string): ProcessInfo {
  const info: ProcessInfo = { pid, name: name.toLowerCase(), ownedByCurrentUser: false };
  const handle = openProcess(PROCESS_QUERY_LIMITED_INFORMATION, pid);
  if (!handle) return info; // another user's (or a protected) process: not ours to touch
  try {
    const buffer = Buffer.alloc(32_768 * 2);
    const size: Out<number> = [buffer.length / 2];
    if (api.QueryFullProcessImageNameW(handle, 0, buffer, size)) {
      info.path = buffer.subarray(0, size[0] * 2).toString('utf16le');
    }
    try {
      info.ownedByCurrentUser = processUserSid(handle) === mySid;
    } catch {
      info.ownedByCurrentUser = false;
    }
  } finally {
    closeHandle(handle);
  }
  return info;
}

async function ensureOurs(pid: number, action: string): Promise<void> {
  const mySid = processUserSid(currentProcess());
  const entry = processSnapshot().find((candidate) => candidate.pid === pid);
  if (!entry) throw new AppError('not-found', `No process ${pid} to ${action}`, { process: pid });
  if (!describe(entry.pid, entry.name, mySid).ownedByCurrentUser) {
    throw new AppError(
      'access-denied',
      `Process ${pid} (${entry.name}) belongs to another user; it is left alone`,
      {
        process: pid,
      },
    );
  }
}

function wait(handle: Handle, timeoutMs: number): Promise<number> {
  // The blocking wait runs on koffi's worker thread so the event loop stays free.
  return new Promise((resolve, reject) => {
    const fn = api.WaitForSingleObject as unknown as {
      async: (h: Handle, ms: number, done: (error: unknown, result: number) => void) => void;
    };
    fn.async(handle, Math.max(0, Math.min(timeoutMs, 0xfffffffe)), (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

export function createProcesses(): ProcessPort {
  return {
    startTime: processStartTime,
    async find(names) {
      const wanted = new Set(names.map((name) => name.toLowerCase()));
      const matches = processSnapshot().filter((entry) => wanted.has(entry.name.toLowerCase()));
      if (matches.length === 0) return [];
      const mySid = processUserSid(currentProcess());
      return matches.map((entry) => describe(entry.pid, entry.name, mySid));
    },
    async requestClose(pid) {
      await ensureOurs(pid, 'close');
      const windows: Pointer[] = [];
      const callback = koffi.register((hwnd: Pointer) => {
        const owner: Out<number> = [0];
        api.GetWindowThreadProcessId(hwnd, owner);
        if (owner[0] === pid) windows.push(hwnd);
        return true;
      }, koffi.pointer(EnumWindowsProc));
      try {
        api.EnumWindows(callback, 0);
      } finally {
        koffi.unregister(callback);
      }
      for (const hwnd of windows) api.PostMessageW(hwnd, WM_CLOSE, 0, 0);
    },
    async waitForExit(pid, timeoutMs) {
      const handle = openProcess(SYNCHRONIZE, pid);
      if (!handle) {
        const error = lastError();
        // ERROR_INVALID_PARAMETER: no such process any more, so it has exited.
        if (error === 87) return true;
        throw win32Failure('OpenProcess', error, { process: pid });
      }
      try {
        const result = await wait(handle, timeoutMs);
        if (result === WAIT_OBJECT_0) return true;
        if (result === WAIT_TIMEOUT) return false;
        throw win32Failure('WaitForSingleObject', lastError(), { process: pid });
      } finally {
        closeHandle(handle);
      }
    },
    async terminate(pid) {
      await ensureOurs(pid, 'end');
      const handle = openProcess(PROCESS_TERMINATE, pid);
      if (!handle) throw win32Failure('OpenProcess', lastError(), { process: pid });
      try {
        if (!api.TerminateProcess(handle, 1))
          throw win32Failure('TerminateProcess', lastError(), { process: pid });
      } finally {
        closeHandle(handle);
      }
    },
    async launch(path, args = []) {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(path, args, { detached: true, stdio: 'ignore', windowsHide: false });
        child.once('error', (error) =>
          reject(new AppError('not-found', `Cannot start ${path}: ${error.message}`, { path })),
        );
        child.once('spawn', () => {
          child.unref();
          resolve();
        });
      });
    },
  };
}
