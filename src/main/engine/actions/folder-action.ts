/**
 * Deleting a `sip_<address>` folder. Every file's bytes go into the action's pack file with an
 * index of relative paths, sizes and SHA-256 digests; restore writes them back exactly.
 * Files that appeared after the repair (the client rebuilding its cache) are left in place on
 * undo: nothing the backup does not hold is deleted.
 *
 * An endpoint cache can hold 100,000 files, so the folder is listed once per sub-folder (never a
 * `stat` per file) and files are read and written a few at a time (`forEachBounded`).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HostError } from '../../host/host-error';
import type { FileSystemPort } from '../../host/ports';
import { FILES_IN_FLIGHT, forEachBounded } from './bounded';
import type { ActionExecutor } from './executor';
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

const MANIFEST = 'folder.json';
const PACK = 'files.pack';
const PROGRESS_EVERY = 500;

function digest(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function readManifest(reader: { readDocument(name: string): unknown }): Manifest {
  const parsed = manifestSchema.safeParse(reader.readDocument(MANIFEST));
  if (!parsed.success) throw new HostError('corrupt-data', 'The folder backup index is damaged.');
  return parsed.data;
}

interface WalkedEntry {
  path: string[];
  kind: 'directory' | 'file';
  size: number;
}

/** Every entry under `root`, parents before their children; one `list` per folder. */
async function walk(files: FileSystemPort, root: string): Promise<WalkedEntry[]> {
  const found: WalkedEntry[] = [];
  const pending: string[][] = [[]];
  while (pending.length > 0) {
    const relative = pending.pop() as string[];
    const listing = await files.list(files.join(root, ...relative));
    for (const entry of listing ?? []) {
      const path = [...relative, entry.name];
      if (entry.kind === 'other') {
        throw new HostError(
          'backup-failed',
          `${files.join(root, ...path)} is neither a file nor a folder, so it cannot be backed up; nothing was changed.`,
          { path: files.join(root, ...path) },
        );
      }
      found.push({ path, kind: entry.kind, size: entry.size });
      if (entry.kind === 'directory') pending.push(path);
    }
  }
  return found;
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

export const folderAction: ActionExecutor<'delete-folder'> = {
  undoable: true,

  async check({ host }, target) {
    const entry = await host.files.stat(target.path);
    if (!entry) return 'gone';
    return entry.kind === 'directory' ? 'present' : 'changed';
  },

  async backup({ host, progress }, target, writer) {
    const pack = writer.openPack(PACK);
    let manifest: Manifest;
    try {
      const found = await walk(host.files, target.path);
      // The index keeps the walk's order (parents first); the pack holds bytes as they arrive.
      const entries: ManifestEntry[] = found.map(({ path, kind }) => ({ path, kind }));
      manifest = { root: target.path, entries };
      let files = 0;
      await forEachBounded(
        entries.filter((entry) => entry.kind === 'file'),
        FILES_IN_FLIGHT,
        async (entry) => {
          const data = await retryWhileLocked(() =>
            host.files.readFile(host.files.join(target.path, ...entry.path)),
          );
          Object.assign(entry, pack.append(data), { sha256: digest(data) });
          files += 1;
          if (files % PROGRESS_EVERY === 0) {
            progress({ message: `Backing up ${target.path}`, done: files });
          }
        },
      );
      pack.finish();
    } catch (error) {
      pack.abandon();
      throw error instanceof HostError && error.code !== 'backup-failed'
        ? new HostError('backup-failed', `Could not back up ${target.path}: ${error.message}`, {
            ...error.details,
            path: typeof error.details.path === 'string' ? error.details.path : target.path,
          })
        : error;
    }
    writer.writeDocument(MANIFEST, manifest);
  },

  async apply({ host }, target) {
    await retryWhileLocked(() => host.files.remove(target.path));
  },

  async verifyApplied({ host }, target) {
    return (await host.files.stat(target.path)) === undefined;
  },

  async restore({ host, progress }, target, reader) {
    const manifest = readManifest(reader);
    const pack = reader.openPack(PACK);
    try {
      const present = await currentSizes(host.files, target.path, manifest.entries);
      await host.files.makeDirectory(target.path);
      // Folders first, parents before children (the index's order), so files can go in any order.
      for (const entry of manifest.entries) {
        if (entry.kind === 'directory') {
          await host.files.makeDirectory(host.files.join(target.path, ...entry.path));
        }
      }
      const files = manifest.entries.filter((entry) => entry.kind === 'file');
      const total = files.length;
      let done = 0;
      await forEachBounded(files, FILES_IN_FLIGHT, async (entry) => {
        const path = host.files.join(target.path, ...entry.path);
        const data = pack.read({ offset: entry.offset ?? 0, size: entry.size ?? 0 });
        if (entry.sha256 !== undefined && digest(data) !== entry.sha256) {
          throw new HostError('corrupt-data', `The backup of ${path} is damaged.`, { path });
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
          progress({ message: `Restoring ${target.path}`, done, total });
        }
      });
    } finally {
      pack.close();
    }
  },

  async verifyRestored({ host }, target, reader) {
    const manifest = readManifest(reader);
    const sizes = new Map<string, number>();
    for (const { path, kind, size } of await walk(host.files, target.path)) {
      sizes.set(path.join('\u0000'), kind === 'directory' ? -1 : size);
    }
    return manifest.entries.every((entry) => {
      const size = sizes.get(entry.path.join('\u0000'));
      return entry.kind === 'directory' ? size === -1 : size === entry.size;
    });
  },
};
