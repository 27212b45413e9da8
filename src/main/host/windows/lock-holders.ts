/**
 * Which processes hold a file open, asked of the Restart Manager (rstrtmgr.dll), so that a
 * `file-locked` error can say "in use by lync.exe (pid 1234)" instead of only "in use". Best
 * effort on an error path: any failure here answers "unknown" and never replaces the error
 * being reported.
 *
 * Wine 8 implements the Restart Manager as stubs (a fixed session handle, an empty list), so
 * under Wine nothing is ever named; see docs/windows-under-wine.md.
 */
import { declare, koffi } from './ffi';
import { processSnapshot } from './process-list';

type Out<T> = [T];

/** RM_PROCESS_INFO as restartmanager.h lays it out (FILETIME as two DWORDs, 4-byte aligned). */
const RM_PROCESS_INFO = koffi.struct('RM_PROCESS_INFO', {
  dwProcessId: 'uint32_t',
  dwStartTimeLow: 'uint32_t',
  dwStartTimeHigh: 'uint32_t',
  strAppName: koffi.array('char16_t', 256, 'String'),
  strServiceShortName: koffi.array('char16_t', 64, 'String'),
  ApplicationType: 'int32_t',
  AppStatus: 'uint32_t',
  TSSessionId: 'uint32_t',
  bRestartable: 'int32_t',
});

interface RmProcessInfo {
  dwProcessId: number;
  strAppName: string;
  strServiceShortName: string;
}

const DLL = 'rstrtmgr.dll';
const api = {
  RmStartSession: declare<(session: Out<number>, flags: number, key: Buffer) => number>(
    DLL,
    'uint32_t __stdcall RmStartSession(_Out_ uint32_t *pSessionHandle, uint32_t dwSessionFlags, void *strSessionKey)',
  ),
  RmRegisterResources: declare<
    (
      session: number,
      fileCount: number,
      files: string[],
      appCount: number,
      apps: null,
      serviceCount: number,
      services: null,
    ) => number
  >(
    DLL,
    'uint32_t __stdcall RmRegisterResources(uint32_t dwSessionHandle, uint32_t nFiles, str16 *rgsFileNames, uint32_t nApplications, void *rgApplications, uint32_t nServices, void *rgsServiceNames)',
  ),
  RmGetList: declare<
    (
      session: number,
      needed: Out<number>,
      count: Out<number>,
      apps: Buffer | null,
      rebootReasons: Out<number>,
    ) => number
  >(
    DLL,
    'uint32_t __stdcall RmGetList(uint32_t dwSessionHandle, _Out_ uint32_t *pnProcInfoNeeded, _Inout_ uint32_t *pnProcInfo, void *rgAffectedApps, _Out_ uint32_t *lpdwRebootReasons)',
  ),
  RmEndSession: declare<(session: number) => number>(
    DLL,
    'uint32_t __stdcall RmEndSession(uint32_t dwSessionHandle)',
  ),
};

/** Bytes per RM_PROCESS_INFO entry (668 on every Windows: 4-byte alignment throughout). */
export const RM_PROCESS_INFO_SIZE = koffi.sizeof(RM_PROCESS_INFO);

const ERROR_SUCCESS = 0;
const ERROR_MORE_DATA = 234;
/** CCH_RM_SESSION_KEY (32) characters and the terminating NUL. */
const SESSION_KEY_BYTES = (32 + 1) * 2;

export interface LockHolder {
  pid: number;
  /** The image name (e.g. `lync.exe`); the Restart Manager's application name when unknown. */
  name: string;
}

/** What the Restart Manager answered: the raw entries, or the call that failed. */
export type RestartManagerAnswer =
  | { ok: true; entries: Array<{ pid: number; appName: string; serviceName: string }> }
  | { ok: false; failedCall: string; win32Error: number };

/** Asks the Restart Manager which processes have `path` open. Throws only if the DLL is unusable. */
export function askRestartManager(path: string): RestartManagerAnswer {
  const session: Out<number> = [0];
  const started = api.RmStartSession(session, 0, Buffer.alloc(SESSION_KEY_BYTES));
  if (started !== ERROR_SUCCESS)
    return { ok: false, failedCall: 'RmStartSession', win32Error: started };
  try {
    const registered = api.RmRegisterResources(session[0], 1, [path], 0, null, 0, null);
    if (registered !== ERROR_SUCCESS)
      return { ok: false, failedCall: 'RmRegisterResources', win32Error: registered };
    const size = RM_PROCESS_INFO_SIZE;
    const reasons: Out<number> = [0];
    // The list can grow between the two calls; a few rounds settle it.
    for (let room = 4, round = 0; round < 4; round += 1) {
      const needed: Out<number> = [0];
      const count: Out<number> = [room];
      const buffer = Buffer.alloc(room * size);
      const listed = api.RmGetList(session[0], needed, count, buffer, reasons);
      if (listed === ERROR_MORE_DATA) {
        room = Math.max(needed[0], room * 2);
        continue;
      }
      if (listed !== ERROR_SUCCESS)
        return { ok: false, failedCall: 'RmGetList', win32Error: listed };
      const entries = [];
      for (let index = 0; index < Math.min(count[0], room); index += 1) {
        const info = koffi.decode(buffer, index * size, RM_PROCESS_INFO) as RmProcessInfo;
        entries.push({
          pid: info.dwProcessId,
          appName: info.strAppName,
          serviceName: info.strServiceShortName,
        });
      }
      return { ok: true, entries };
    }
    return { ok: false, failedCall: 'RmGetList', win32Error: ERROR_MORE_DATA };
  } finally {
    api.RmEndSession(session[0]);
  }
}

/** Names each entry by its image name from a process snapshot, falling back to RM's name. */
export function nameHolders(entries: Array<{ pid: number; appName: string }>): LockHolder[] {
  if (entries.length === 0) return [];
  let images = new Map<number, string>();
  try {
    images = new Map(processSnapshot().map((entry) => [entry.pid, entry.name]));
  } catch {
    // No snapshot: the Restart Manager's own names are still worth showing.
  }
  return entries.map(({ pid, appName }) => ({
    pid,
    name: images.get(pid)?.toLowerCase() ?? (appName || 'an unnamed process'),
  }));
}

/** The processes holding `path` open; empty when that cannot be known. Never throws. */
export function findLockHolders(path: string): LockHolder[] {
  try {
    const answer = askRestartManager(path);
    return answer.ok ? nameHolders(answer.entries) : [];
  } catch {
    return [];
  }
}

/** "lync.exe (pid 1234)", several joined with commas. */
export function describeHolders(holders: LockHolder[]): string {
  return holders.map((holder) => `${holder.name} (pid ${holder.pid})`).join(', ');
}
