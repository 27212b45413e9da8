/**
 * Files through Node's fs, known folders through shell32 SHGetKnownFolderPath and file versions
 * through version.dll; `stat` and `listKinds`, which a diagnosis makes dozens of, through
 * kernel32 on the calling thread (file-info.ts). Paths longer than MAX_PATH get the `\\?\` prefix so deep endpoint-cache
 * trees can still be read and removed.
 */
import { promises as fs, type Stats } from 'node:fs';
import { win32 as path } from 'node:path';
import type { DirectoryEntry, FileEntry, FileSystemPort, KnownFolderId } from '../ports';
import { AppError } from '../../../shared/errors';
import { declare, koffi, lastError, type Pointer } from './ffi';
import { ASK_NODE, fileEntryOf, folderEntriesOf } from './file-info';
import { joinPath } from '../normal-path';
import { moveEntry } from './file-move';
import { describeHolders, findLockHolders, type LockHolder } from './lock-holders';

type Out<T> = [T];

// Registered by name: the prototypes below refer to `GUID`.
koffi.struct('GUID', {
  Data1: 'uint32_t',
  Data2: 'uint16_t',
  Data3: 'uint16_t',
  Data4: koffi.array('uint8_t', 8),
});

interface Guid {
  Data1: number;
  Data2: number;
  Data3: number;
  Data4: number[];
}

const VS_FIXEDFILEINFO = koffi.struct('VS_FIXEDFILEINFO', {
  dwSignature: 'uint32_t',
  dwStrucVersion: 'uint32_t',
  dwFileVersionMS: 'uint32_t',
  dwFileVersionLS: 'uint32_t',
  dwProductVersionMS: 'uint32_t',
  dwProductVersionLS: 'uint32_t',
  dwFileFlagsMask: 'uint32_t',
  dwFileFlags: 'uint32_t',
  dwFileOS: 'uint32_t',
  dwFileType: 'uint32_t',
  dwFileSubtype: 'uint32_t',
  dwFileDateMS: 'uint32_t',
  dwFileDateLS: 'uint32_t',
});

const api = {
  SHGetKnownFolderPath: declare<
    (id: Guid, flags: number, token: null, out: Out<Pointer>) => number
  >(
    'shell32.dll',
    'int32_t __stdcall SHGetKnownFolderPath(const GUID *rfid, uint32_t dwFlags, void *hToken, _Out_ void **ppszPath)',
  ),
  CoTaskMemFree: declare<(memory: Pointer) => void>(
    'ole32.dll',
    'void __stdcall CoTaskMemFree(void *pv)',
  ),
  GetFileVersionInfoSizeW: declare<(file: string, handle: Out<number>) => number>(
    'version.dll',
    'uint32_t __stdcall GetFileVersionInfoSizeW(str16 lptstrFilename, _Out_ uint32_t *lpdwHandle)',
  ),
  GetFileVersionInfoW: declare<
    (file: string, handle: number, size: number, data: Buffer) => boolean
  >(
    'version.dll',
    'bool __stdcall GetFileVersionInfoW(str16 lptstrFilename, uint32_t dwHandle, uint32_t dwLen, void *lpData)',
  ),
  VerQueryValueW: declare<
    (block: Buffer, sub: string, out: Out<Pointer>, length: Out<number>) => boolean
  >(
    'version.dll',
    'bool __stdcall VerQueryValueW(const void *pBlock, str16 lpSubBlock, _Out_ void **lplpBuffer, _Out_ uint32_t *puLen)',
  ),
};

function guid(text: string): Guid {
  const hex = text.replace(/-/g, '');
  return {
    Data1: parseInt(hex.slice(0, 8), 16),
    Data2: parseInt(hex.slice(8, 12), 16),
    Data3: parseInt(hex.slice(12, 16), 16),
    Data4: [...Buffer.from(hex.slice(16), 'hex')],
  };
}

