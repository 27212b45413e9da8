/**
 * A file's entry and a folder's listing straight from kernel32, on the calling thread:
 * GetFileAttributesExW and FindFirstFileExW / FindNextFileW. Node's fs answers the same through
 * its thread pool, and every answer then waits for the pool and the event loop (under Wine about
 * 1.7 ms a `stat`, against 0.01 ms for the attributes; a diagnosis walks dozens of entries one
 * level after another). Each answer is exactly what Node's `lstat` and `readdir` would give;
 * where the attributes alone cannot tell that (a reparse point, a device, an error other than
 * "not there"), the caller asks Node instead (`ASK_NODE`).
 */
import type { DirectoryEntry, FileEntry } from '../ports';
import { declare, lastError, WIN32, type Handle } from './ffi';

/** The answer could differ from Node's: ask Node's fs. */
export const ASK_NODE = Symbol('ask Node');

const api = {
  GetFileAttributesExW: declare<(path: string, level: number, data: Buffer) => boolean>(
    'kernel32.dll',
    'bool __stdcall GetFileAttributesExW(str16 lpFileName, int fInfoLevelId, void *lpFileInformation)',
  ),
  FindFirstFileExW: declare<
    (
      pattern: string,
      level: number,
      data: Buffer,
      search: number,
      filter: null,
      flags: number,
    ) => Handle
  >(
    'kernel32.dll',
    'intptr_t __stdcall FindFirstFileExW(str16 lpFileName, int fInfoLevelId, void *lpFindFileData, int fSearchOp, void *lpSearchFilter, uint32_t dwAdditionalFlags)',
  ),
  FindNextFileW: declare<(find: Handle, data: Buffer) => boolean>(
    'kernel32.dll',
    'bool __stdcall FindNextFileW(intptr_t hFindFile, void *lpFindFileData)',
  ),
  FindClose: declare<(find: Handle) => boolean>(
    'kernel32.dll',
    'bool __stdcall FindClose(intptr_t hFindFile)',
  ),
};

const GET_FILE_EX_INFO_STANDARD = 0;
const FIND_EX_INFO_BASIC = 1;
const FIND_EX_SEARCH_NAME_MATCH = 0;
const FIND_FIRST_EX_LARGE_FETCH = 2;
const INVALID_HANDLE_VALUE = -1;

const FILE_ATTRIBUTE_DIRECTORY = 0x10;
const FILE_ATTRIBUTE_DEVICE = 0x40;
const FILE_ATTRIBUTE_REPARSE_POINT = 0x400;

/**
 * WIN32_FILE_ATTRIBUTE_DATA (36 bytes) and WIN32_FIND_DATAW (592 bytes) share their first 36:
 * attributes, three FILETIMEs, the size's high and low halves. WIN32_FIND_DATAW then has two
 * reserved words and the name (260 UTF-16 units).
 */
const ATTRIBUTES = 0;
const SIZE_HIGH = 28;
const SIZE_LOW = 32;
const FIND_NAME = 44;
const FIND_NAME_UNITS = 260;

// Calls are synchronous, so one buffer of each kind serves every call.
const attributeData = Buffer.alloc(36);
const findData = Buffer.alloc(592);

const isMissingCode = (code: number): boolean =>
  code === WIN32.ERROR_FILE_NOT_FOUND || code === WIN32.ERROR_PATH_NOT_FOUND;

/** Reparse points (links, junctions, cloud placeholders) and devices are Node's to describe. */
const plain = (attributes: number): boolean =>
  (attributes & (FILE_ATTRIBUTE_REPARSE_POINT | FILE_ATTRIBUTE_DEVICE)) === 0;

/** `lstat` of `path`, named `name`: `undefined` when it does not exist. */
export function fileEntryOf(path: string, name: string): FileEntry | undefined | typeof ASK_NODE {
  if (!api.GetFileAttributesExW(path, GET_FILE_EX_INFO_STANDARD, attributeData)) {
    return isMissingCode(lastError()) ? undefined : ASK_NODE;
  }
  const attributes = attributeData.readUInt32LE(ATTRIBUTES);
  if (!plain(attributes)) return ASK_NODE;
  const directory = (attributes & FILE_ATTRIBUTE_DIRECTORY) !== 0;
  return {
    name,
    kind: directory ? 'directory' : 'file',
    size: directory
      ? 0
      : attributeData.readUInt32LE(SIZE_HIGH) * 2 ** 32 + attributeData.readUInt32LE(SIZE_LOW),
  };
}

function foundName(): string {
  let end = FIND_NAME;
  const limit = FIND_NAME + FIND_NAME_UNITS * 2;
  while (end < limit && findData.readUInt16LE(end) !== 0) end += 2;
  return findData.toString('utf16le', FIND_NAME, end);
}

/** libuv's dirent types, from the same attributes the listing carries. */
function kindOf(attributes: number): DirectoryEntry['kind'] {
  if (!plain(attributes)) return 'other';
  return (attributes & FILE_ATTRIBUTE_DIRECTORY) !== 0 ? 'directory' : 'file';
}

/**
 * `readdir(dir, { withFileTypes: true })`, unsorted: `undefined` when the folder does not exist
 * or is not a folder.
 */
export function folderEntriesOf(dir: string): DirectoryEntry[] | undefined | typeof ASK_NODE {
  const pattern = /[\\/]$/.test(dir) ? `${dir}*` : `${dir}\\*`;
  const find = api.FindFirstFileExW(
    pattern,
    FIND_EX_INFO_BASIC,
    findData,
    FIND_EX_SEARCH_NAME_MATCH,
    null,
    FIND_FIRST_EX_LARGE_FETCH,
  );
  if (find === INVALID_HANDLE_VALUE || find === BigInt(INVALID_HANDLE_VALUE)) {
    // The codes vary (a file named as a folder is ERROR_DIRECTORY on Windows, ERROR_INVALID_NAME
    // under Wine): the folder's own entry says whether it is missing or not a folder.
    const self = fileEntryOf(dir, '');
    if (self === undefined || (self !== ASK_NODE && self.kind !== 'directory')) return undefined;
    return ASK_NODE;
  }
  try {
    const entries: DirectoryEntry[] = [];
    do {
      const name = foundName();
      if (name !== '.' && name !== '..')
        entries.push({ name, kind: kindOf(findData.readUInt32LE(ATTRIBUTES)) });
    } while (api.FindNextFileW(find, findData));
    // Anything but the end of the listing leaves it incomplete: Node reports the error.
    return lastError() === WIN32.ERROR_NO_MORE_FILES ? entries : ASK_NODE;
  } finally {
    api.FindClose(find);
  }
}
