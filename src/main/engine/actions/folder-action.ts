/**
 * Deleting a `sip_<address>` folder. Every file's bytes go into the action's pack file with an
 * index of relative paths, sizes and SHA-256 digests; restore writes them back exactly.
 * Files that appeared after the repair (the client rebuilding its cache) are left in place on
 * undo: nothing the backup does not hold is deleted.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HostError } from '../../host/host-error';
import type { FileSystemPort } from '../../host/ports';
import type { ActionExecutor } from './executor';
import { retryWhileLocked } from './locked-retry';

const manifestSchema = z.object({
  root: z.string(),
  entries: z.array(
    z.object({
      path: z.array(z.string()),
      kind: z.enum(['directory', 'file']),
      offset: z.number().optional(),
      size: z.number().optional(),
      sha256: z.string().optional(),
    }),
  ),
});
type Manifest = z.infer<typeof manifestSchema>;

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

async function walk(
  files: FileSystemPort,
  root: string,
  visit: (relative: string[], entry: { kind: 'directory' | 'file'; size: number }) => Promise<void>,
): Promise<void> {
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
      await visit(path, { kind: entry.kind, size: entry.size });
      if (entry.kind === 'directory') pending.push(path);
    }
  }
}

export const folderAction: ActionExecutor<'delete-folder'> = {
  undoable: true,

  async check({ host }, target) {
    const entry = await host.files.stat(target.path);
    if (!entry) return 'gone';
    return entry.kind === 'directory' ? 'present' : 'changed';
  },

  async backup({ host, progress }, target, writer) {
    const manifest: Manifest = { root: target.path, entries: [] };
    const pack = writer.openPack(PACK);
    try {
      let files = 0;
      await walk(host.files, target.path, async (path, entry) => {
        if (entry.kind === 'directory') {
          manifest.entries.push({ path, kind: 'directory' });
          return;
        }
        const data = await retryWhileLocked(() =>
          host.files.readFile(host.files.join(target.path, ...path)),
        );
        const slice = pack.append(data);
        manifest.entries.push({ path, kind: 'file', ...slice, sha256: digest(data) });
        files += 1;
        if (files % PROGRESS_EVERY === 0) {
          progress({ message: `Backing up ${target.path}`, done: files });
        }
      });
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
    await host.files.makeDirectory(target.path);
    const pack = reader.openPack(PACK);
    try {
      let done = 0;
      const total = manifest.entries.length;
      for (const entry of manifest.entries) {
        const path = host.files.join(target.path, ...entry.path);
        if (entry.kind === 'directory') {
          await host.files.makeDirectory(path);
        } else {
          const data = pack.read({ offset: entry.offset ?? 0, size: entry.size ?? 0 });
          if (entry.sha256 !== undefined && digest(data) !== entry.sha256) {
            throw new HostError('corrupt-data', `The backup of ${path} is damaged.`, { path });
          }
          // A file that survived a failed delete is still the original; rewriting it could hit
          // the lock that made the delete fail.
          const current = await host.files.stat(path);
          if (
            !current ||
            current.size !== data.byteLength ||
            digest(await host.files.readFile(path)) !== entry.sha256
          ) {
            await retryWhileLocked(() => host.files.writeFile(path, data));
          }
        }
        done += 1;
        if (done % PROGRESS_EVERY === 0)
          progress({ message: `Restoring ${target.path}`, done, total });
      }
    } finally {
      pack.close();
    }
  },

  async verifyRestored({ host }, target, reader) {
    const manifest = readManifest(reader);
    const sizes = new Map<string, number>();
    await walk(host.files, target.path, async (path, entry) => {
      sizes.set(path.join('\u0000'), entry.kind === 'directory' ? -1 : entry.size);
    });
    return manifest.entries.every((entry) => {
      const size = sizes.get(entry.path.join('\u0000'));
      return entry.kind === 'directory' ? size === -1 : size === entry.size;
    });
  },
};
