/**
 * One JSON document of the practice PC (the registry, a certificate store, the vault, the
 * machine table). Every process reads it from disk, so consecutive CLI commands see each
 * other's changes; a parsed copy is kept only while the file on disk is the same one (inode,
 * size and change time), which makes repeated reads in one diagnosis cheap.
 *
 * The file is checked once per turn of the event loop: a diagnosis asks for the registry dozens
 * of times in one turn, and another process's change made during that turn could not be told
 * from one made just after it anyway. The next turn checks again.
 *
 * Writes are atomic (temp file, fsync, rename): a crash leaves the old or the new document,
 * never half of one. Damaged documents are reported as `corrupt-data` naming the file and are
 * never rewritten, so nothing a user could still recover is lost.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors';
import { firstProblem } from './document-checks';

interface FileIdentity {
  ino: bigint;
  size: bigint;
  ctimeNs: bigint;
  mtimeNs: bigint;
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.ino === b.ino && a.size === b.size && a.ctimeNs === b.ctimeNs && a.mtimeNs === b.mtimeNs;
}

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** Maps a failed write to the shared error table: a full disk is its own case. */
export function writeError(path: string, error: unknown): AppError {
  const code = errnoCode(error);
  if (code === 'ENOSPC')
    return new AppError('disk-full', `The disk is full writing ${path}`, { path });
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError('access-denied', `Access denied writing ${path}`, { path });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new AppError('io', `Could not write ${path}: ${reason}`, { path });
}

/** Writes `data` to `path` so that readers see the old or the new content, never a mix. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw writeError(path, error);
  }
}

export interface JsonDocumentOptions<T> {
  path: string;
  schema: v.GenericSchema<T>;
  /** Used when the file does not exist; without it a missing file is `corrupt-data`. */
  whenMissing?: () => T;
}

export class JsonDocument<T> {
  private cached: { identity: FileIdentity; value: T } | undefined;
  private checkedThisTurn = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: JsonDocumentOptions<T>) {}

  get path(): string {
    return this.options.path;
  }

  /** The current document. Callers must not modify it; use `update` for changes. */
  async read(): Promise<T> {
    if (this.cached && this.checkedThisTurn) return this.cached.value;
    return this.readFromDisk();
  }

  /** The document as the file holds it now: the cached copy only if the file is the same. */
  private readFromDisk(): T {
    const { path, schema, whenMissing } = this.options;
    // Synchronous stat and read: these documents are small and read many times per diagnosis
    // (the stat tells whether the cached copy still holds), and a thread-pool round trip per
    // call costs more than the call itself, most of all on a busy machine.
    let identity: FileIdentity;
    try {
      const info = statSync(path, { bigint: true });
      identity = { ino: info.ino, size: info.size, ctimeNs: info.ctimeNs, mtimeNs: info.mtimeNs };
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') {
        this.cached = undefined;
        if (whenMissing) return whenMissing();
        throw new AppError('corrupt-data', `The practice PC file ${path} is missing`, { path });
      }
      throw new AppError('io', `Could not read ${path}`, { path });
    }
    if (this.cached && sameFile(this.cached.identity, identity)) {
      this.checked();
      return this.cached.value;
    }

    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new AppError('io', `Could not read ${path}`, { path });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'not JSON';
      throw new AppError(
        'corrupt-data',
        `The practice PC file ${path} is not valid JSON: ${reason}`,
        {
          path,
        },
      );
    }
    const parsed = v.safeParse(schema, raw);
    if (!parsed.success) {
      const { where, message } = firstProblem(parsed.issues);
      throw new AppError(
        'corrupt-data',
        `The practice PC file ${path} has an unexpected shape${where ? ` at ${where}` : ''}: ${message}`,
        { path },
      );
    }
    this.cached = { identity, value: parsed.output };
    this.checked();
    return parsed.output;
  }

  /** Marks the file as checked until this turn of the event loop ends. */
  private checked(): void {
    if (this.checkedThisTurn) return;
    this.checkedThisTurn = true;
    setImmediate(() => {
      this.checkedThisTurn = false;
    });
  }

  /**
   * Reads, lets `change` modify the document in place, and writes it back atomically. Calls are
   * serialised within the process so two concurrent changes cannot lose one another.
   */
  update<R>(change: (document: T) => R | Promise<R>): Promise<R> {
    const run = async (): Promise<R> => {
      // Checked again, however recently: a change is made to what the file holds now.
      const document = this.readFromDisk();
      try {
        const result = await change(document);
        await this.write(document);
        return result;
      } catch (error) {
        // The in-memory copy may be half changed: forget it so the next read uses the file.
        this.cached = undefined;
        throw error;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async write(document: T): Promise<void> {
    await writeFileAtomic(this.options.path, JSON.stringify(document));
    try {
      const info = await stat(this.options.path, { bigint: true });
      this.cached = {
        identity: { ino: info.ino, size: info.size, ctimeNs: info.ctimeNs, mtimeNs: info.mtimeNs },
        value: document,
      };
    } catch {
      this.cached = undefined;
    }
  }
}
