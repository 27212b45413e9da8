/**
 * Deleting a `sip_<address>` folder (and the other folders the repairs clear).
 *
 * Backed up by moving: the folder is renamed into the backup area on the same volume
 * (journal/moved-backup.ts), which is the change and the backup in one step; undo renames it
 * back. What the folder held at the moment of the move is exactly what is kept, including a
 * file the client wrote after the plan was made. The backup itself records only where the
 * folder goes (`folder-move.json`), so backing up costs nothing however many files there are.
 *
 * The journal brackets the move: `apply-start` is on disk before it, `applied` after. A crash
 * in between leaves the folder either in place or in the backup area, never half-moved (a
 * rename is atomic), and restore handles both.
 *
 * Backed up by copying (folder-pack.ts) when the move cannot be made: the folder is on another
 * volume than %LOCALAPPDATA% (a redirected AppData), the move is refused, or the backup has no
 * run to name the area by. A folder with a file in use fails to move as it fails to delete:
 * `file-locked`, retried briefly, naming the file and the process.
 */
import * as z from '../../../shared/model/zod';
import { AppError } from '../../../shared/errors';
import type { FileSystemPort } from '../../host/ports';
import type { BackupReader, BackupWriter } from '../../journal/backup-store';
import { movedLocation, tidyMovedArea, type MovedLocation } from '../../journal/moved-backup';
import type { ActionContext, ActionExecutor } from './executor';
import { PACK_MANIFEST, packFolder, unpackedAsPacked, unpackFolder } from './folder-pack';
import { walkFolder } from './folder-walk';
import { retryWhileLocked } from './locked-retry';

const MOVE_RECORD = 'folder-move.json';
const moveRecordSchema = z.object({ root: z.string(), movedTo: z.string() });

/**
 * Errors after which the folder is still in place and may be packed instead of moved. Not
 * `access-denied`: a move refused for access (or because a link leads the path elsewhere) would
 * make the pack and delete act where the move was not allowed to; the action fails instead.
 */
const MOVE_REFUSALS = new Set(['unsupported', 'invalid-request', 'io']);

/** The backup area for this backup, when it says the folder is to be moved. */
async function moveTarget(
  files: FileSystemPort,
  root: string,
  reader: BackupReader,
): Promise<MovedLocation | undefined> {
  if (!reader.has(MOVE_RECORD)) return undefined;
  const record = moveRecordSchema.safeParse(reader.readDocument(MOVE_RECORD));
  const location = reader.owner && (await movedLocation(files, reader.owner));
  if (
    !record.success ||
    location === undefined ||
    record.data.root !== root ||
    record.data.movedTo !== location.folder
  ) {
    throw new AppError('corrupt-data', `The backup of ${root} does not match its repair.`, {
      path: root,
    });
  }
  return location;
}

/**
 * Puts the moved folder back at `root`. If the client made the folder again since, each moved
 * entry goes back over it (the backup's version wins, as a restore from a pack does) and what
 * the client added stays. Repeatable: a crash half-way is finished by the next restore.
 */
async function moveBack(files: FileSystemPort, moved: string, root: string): Promise<void> {
  if ((await files.stat(moved)) === undefined) return;
  if ((await files.stat(root)) === undefined) {
    await retryWhileLocked(() => files.move(moved, root));
    return;
  }
  for (const entry of await walkFolder(files, moved, { sizes: false })) {
    const to = files.join(root, ...entry.path);
    if (entry.kind === 'directory') await files.makeDirectory(to);
    else await retryWhileLocked(() => files.move(files.join(moved, ...entry.path), to));
  }
  // Only the emptied folders are left.
  await files.remove(moved);
}

export const folderAction: ActionExecutor<'delete-folder'> = {
  undoable: true,

  async check({ host }, target) {
    const entry = await host.files.stat(target.path);
    if (!entry) return 'gone';
    return entry.kind === 'directory' ? 'present' : 'changed';
  },

  async backup(context, target, writer) {
    const location = writer.owner && (await movedLocation(context.host.files, writer.owner));
    if (location === undefined) {
      await packFolder(context, target.path, writer);
      return;
    }
    writer.writeDocument(MOVE_RECORD, { root: target.path, movedTo: location.folder });
  },

  async apply(context, target, writer?: BackupWriter, sealBackup?: () => Promise<void>) {
    const { files } = context.host;
    const location = writer && (await moveTarget(files, target.path, writer.reader()));
    if (location !== undefined) {
      try {
        await files.makeDirectory(location.runFolder);
        await retryWhileLocked(() => files.move(target.path, location.folder));
        return;
      } catch (error) {
        if (!(error instanceof AppError) || !MOVE_REFUSALS.has(error.code)) throw error;
        await tidyMovedArea(files, location);
        // Not moved: the folder is as it was, so it is backed up by copying, then deleted,
        // once the run has sealed the copy (a crash in between leaves a backup it can read).
        await packFolder(context, target.path, writer as BackupWriter);
        await sealBackup?.();
      }
    }
    await retryWhileLocked(() => files.remove(target.path));
  },

  async verifyApplied({ host }, target) {
    return (await host.files.stat(target.path)) === undefined;
  },

  async restore(context, target, reader) {
    const { files } = context.host;
    const location = await moveTarget(files, target.path, reader);
    if (location !== undefined) {
      await moveBack(files, location.folder, target.path);
      await tidyMovedArea(files, location);
    }
    if (reader.has(PACK_MANIFEST)) await unpackFolder(context, target.path, reader);
  },

  async verifyRestored(context: ActionContext, target, reader) {
    const { files } = context.host;
    const location = await moveTarget(files, target.path, reader);
    if (location !== undefined && (await files.stat(location.folder)) !== undefined) return false;
    if (reader.has(PACK_MANIFEST)) return unpackedAsPacked(context, target.path, reader);
    return (await files.stat(target.path))?.kind === 'directory';
  },
};