const KNOWN_FOLDERS: Record<KnownFolderId, string> = {
  LocalAppData: 'F1B32785-6FBA-4FCF-9D55-7B8E7F157091',
  RoamingAppData: '3EB685DB-65F9-4CF6-A03A-E3EF65729F3D',
  Profile: '5E6C858F-0E22-4760-9AFE-EA3317B67173',
  ProgramFiles: '905E63B6-C1BF-494E-B29C-65B732D3D21A',
  ProgramFilesX86: '7C5A40EF-A0FB-4BFC-874A-C0F2E0B9FA8E',
};

const MAX_PATH = 260;
/** `lstat` calls a listing keeps in flight: the thread pool works on several at once. */
const STATS_IN_FLIGHT = 16;

/** The form fs should be given: `\\?\` (or `\\?\UNC\`) once the path is too long for Win32. */
export function longPath(p: string): string {
  if (p.length < MAX_PATH - 12 || p.startsWith('\\\\?\\')) return p;
  return path.toNamespacedPath(path.resolve(p));
}

function entry(name: string, stats: Stats): FileEntry {
  return {
    name,
    kind: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : 'other',
    size: stats.isFile() ? stats.size : 0,
  };
}

const byName = (a: DirectoryEntry, b: DirectoryEntry): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * `file-locked` for `path`, naming the processes that hold it where the Restart Manager can
 * tell (`details.process` is the first one's image name and `details.pid` its id, as on the
 * practice PC). `holders` is looked up when not given.
 */
export function lockedFileError(
  action: string,
  path: string,
  holders: LockHolder[] = findLockHolders(path),
): AppError {
  const first = holders[0];
  if (!first) {
    return new AppError(
      'file-locked',
      `Cannot ${action} ${path}: it is in use by another program`,
      {
        path,
      },
    );
  }
  return new AppError(
    'file-locked',
    `Cannot ${action} ${path}: it is in use by ${describeHolders(holders)}`,
    { path, process: first.name, pid: first.pid },
  );
}

/** Turns an fs error into a AppError naming the path; locked files get `file-locked`. */
function failure(error: unknown, action: string, target: string): AppError {
  const errno = error as NodeJS.ErrnoException;
  const failedPath = errno.path ?? target;
  switch (errno.code) {
    case 'EBUSY':
      return lockedFileError(action, failedPath);
    case 'EPERM':
      // Windows reports a file opened without delete sharing as EPERM when deleting.
      if (action === 'delete') return lockedFileError(action, failedPath);
      return new AppError('access-denied', `Cannot ${action} ${failedPath}: ${errno.message}`, {
        path: failedPath,
      });
    case 'EACCES':
      return new AppError('access-denied', `Cannot ${action} ${failedPath}: access denied`, {
        path: failedPath,
      });
    case 'ENOSPC':
      return new AppError('disk-full', `Cannot ${action} ${failedPath}: the disk is full`, {
        path: failedPath,
      });
    case 'ENOENT':
      return new AppError('not-found', `Cannot ${action} ${failedPath}: it does not exist`, {
        path: failedPath,
      });
    default:
      return new AppError(
        'io',
        `Cannot ${action} ${failedPath}: ${errno.message ?? String(error)}`,
        { path: failedPath },
      );
  }
}

/**
 * Version resources are a few kilobytes; one kept buffer this large takes most in one call. Each
 * call maps the whole file (under Wine about 1.3 ms), so the size is asked first only when the
 * resource says it is larger.
 */
const versionBlock = Buffer.alloc(16 * 1024);

/** The file's version resource, whole, or `undefined` when it has none. */
function versionResource(file: string): Buffer | undefined {
  if (api.GetFileVersionInfoW(file, 0, versionBlock.length, versionBlock)) {
    // VS_VERSIONINFO starts with its own length: the buffer holds it all when it fits.
    const length = versionBlock.readUInt16LE(0);
    if (length <= versionBlock.length) return versionBlock;
  }
  const handle: Out<number> = [0];
  const size = api.GetFileVersionInfoSizeW(file, handle);
  if (size === 0) return undefined;
  const block = Buffer.alloc(size);
  if (!api.GetFileVersionInfoW(file, 0, size, block)) return undefined;
  return block;
}

