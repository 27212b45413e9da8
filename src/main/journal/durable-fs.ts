/**
 * Durable writes for the engine's own data folder (journal, backups, plans, run records).
 * A crash must never leave a half-written record that looks whole: single documents are written
 * to a temporary file, fsynced and renamed; the journal is appended and fsynced line by line.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError, type ErrorCode } from '../../shared/errors';

export function ensureDirectory(path: string): void {
  mkdirSync(path, { recursive: true });
}

/** fsync of a directory makes a rename or a new file in it survive a power cut (POSIX). */
export function syncDirectory(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the metadata itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeAllSync(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.byteLength) {
    offset += writeSync(fd, data, offset, data.byteLength - offset);
  }
}

/** Replaces `path` with `data` so that a reader sees either the old or the new document. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  ensureDirectory(dirname(path));
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeAllSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  syncDirectory(dirname(path));
}

export function errnoOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Turns a Node file-system error on the engine's data folder into a AppError. */
export function dataFolderError(
  code: ErrorCode,
  what: string,
  path: string,
  error: unknown,
): AppError {
  if (error instanceof AppError) return error;
  const errno = errnoOf(error);
  const reason =
    errno === 'ENOSPC'
      ? 'the disk is full'
      : errno === 'EACCES' || errno === 'EPERM'
        ? 'access was denied'
        : error instanceof Error
          ? error.message
          : String(error);
  return new AppError(code, `Could not ${what} in ${path}: ${reason}.`, {
    path,
    reason: errno ?? null,
  });
}
