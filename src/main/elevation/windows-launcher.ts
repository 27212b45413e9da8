/**
 * The Windows launcher: ShellExecuteExW with the `runas` verb starts this same executable
 * through the UAC prompt, then the helper process is waited for. ERROR_CANCELLED is the user
 * saying No at the prompt. Loaded only on Windows (koffi's Win32 bindings).
 *
 * ShellExecuteExW returns only once the prompt is answered and the process started, so it is
 * called through koffi's `.async`, on a worker thread: the app's window keeps painting and
 * answering meanwhile (the prompt is not always on the secure desktop). koffi keeps each call's
 * last error for the next call on the main thread, so GetLastError right after it reads this
 * call's error. The prompt is owned by the app's window (`hwnd`). The wait for the helper is a
 * poll so the event loop keeps running.
 */
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../shared/errors';
import { closeHandle, declare, koffi, lastError, type Handle } from '../host/windows/ffi';
import { HELPER_FLAG } from './helper-flag';
import type { ElevatedLauncher, HelperCommand, LaunchOutcome } from './launcher';
import { windowsCommandLine } from './windows-arguments';

const SHELLEXECUTEINFOW = koffi.struct('SHELLEXECUTEINFOW', {
  cbSize: 'uint32_t',
  fMask: 'uint32_t',
  hwnd: 'intptr_t',
  lpVerb: 'str16',
  lpFile: 'str16',
  lpParameters: 'str16',
  lpDirectory: 'str16',
  nShow: 'int',
  hInstApp: 'intptr_t',
  lpIDList: 'void *',
  lpClass: 'str16',
  hkeyClass: 'intptr_t',
  dwHotKey: 'uint32_t',
  hIconOrMonitor: 'intptr_t',
  hProcess: 'intptr_t',
});

interface ShellExecuteInfo {
  cbSize: number;
  fMask: number;
  hwnd: Handle;
  lpVerb: string;
  lpFile: string;
  lpParameters: string;
  lpDirectory: string | null;
  nShow: number;
  hInstApp: Handle;
  lpIDList: null;
  lpClass: string | null;
  hkeyClass: Handle;
  dwHotKey: number;
  hIconOrMonitor: Handle;
  hProcess: Handle;
}

type ShellExecuteExW = ((info: ShellExecuteInfo) => boolean) & {
  async(info: ShellExecuteInfo, done: (error: unknown, ok: boolean) => void): void;
};

const api = {
  ShellExecuteExW: declare<ShellExecuteExW>(
    'shell32.dll',
    'bool __stdcall ShellExecuteExW(_Inout_ SHELLEXECUTEINFOW *pExecInfo)',
  ),
  WaitForSingleObject: declare<(handle: Handle, ms: number) => number>(
    'kernel32.dll',
    'uint32_t __stdcall WaitForSingleObject(intptr_t hHandle, uint32_t dwMilliseconds)',
  ),
  GetExitCodeProcess: declare<(handle: Handle, code: [number]) => boolean>(
    'kernel32.dll',
    'bool __stdcall GetExitCodeProcess(intptr_t hProcess, _Out_ uint32_t *lpExitCode)',
  ),
};

const SEE_MASK_NOCLOSEPROCESS = 0x40;
const SEE_MASK_NOASYNC = 0x100;
const SEE_MASK_FLAG_NO_UI = 0x400;
const SW_HIDE = 0;
const WAIT_OBJECT_0 = 0;
const WAIT_TIMEOUT = 0x102;
const ERROR_CANCELLED = 1223;

export interface WindowsLauncherOptions {
  command: HelperCommand;
  /** `runas` in the product; tests under Wine may use `open` to measure the rest of the path. */
  verb?: 'runas' | 'open';
  /** The window the prompt belongs to (HWND); 0 for none (the command line). */
  ownerWindow?: Handle;
  timeoutMs?: number;
}

const shellExecuteOffThread = promisify(
  (info: ShellExecuteInfo, done: (error: unknown, ok: boolean) => void) =>
    api.ShellExecuteExW.async(info, done),
);

export function windowsLauncher(options: WindowsLauncherOptions): ElevatedLauncher {
  const timeoutMs = options.timeoutMs ?? 120_000;
  return {
    async launch(requestFile): Promise<LaunchOutcome> {
      const info: ShellExecuteInfo = {
        cbSize: koffi.sizeof(SHELLEXECUTEINFOW),
        fMask: SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI,
        hwnd: options.ownerWindow ?? 0,
        lpVerb: options.verb ?? 'runas',
        lpFile: options.command.executable,
        lpParameters: windowsCommandLine([...options.command.args, HELPER_FLAG, requestFile]),
        lpDirectory: null,
        nShow: SW_HIDE,
        hInstApp: 0,
        lpIDList: null,
        lpClass: null,
        hkeyClass: 0,
        dwHotKey: 0,
        hIconOrMonitor: 0,
        hProcess: 0,
      };
      const started = await shellExecuteOffThread(info);
      const error = lastError();
      if (!started) {
        if (error === ERROR_CANCELLED) return { kind: 'cancelled' };
        throw new AppError(
          'internal',
          `The elevated helper could not be started (ShellExecuteExW error ${error}).`,
          { win32: error },
        );
      }
      const process = info.hProcess;
      if (!process) {
        throw new AppError('internal', 'Windows started the elevated helper without a handle.');
      }
      try {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const waited = api.WaitForSingleObject(process, 0);
          if (waited === WAIT_OBJECT_0) break;
          if (waited !== WAIT_TIMEOUT) {
            throw new AppError(
              'internal',
              `Waiting for the elevated helper failed (${lastError()}).`,
            );
          }
          if (Date.now() > deadline) {
            throw new AppError('internal', 'The elevated helper did not finish in time.');
          }
          await sleep(100);
        }
        const code: [number] = [0];
        if (!api.GetExitCodeProcess(process, code)) {
          throw new AppError(
            'internal',
            `The elevated helper's exit code is unknown (${lastError()}).`,
          );
        }
        return { kind: 'exited', exitCode: code[0] };
      } finally {
        closeHandle(process);
      }
    },
  };
}
