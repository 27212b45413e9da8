/**
 * The practice PC's file system: real files under `<root>/drive`, reached through the known
 * folders. Nothing outside that folder can be touched through this port (`access-denied`), so
 * a plan made on the practice PC can never reach the real machine's files.
 *
 * Locked files: a running client holds open every file inside the `sip_<address>` folders (in
 * any location) of the address it is signed in with. Removing such a file, or a folder that
 * contains one, throws `file-locked` naming the file and the process, and removes nothing: the
 * check is made before anything is deleted.
 *
 * File contents are read, written and removed with synchronous calls: the files of an endpoint
 * cache are small and many, and one thread-pool round trip per call (four for an asynchronous
 * `readFile`) cost several times the work itself; a 100,000-file cache is read in about a
 * fifth of the time.
 */
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  realpathSync,
  rmSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { windowsUpcase } from '../../../shared/windows-names';
import { AppError } from '../../../shared/errors';
import type { DirectoryEntry, FileEntry, FileSystemPort, KnownFolderId } from '../ports';
import type { JsonDocument } from './json-document';
import { writeError } from './json-document';
import { driveRoot, KNOWN_FOLDER_IDS, knownFolderPath } from './layout';
import { HOST_FLAVOUR, isNormalAbsolute, joinPath } from '../normal-path';
import type { MachineDocument, PracticeProcess } from './machine-state';

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

function entryOf(name: string, info: Stats): FileEntry {
  return {
    name,
    kind: info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other',
    size: info.isFile() ? info.size : 0,
  };
}

function readError(path: string, error: unknown): AppError {
  const code = errnoCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AppError('not-found', `${path} does not exist`, { path });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError('access-denied', `Access denied to ${path}`, { path });
  }
  if (code === 'EISDIR') return new AppError('invalid-request', `${path} is a folder`, { path });
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('io', `Could not read ${path}: ${reason}`, { path });
}

/** Drive-relative, `/`-separated and upper-case: how file versions are keyed. */
export function fileVersionKey(drive: string, path: string): string {
  return windowsUpcase(relative(drive, path).split(sep).join('/'));
}

interface Lock {
  folderName: string;
  process: PracticeProcess;
}

function locksOf(machine: MachineDocument): Lock[] {
  return machine.processes.flatMap((process) => [
    ...(process.signedInAddress !== undefined
      ? [{ folderName: windowsUpcase(`SIP_${process.signedInAddress}`), process }]
      : []),
    ...(process.holds ?? []).map((folder) => ({ folderName: windowsUpcase(folder), process })),
  ]);
}