function readVersion(file: string): string | undefined {
  const block = versionResource(file);
  if (!block) return undefined;
  const info: Out<Pointer> = [null];
  const length: Out<number> = [0];
  if (!api.VerQueryValueW(block, '\\', info, length) || length[0] < koffi.sizeof(VS_FIXEDFILEINFO))
    return undefined;
  const fixed = koffi.decode(info[0], VS_FIXEDFILEINFO) as Record<string, number>;
  if (fixed.dwSignature !== 0xfeef04bd) return undefined;
  const ms = fixed.dwFileVersionMS ?? 0;
  const ls = fixed.dwFileVersionLS ?? 0;
  return `${ms >>> 16}.${ms & 0xffff}.${ls >>> 16}.${ls & 0xffff}`;
}

export function createFileSystem(): FileSystemPort {
  return {
    async knownFolder(id) {
      const out: Out<Pointer> = [null];
      const result = api.SHGetKnownFolderPath(guid(KNOWN_FOLDERS[id]), 0, null, out);
      try {
        if (result !== 0 || !out[0]) return undefined;
        return koffi.decode(out[0], 'char16_t', -1) as string;
      } finally {
        api.CoTaskMemFree(out[0]);
      }
    },
    join(...parts) {
      return joinPath(parts, 'win32');
    },
    async list(dir) {
      let names: string[];
      try {
        names = (await fs.readdir(longPath(dir))).sort();
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failure(error, 'list', dir);
      }
      const found: Array<FileEntry | undefined> = new Array<FileEntry | undefined>(names.length);
      let next = 0;
      const lane = async () => {
        while (next < names.length) {
          const index = next++;
          const name = names[index] as string;
          try {
            found[index] = entry(name, await fs.lstat(longPath(path.join(dir, name))));
          } catch (error) {
            // An entry removed since the listing is simply no longer listed.
            if (!isMissing(error)) throw failure(error, 'read', path.join(dir, name));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(STATS_IN_FLIGHT, names.length) }, lane));
      return found.filter((each): each is FileEntry => each !== undefined);
    },
    async listKinds(dir) {
      const listed = folderEntriesOf(longPath(dir));
      if (listed !== ASK_NODE) return listed?.sort(byName);
      try {
        // On Windows the listing (FindNextFile) carries each entry's attributes: no call per entry.
        const entries = await fs.readdir(longPath(dir), { withFileTypes: true });
        return entries
          .map((each): DirectoryEntry => ({
            name: each.name,
            kind: each.isFile() ? 'file' : each.isDirectory() ? 'directory' : 'other',
          }))
          .sort(byName);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failure(error, 'list', dir);
      }
    },
    async stat(file) {
      const attributes = fileEntryOf(longPath(file), path.basename(file));
      if (attributes !== ASK_NODE) return attributes;
      try {
        return entry(path.basename(file), await fs.lstat(longPath(file)));
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw failure(error, 'read', file);
      }
    },
    async readFile(file) {
      try {
        return new Uint8Array(await fs.readFile(longPath(file)));
      } catch (error) {
        throw failure(error, 'read', file);
      }
    },
    async writeFile(file, data) {
      try {
        await fs.mkdir(longPath(path.dirname(file)), { recursive: true });
        await fs.writeFile(longPath(file), data);
      } catch (error) {
        throw failure(error, 'write', file);
      }
    },
    async makeDirectory(dir) {
      try {
        await fs.mkdir(longPath(dir), { recursive: true });
      } catch (error) {
        throw failure(error, 'create', dir);
      }
    },
    async remove(target) {
      try {
        await fs.rm(longPath(target), {
          recursive: true,
          force: true,
          maxRetries: 2,
          retryDelay: 50,
        });
      } catch (error) {
        throw failure(error, 'delete', target);
      }
    },
    async move(source, destination) {
      let info: Stats;
      try {
        info = await fs.lstat(longPath(source));
      } catch (error) {
        throw failure(error, 'move', source);
      }
      moveEntry(
        source,
        destination,
        longPath,
        (inUse) => lockedFileError('move', inUse),
        info.isDirectory(),
      );
    },
    async fileVersion(file) {
      const version = readVersion(longPath(file));
      if (version === undefined && lastError() === 5) {
        throw new AppError('access-denied', `Cannot read the version of ${file}: access denied`, {
          path: file,
        });
      }
      return version;
    },
  };
}
