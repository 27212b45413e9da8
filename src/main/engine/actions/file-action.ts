/**
 * Deleting one file (AccountProfiles.dat). Its bytes and digest go into the backup; restore
 * writes them back exactly unless the file already holds them (the client may have written a
 * new one since: that one is replaced only on undo, which is what undo means).
 */
import { createHash } from 'node:crypto';
import * as z from '../../../shared/model/zod';
import { AppError } from '../../../shared/errors';
import type { ActionExecutor } from './executor';
import { retryWhileLocked } from './locked-retry';

const INDEX = 'file.json';
const BYTES = 'file.bin';
const indexSchema = z.object({ path: z.string(), size: z.number(), sha256: z.string() });

function digest(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function readIndex(reader: { readDocument(name: string): unknown }) {
  const parsed = indexSchema.safeParse(reader.readDocument(INDEX));
  if (!parsed.success) throw new AppError('corrupt-data', 'The file backup index is damaged.');
  return parsed.data;
}

export const fileAction: ActionExecutor<'delete-file'> = {
  undoable: true,

  async check({ host }, target) {
    const entry = await host.files.stat(target.path);
    if (!entry) return 'gone';
    return entry.kind === 'file' ? 'present' : 'changed';
  },

  async backup({ host }, target, writer) {
    const data = await retryWhileLocked(() => host.files.readFile(target.path)).catch(
      (error: unknown) => {
        throw error instanceof AppError
          ? new AppError('backup-failed', `Could not back up ${target.path}: ${error.message}`, {
              ...error.details,
              path: target.path,
            })
          : error;
      },
    );
    writer.writeBlob(BYTES, data);
    writer.writeDocument(INDEX, { path: target.path, size: data.byteLength, sha256: digest(data) });
  },

  async apply({ host }, target) {
    await retryWhileLocked(() => host.files.remove(target.path));
  },

  async verifyApplied({ host }, target) {
    return (await host.files.stat(target.path)) === undefined;
  },

  async restore({ host }, target, reader) {
    const index = readIndex(reader);
    const data = reader.readBlob(BYTES);
    if (digest(data) !== index.sha256) {
      throw new AppError('corrupt-data', `The backup of ${target.path} is damaged.`, {
        path: target.path,
      });
    }
    await retryWhileLocked(() => host.files.writeFile(target.path, data));
  },

  async verifyRestored({ host }, target, reader) {
    const index = readIndex(reader);
    const entry = await host.files.stat(target.path);
    if (entry?.kind !== 'file' || entry.size !== index.size) return false;
    return digest(await host.files.readFile(target.path)) === index.sha256;
  },
};