export function practiceFiles(
  root: string,
  machine: JsonDocument<MachineDocument>,
): FileSystemPort {
  const drive = driveRoot(root);
  const drivePrefix = drive + sep;

  function inside(path: string): string {
    if (typeof path !== 'string' || path === '' || !isAbsolute(path) || path.includes('\u0000')) {
      throw new AppError('invalid-request', `Not an absolute path: ${String(path)}`, {
        path: String(path),
      });
    }
    // A normal path is checked as it is: `resolve` is a character loop that runs cold in every
    // new process, and a diagnosis checks a few dozen paths (measured: ~2 ms of the first
    // diagnosis). practice-pc.test.ts holds the paths that must still be judged as resolved.
    const full = isNormalAbsolute(path, HOST_FLAVOUR) ? path : resolve(path);
    if (full !== drive && !full.startsWith(drivePrefix)) {
      throw new AppError('access-denied', `${path} is outside the practice PC`, { path });
    }
    return full;
  }

  let realDrive: string | undefined;
  /**
   * `inside`, and then by real path: the deepest part of `path` that exists, with every link in
   * it followed, must still be in the drive folder. A symlinked parent (or a link planted as the
   * target itself) cannot lead a delete or a restore outside. Used before every change.
   */
  function confined(path: string): string {
    const full = inside(path);
    realDrive ??= realpathSync.native(drive);
    let probe = full;
    while (!lstatSync(probe, { throwIfNoEntry: false }) && dirname(probe) !== probe) {
      probe = dirname(probe);
    }
    let real: string | undefined;
    try {
      real = realpathSync.native(probe);
    } catch {
      real = undefined; // A link that leads nowhere: nowhere is inside.
    }
    if (real === undefined || (real !== realDrive && !real.startsWith(realDrive + sep))) {
      throw new AppError(
        'access-denied',
        `${path} leads outside the practice PC through a link; nothing was changed there`,
        { path },
      );
    }
    return full;
  }

  /** The first file under `target` that a running client holds open, if any. */
  function lockedFileUnder(
    target: string,
    locks: Lock[],
  ): { path: string; lock: Lock } | undefined {
    const lockOf = (file: string) => {
      const folders = relative(drive, file).split(sep).slice(0, -1);
      for (const folder of folders) {
        const upper = windowsUpcase(folder);
        const lock = locks.find((candidate) => candidate.folderName === upper);
        if (lock) return lock;
      }
      return undefined;
    };
    const pending = [target];
    while (pending.length > 0) {
      const current = pending.pop() as string;
      const info = lstatSync(current, { throwIfNoEntry: false });
      if (!info) continue;
      if (info.isDirectory()) {
        for (const name of readdirSync(current)) pending.push(join(current, name));
      } else {
        const lock = lockOf(current);
        if (lock) return { path: current, lock };
      }
    }
    return undefined;
  }

  /** `file-locked` for the first file under `full` a running client holds open, if any. */
  async function refuseIfLocked(full: string): Promise<void> {
    const locks = locksOf(await machine.read());
    if (locks.length === 0) return;
    const locked = lockedFileUnder(full, locks);
    if (locked) {
      throw new AppError(
        'file-locked',
        `${locked.path} is in use by ${locked.lock.process.name} (process ${locked.lock.process.pid})`,
        { path: locked.path, process: locked.lock.process.name, pid: locked.lock.process.pid },
      );
    }
  }

  return {
    async knownFolder(id: KnownFolderId) {
      return KNOWN_FOLDER_IDS.includes(id) ? knownFolderPath(root, id) : undefined;
    },
    join(...parts) {
      return joinPath(parts, HOST_FLAVOUR);
    },
    async list(dir) {
      const full = inside(dir);
      let names: string[];
      try {
        names = readdirSync(full);
      } catch (error) {
        const code = errnoCode(error);
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw readError(dir, error);
      }
      const entries: FileEntry[] = [];
      // One synchronous lstat per entry: for a folder of 100,000 files this is several times
      // faster than the same calls through the thread pool. Names from readdir hold no
      // separator, so joining by hand is the same as `join` and cheaper.
      const prefix = full.endsWith(sep) ? full : full + sep;
      for (const name of names) {
        // A file removed between readdir and lstat is simply no longer listed.
        const info = lstatSync(prefix + name, { throwIfNoEntry: false });
        if (info) entries.push(entryOf(name, info));
      }
      return entries;
    },
    async listKinds(dir) {
      const full = inside(dir);
      try {
        return readdirSync(full, { withFileTypes: true }).map((entry): DirectoryEntry => ({
          name: entry.name,
          kind: entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other',
        }));
      } catch (error) {
        const code = errnoCode(error);
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw readError(dir, error);
      }
    },
    async stat(path) {
      const full = inside(path);
      try {
        // Synchronous, as for listings: sizing a cache folder stats thousands of small files.
        const info = lstatSync(full, { throwIfNoEntry: false });
        return info && entryOf(basename(full), info);
      } catch (error) {
        const code = errnoCode(error);
        if (code === 'ENOTDIR') return undefined;
        throw readError(path, error);
      }
    },
    async readFile(path) {
      const full = inside(path);
      try {
        return new Uint8Array(readFileSync(full));
      } catch (error) {
        throw readError(path, error);
      }
    },
    async writeFile(path, data) {
      const full = confined(path);
      if (full === drive) throw new AppError('invalid-request', `${path} is a folder`, { path });
      try {
        try {
          writeFileSync(full, data);
        } catch (error) {
          // Parents are made only when missing: a restore writes many files into one folder.
          if (errnoCode(error) !== 'ENOENT') throw error;
          mkdirSync(resolve(full, '..'), { recursive: true });
          writeFileSync(full, data);
        }
      } catch (error) {
        throw writeError(path, error);
      }
    },
    async makeDirectory(path) {
      const full = confined(path);
      try {
        await mkdir(full, { recursive: true });
      } catch (error) {
        throw writeError(path, error);
      }
    },
    async remove(path) {
      const full = confined(path);
      if (full === drive) {
        throw new AppError('access-denied', 'The practice PC drive itself cannot be removed', {
          path,
        });
      }
      await refuseIfLocked(full);
      try {
        rmSync(full, { recursive: true, force: true });
      } catch (error) {
        throw writeError(path, error);
      }
    },
    async move(source, destination) {
      const from = confined(source);
      const to = confined(destination);
      if (from === drive || to === drive) {
        throw new AppError('access-denied', 'The practice PC drive itself cannot be moved', {
          path: source,
        });
      }
      const info = lstatSync(from, { throwIfNoEntry: false });
      if (!info) throw new AppError('not-found', `${source} does not exist`, { path: source });
      const there = lstatSync(to, { throwIfNoEntry: false });
      if (there && (info.isDirectory() || there.isDirectory())) {
        throw new AppError('invalid-request', `${destination} already exists`, {
          path: destination,
        });
      }
      await refuseIfLocked(from);
      try {
        renameSync(from, to);
      } catch (error) {
        if (errnoCode(error) === 'EXDEV') {
          throw new AppError(
            'unsupported',
            `${source} cannot be moved to ${destination} in one step: they are on different volumes`,
            { path: source, destination },
          );
        }
        throw writeError(destination, error);
      }
    },
    async fileVersion(path) {
      const full = inside(path);
      // Synchronous, as every read here: the only asynchronous call of a diagnosis would start
      // Node's thread pool for it.
      let info: Stats;
      try {
        info = lstatSync(full);
      } catch (error) {
        throw readError(path, error);
      }
      if (!info.isFile()) throw new AppError('invalid-request', `${path} is not a file`, { path });
      return (await machine.read()).fileVersions[fileVersionKey(drive, full)];
    },
  };
}
