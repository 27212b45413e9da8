/**
 * A folder backed up by copying: every file's bytes go into the action's pack file with an
 * index of relative paths, sizes and SHA-256 digests; restore writes them back exactly. Used
 * when the folder cannot be moved aside in one step (another volume, a refused move).
 * Files that appeared after the repair (the client rebuilding its cache) are left in place on
 * undo: nothing the backup does not hold is deleted.
 *
 * Files are read and written a few at a time (`forEachBounded`).
 */
import { createHash } from 'node:crypto';
import * as z from '../../../shared/model/zod';
import { AppError } from '../../../shared/errors';
import type { FileSystemPort } from '../../host/ports';
import type { BackupReader, BackupWriter } from '../../journal/backup-store';
import { FILES_IN_FLIGHT, forEachBounded } from './bounded';
import type { ActionContext } from './executor';
import { walkFolder } from './folder-walk';
import { retryWhileLocked } from './locked-retry';

const manifestEntrySchema = z.object({
  path: z.array(z.string()),
  kind: z.enum(['directory', 'file']),
  offset: z.number().optional(),
  size: z.number().optional(),
  sha256: z.string().optional(),
});
const manifestSchema = z.object({ root: z.string(), entries: z.array(manifestEntrySchema) });
type Manifest = z.infer<typeof manifestSchema>;
type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/** The pack's index: its presence says the folder was backed up by copying. */
export const PACK_MANIFEST = 'folder.json';
const PACK = 'files.pack';
const PROGRESS_EVERY = 500;

function digest(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function readManifest(reader: BackupReader): Manifest {
  const parsed = manifestSchema.safeParse(reader.readDocument(PACK_MANIFEST));
  if (!parsed.success) throw new AppError('corrupt-data', 'The folder backup index is damaged.');
  return parsed.data;
}

/** Sizes of the files now in each folder the backup holds files for (absent folders: empty). */
async function currentSizes(
  files: FileSystemPort,
  root: string,
  entries: ManifestEntry[],
): Promise<Map<string, Map<string, number>>> {
  const folders = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    if (entry.kind !== 'file') continue;
    const key = entry.path.slice(0, -1).join('\u0000');
    if (folders.has(key)) continue;
    const listing = await files.list(files.join(root, ...entry.path.slice(0, -1)));
    const sizes = new Map<string, number>();
    for (const each of listing ?? []) if (each.kind === 'file') sizes.set(each.name, each.size);
    folders.set(key, sizes);
  }
  return folders;
}

export async function packFolder(
  { host, progress }: ActionContext,
  root: string,
  writer: BackupWriter,
): Promise<void> {
  const pack = writer.openPack(PACK);
  let manifest: Manifest;
  try {
    // Sizes come with each file's bytes: the walk needs only the entries' kinds.
    const found = await walkFolder(host.files, root, { sizes: false });
    const entries: ManifestEntry[] = found.map(({ path, kind }) => {
      if (kind === 'other') {
        const where = host.files.join(root, ...path);
        throw new AppError(
          'backup-failed',
          `${where} is neither a file nor a folder, so it cannot be backed up; nothing was changed.`,
          { path: where },
        );
      }
      return { path, kind };
    });
    manifest = { root, entries };
    let files = 0;
    await forEachBounded(
      entries.filter((entry) => entry.kind === 'file'),
      FILES_IN_FLIGHT,
      async (entry) => {
        const data = await retryWhileLocked(() =>
          host.files.readFile(host.files.join(root, ...entry.path)),
        );
        Object.assign(entry, pack.append(data), { sha256: digest(data) });
        files += 1;
        if (files % PROGRESS_EVERY === 0) {
          progress({ message: `Backing up ${root}`, done: files });
        }
      },
    );
    pack.finish();
  } catch (error) {
    pack.abandon();
    throw error instanceof AppError && error.code !== 'backup-failed'
      ? new AppError('backup-failed', `Could not back up ${root}: ${error.message}`, {
          ...error.details,
          path: typeof error.details.path === 'string' ? error.details.path : root,
        })
      : error;
  }
  writer.writeDocument(PACK_MANIFEST, manifest);
}

export async function unpackFolder(
  { host, progress }: ActionContext,
  root: string,
  reader: BackupReader,
): Promise<void> {
  const manifest = readManifest(reader);
  const pack = reader.openPack(PACK);
  try {
    const present = await currentSizes(host.files, root, manifest.entries);
    await host.files.makeDirectory(root);
    // Folders first, parents before children (the index's order), so files can go in any order.
    for (const entry of manifest.entries) {
      if (entry.kind === 'directory') {
        await host.files.makeDirectory(host.files.join(root, ...entry.path));
      }
    }
    const files = manifest.entries.filter((entry) => entry.kind === 'file');
    const total = files.length;
    let done = 0;
    await forEachBounded(files, FILES_IN_FLIGHT, async (entry) => {
      const path = host.files.join(root, ...entry.path);
      const data = pack.read({ offset: entry.offset ?? 0, size: entry.size ?? 0 });
      if (entry.sha256 !== undefined && digest(data) !== entry.sha256) {
        throw new AppError('corrupt-data', `The backup of ${path} is damaged.`, { path });
      }
      // A file that survived a failed delete is still the original; rewriting it could hit
      // the lock that made the delete fail.
      const size = present
        .get(entry.path.slice(0, -1).join('\u0000'))
        ?.get(entry.path[entry.path.length - 1] ?? '');
      if (size !== data.byteLength || digest(await host.files.readFile(path)) !== entry.sha256) {
        await retryWhileLocked(() => host.files.writeFile(path, data));
      }
      done += 1;
      if (done % PROGRESS_EVERY === 0) {
        progress({ message: `Restoring ${root}`, done, total });
      }
    });
  } finally {
    pack.close();
  }
}

/** Every folder and file the pack holds is back, each file with its size. */
export async function unpackedAsPacked(
  { host }: ActionContext,
  root: string,
  reader: BackupReader,
): Promise<boolean> {
  const manifest = readManifest(reader);
  const sizes = new Map<string, number>();
  for (const { path, kind, size } of await walkFolder(host.files, root, { sizes: true })) {
    sizes.set(path.join('\u0000'), kind === 'directory' ? -1 : size);
  }
  return manifest.entries.every((entry) => {
    const size = sizes.get(entry.path.join('\u0000'));
    return entry.kind === 'directory' ? size === -1 : size === entry.size;
  });
}
