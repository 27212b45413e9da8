/**
 * Backups of one action, kept in the engine's data folder (never in the user's profile).
 * Documents are JSON; file contents go into one pack file per action so that a folder of
 * 100,000 cache files costs one fsync, not 100,000. Every write is fsynced before the engine
 * records the backup as done. Any failure is `backup-failed`, raised before anything changes.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import {
  dataFolderError,
  ensureDirectory,
  syncDirectory,
  writeAllSync,
  writeFileAtomic,
} from './durable-fs';

/** The run and action a backup belongs to: what names its moved folder (moved-backup.ts). */
export interface BackupOwner {
  runId: string;
  actionId: string;
}

export interface PackSlice {
  offset: number;
  size: number;
}

/** Small files are gathered into writes of about this size: one system call per batch. */
const PACK_BATCH_BYTES = 1 << 20;

export class PackWriter {
  private size = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly fd: number,
    readonly path: string,
  ) {}

  /** Where `data` will be in the pack; it is on disk once `finish` returns. */
  append(data: Uint8Array): PackSlice {
    const slice = { offset: this.size, size: data.byteLength };
    this.size += data.byteLength;
    this.pending.push(data);
    this.pendingBytes += data.byteLength;
    if (this.pendingBytes >= PACK_BATCH_BYTES) this.flush();
    return slice;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    try {
      writeAllSync(this.fd, batch);
    } catch (error) {
      throw dataFolderError('backup-failed', 'back up file contents', this.path, error);
    }
  }

  finish(): void {
    try {
      this.flush();
      fsyncSync(this.fd);
    } catch (error) {
      throw dataFolderError('backup-failed', 'back up file contents', this.path, error);
    } finally {
      closeSync(this.fd);
    }
  }

  abandon(): void {
    this.pending = [];
    try {
      closeSync(this.fd);
    } catch {
      // Already closed or never usable; the backup is discarded either way.
    }
  }
}

export class BackupWriter {
  constructor(
    readonly dir: string,
    readonly owner?: BackupOwner,
  ) {}

  /** What has been written so far, read back (a step may choose how to change by its backup). */
  reader(): BackupReader {
    return new BackupReader(this.dir, this.owner);
  }

  private prepare(): void {
    try {
      ensureDirectory(this.dir);
    } catch (error) {
      throw dataFolderError('backup-failed', 'create the backup folder', this.dir, error);
    }
  }

  writeDocument(name: string, value: unknown): void {
    this.prepare();
    const path = join(this.dir, name);
    try {
      writeFileAtomic(path, `${JSON.stringify(value)}\n`);
    } catch (error) {
      throw dataFolderError('backup-failed', 'write a backup', path, error);
    }
  }

  writeBlob(name: string, data: Uint8Array): void {
    this.prepare();
    const path = join(this.dir, name);
    try {
      writeFileAtomic(path, data);
    } catch (error) {
      throw dataFolderError('backup-failed', 'write a backup', path, error);
    }
  }

  openPack(name: string): PackWriter {
    this.prepare();
    const path = join(this.dir, name);
    try {
      const fd = openSync(path, 'w');
      syncDirectory(this.dir);
      return new PackWriter(fd, path);
    } catch (error) {
      throw dataFolderError('backup-failed', 'create a backup', path, error);
    }
  }
}

export class BackupReader {
  constructor(
    readonly dir: string,
    readonly owner?: BackupOwner,
  ) {}

  /** Whether the backup holds a document or pack of this name. */
  has(name: string): boolean {
    return existsSync(join(this.dir, name));
  }

  readDocument(name: string): unknown {
    const path = join(this.dir, name);
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (error) {
      throw dataFolderError('corrupt-data', 'read the backup', path, error);
    }
  }

  readBlob(name: string): Uint8Array {
    const path = join(this.dir, name);
    try {
      return new Uint8Array(readFileSync(path));
    } catch (error) {
      throw dataFolderError('corrupt-data', 'read the backup', path, error);
    }
  }

  /** Reads slices of a pack file; call `close` when done. */
  openPack(name: string): { read(slice: PackSlice): Uint8Array; close(): void } {
    const path = join(this.dir, name);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw dataFolderError('corrupt-data', 'read the backup', path, error);
    }
    return {
      read(slice) {
        const buffer = Buffer.alloc(slice.size);
        let done = 0;
        while (done < slice.size) {
          const got = readSync(fd, buffer, done, slice.size - done, slice.offset + done);
          if (got === 0) {
            throw dataFolderError(
              'corrupt-data',
              'read the backup',
              path,
              new Error('the backup file is shorter than its index says'),
            );
          }
          done += got;
        }
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      },
      close() {
        closeSync(fd);
      },
    };
  }
}
