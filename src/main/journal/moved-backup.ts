/**
 * The backup area for folders that are backed up by moving them aside instead of copying them.
 *
 *   %LOCALAPPDATA%\SfB Sign-in Repair\moved\<runId>\<actionId>
 *
 * Why there: a move is one rename only on the same volume, and the endpoint caches the repairs
 * clear live under %LOCALAPPDATA% (a cache under a redirected %APPDATA% on another volume
 * cannot be moved and is packed into the data folder as before). The data folder itself is in
 * %APPDATA%, which roams: 100,000 moved cache files must not travel with the profile. The
 * clients and the inventory look for `sip_<address>` folders only in their own folders
 * (inventory/locations.ts); a moved folder is named by its action, under the product's folder.
 *
 * The location is never read back from the data folder: it is computed from the known folder
 * and the run and action ids (each checked against the id pattern), so a planted backup index
 * cannot point a restore or a purge anywhere else. The backup's `folder-move.json` records the
 * location for people reading the run folder, and restore refuses a backup whose record
 * disagrees with it.
 */
import { AppError } from '../../shared/errors';
import { PRODUCT_NAME } from '../host/paths';
import type { FileSystemPort } from '../host/ports';
import type { BackupOwner } from './backup-store';
import { isSafeId } from './engine-store';

const MOVED = 'moved';

export interface MovedLocation {
  /** `%LOCALAPPDATA%\<product>`: removed again when nothing is left in it. */
  productFolder: string;
  /** `...\moved\<runId>`: everything one run moved; a purge deletes it. */
  runFolder: string;
  /** `...\moved\<runId>\<actionId>`: the folder itself, once moved. */
  folder: string;
}

/** Where the run's moved folders are, or `undefined` when there is no %LOCALAPPDATA%. */
export async function movedRunFolder(
  files: FileSystemPort,
  runId: string,
): Promise<{ productFolder: string; runFolder: string } | undefined> {
  if (!isSafeId(runId)) {
    throw new AppError('invalid-request', `"${runId}" is not a run id.`);
  }
  const local = await files.knownFolder('LocalAppData');
  if (local === undefined) return undefined;
  const productFolder = files.join(local, PRODUCT_NAME);
  return { productFolder, runFolder: files.join(productFolder, MOVED, runId) };
}

export async function movedLocation(
  files: FileSystemPort,
  owner: BackupOwner,
): Promise<MovedLocation | undefined> {
  if (!isSafeId(owner.actionId)) {
    throw new AppError('invalid-request', `"${owner.actionId}" is not an action id.`);
  }
  const run = await movedRunFolder(files, owner.runId);
  return run && { ...run, folder: files.join(run.runFolder, owner.actionId) };
}

/** Removes `folder` and then its parents up to `productFolder` while they are empty. */
async function removeEmptyUpTo(files: FileSystemPort, folders: string[]): Promise<void> {
  for (const folder of folders) {
    const left = await files.listKinds(folder);
    if (left !== undefined && left.length > 0) return;
    if (left !== undefined) await files.remove(folder);
  }
}

/** After a moved folder went back (or never left): the area keeps nothing empty behind. */
export async function tidyMovedArea(files: FileSystemPort, location: MovedLocation): Promise<void> {
  await removeEmptyUpTo(files, [
    location.runFolder,
    files.join(location.productFolder, MOVED),
    location.productFolder,
  ]);
}

/** Bytes of the files the run moved aside (0 when it moved nothing). */
export async function movedRunSize(files: FileSystemPort, runId: string): Promise<number> {
  const run = await movedRunFolder(files, runId);
  let total = 0;
  const pending = run ? [run.runFolder] : [];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    for (const entry of (await files.list(dir)) ?? []) {
      if (entry.kind === 'directory') pending.push(files.join(dir, entry.name));
      else total += entry.size;
    }
  }
  return total;
}

/** A purge: everything the run moved aside is deleted. */
export async function removeMovedRun(files: FileSystemPort, runId: string): Promise<void> {
  const run = await movedRunFolder(files, runId);
  if (!run) return;
  await files.remove(run.runFolder);
  await removeEmptyUpTo(files, [files.join(run.productFolder, MOVED), run.productFolder]);
}
