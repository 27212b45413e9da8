/**
 * Moving a file or folder with MoveFileExW, never with MOVEFILE_COPY_ALLOWED: a move to another
 * volume fails (`unsupported`) instead of turning into a slow copy and delete, so a move is
 * always one step that either happened or did not.
 *
 * A folder with a file another process holds open without delete sharing cannot be renamed
 * (ERROR_ACCESS_DENIED or ERROR_SHARING_VIOLATION). The folder is then searched for that file,
 * by opening each one for DELETE with full sharing as the rename would need, so the error names
 * the file and, through the Restart Manager, the process: the same as a failed delete.
 */
import { readdirSync } from 'node:fs';
import { win32 as path } from 'node:path';
import { AppError } from '../../../shared/errors';
import { closeHandle, declare, lastError, WIN32, win32Failure, type Handle } from './ffi';

const MOVEFILE_REPLACE_EXISTING = 0x1;
const ERROR_NOT_SAME_DEVICE = 17;
const ERROR_ALREADY_EXISTS = 183;
const ERROR_FILE_EXISTS = 80;
const DELETE = 0x10000;
const FILE_SHARE_ALL = 0x7;
const OPEN_EXISTING = 3;
const FILE_FLAG_OPEN_REPARSE_POINT = 0x200000;

const api = {
  MoveFileExW: declare<(from: string, to: string, flags: number) => boolean>(
    'kernel32.dll',
    'bool __stdcall MoveFileExW(str16 lpExistingFileName, str16 lpNewFileName, uint32_t dwFlags)',
  ),
  CreateFileW: declare<
    (
      name: string,
      access: number,
      share: number,
      security: null,
      disposition: number,
      flags: number,
      template: null,
    ) => Handle
  >(
    'kernel32.dll',
    'intptr_t __stdcall CreateFileW(str16 lpFileName, uint32_t dwDesiredAccess, uint32_t dwShareMode, void *lpSecurityAttributes, uint32_t dwCreationDisposition, uint32_t dwFlagsAndAttributes, void *hTemplateFile)',
  ),
};

const invalidHandle = (handle: Handle) => handle === -1 || handle === -1n;

/** The first file under `folder` that cannot be opened for DELETE (held open by another). */
function fileInUseUnder(folder: string, toFsPath: (p: string) => string): string | undefined {
  const pending = [folder];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries;
    try {
      entries = readdirSync(toFsPath(dir), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        pending.push(full);
        continue;
      }
      const handle = api.CreateFileW(
        toFsPath(full),
        DELETE,
        FILE_SHARE_ALL,
        null,
        OPEN_EXISTING,
        FILE_FLAG_OPEN_REPARSE_POINT,
        null,
      );
      if (!invalidHandle(handle)) {
        closeHandle(handle);
        continue;
      }
      const error = lastError();
      if (error === WIN32.ERROR_SHARING_VIOLATION || error === WIN32.ERROR_LOCK_VIOLATION) {
        return full;
      }
    }
  }
  return undefined;
}

/**
 * `toFsPath` gives the form Win32 should be handed (`\\?\` for long paths); `locked(path)`
 * builds the `file-locked` error naming who holds `path`.
 */
export function moveEntry(
  source: string,
  destination: string,
  toFsPath: (p: string) => string,
  locked: (path: string) => AppError,
  isFolder: boolean,
): void {
  const flags = isFolder ? 0 : MOVEFILE_REPLACE_EXISTING;
  if (api.MoveFileExW(toFsPath(source), toFsPath(destination), flags)) return;
  const error = lastError();
  switch (error) {
    case ERROR_NOT_SAME_DEVICE:
      throw new AppError(
        'unsupported',
        `${source} cannot be moved to ${destination} in one step: they are on different volumes`,
        { path: source, destination },
      );
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
      throw new AppError('invalid-request', `${destination} already exists`, {
        path: destination,
      });
    case WIN32.ERROR_SHARING_VIOLATION:
    case WIN32.ERROR_LOCK_VIOLATION:
    case WIN32.ERROR_ACCESS_DENIED: {
      if (!isFolder && error !== WIN32.ERROR_ACCESS_DENIED) throw locked(source);
      const inUse = isFolder ? fileInUseUnder(source, toFsPath) : undefined;
      if (inUse !== undefined) throw locked(inUse);
      throw win32Failure('MoveFileExW', error, { path: source, destination });
    }
    default:
      throw win32Failure('MoveFileExW', error, { path: source, destination });
  }
}
