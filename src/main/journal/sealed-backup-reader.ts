/**
 * A backup reader that hands out only what the run itself wrote: each file must have the
 * SHA-256 the journal recorded when the backup was made (the journal line is MACed, so the
 * digest cannot be planted), and each document passes the engine's check (backup index paths
 * with `..`, separators, empty or absolute parts are refused there). Anything else is
 * `corrupt-data` and nothing is restored from it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { BackupReader, type BackupOwner, type PackSlice } from './backup-store';

/** Throws when a document read from a backup is not one a backup of this kind could hold. */
export type BackupDocumentCheck = (name: string, document: unknown) => void;

export class SealedBackupReader extends BackupReader {
  constructor(
    dir: string,
    private readonly digests: Record<string, string> | undefined,
    private readonly checkDocument: BackupDocumentCheck,
    owner?: BackupOwner,
  ) {
    super(dir, owner);
  }

  /**
   * Only files the journal recorded are part of the backup: one written and not yet sealed (a
   * crash before the run recorded it) is not there for a restore.
   */
  override has(name: string): boolean {
    return this.digests?.[name] !== undefined && super.has(name);
  }

  /** Checks the bytes it returns, so the file cannot change between the check and the use. */
  private verifiedBytes(name: string): Uint8Array | undefined {
    const expected = this.digests?.[name];
    const path = join(this.dir, name);
    let bytes: Uint8Array | undefined;
    try {
      bytes = readFileSync(path);
    } catch {
      bytes = undefined;
    }
    const actual = bytes ? createHash('sha256').update(bytes).digest('hex') : undefined;
    if (expected === undefined || actual !== expected) {
      throw new AppError(
        'corrupt-data',
        expected === undefined
          ? `The backup file ${path} was not recorded when the backup was made; it is not used.`
          : `The backup file ${path} changed since the backup was made; it is not used.`,
        { path },
      );
    }
    return bytes;
  }

  override readDocument(name: string): unknown {
    const bytes = this.verifiedBytes(name) ?? new Uint8Array();
    let document: unknown;
    try {
      document = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
    } catch {
      throw new AppError('corrupt-data', `The backup file ${join(this.dir, name)} is damaged.`);
    }
    this.checkDocument(name, document);
    return document;
  }

  override readBlob(name: string): Uint8Array {
    return this.verifiedBytes(name) ?? new Uint8Array();
  }

  /**
   * Checks every file the journal recorded, before anything is changed on its strength: each
   * is there with its digest, and each document (`.json`) passes the document check.
   */
  verifyAll(): void {
    for (const name of Object.keys(this.digests ?? {})) {
      if (name.endsWith('.json')) this.readDocument(name);
      else this.verifiedBytes(name);
    }
  }

  /** The pack as a whole is checked first; each slice is checked again by its index digest. */
  override openPack(name: string): { read(slice: PackSlice): Uint8Array; close(): void } {
    this.verifiedBytes(name);
    return super.openPack(name);
  }
}
