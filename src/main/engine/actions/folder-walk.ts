/**
 * One walk of a folder tree, shared by the inventory (counting), the backup and the checks
 * after a restore. Without sizes it uses only the listings' entry types (no call per entry),
 * which on a cache of 100,000 files is several times cheaper than a `stat` of each.
 */
import type { DirectoryEntry, FileSystemPort } from '../../host/ports';

export interface WalkedEntry {
  /** Relative to the root, one name per level. */
  path: string[];
  kind: 'directory' | 'file' | 'other';
  /** 0 unless sizes were asked for (and for anything but files). */
  size: number;
}

/** Every entry under `root`, parents before their children; one listing per folder. */
export async function walkFolder(
  files: FileSystemPort,
  root: string,
  options: { sizes: boolean },
): Promise<WalkedEntry[]> {
  const found: WalkedEntry[] = [];
  const pending: string[][] = [[]];
  while (pending.length > 0) {
    const relative = pending.pop() as string[];
    const dir = relative.length === 0 ? root : files.join(root, ...relative);
    const listing: Array<DirectoryEntry & { size?: number }> | undefined = options.sizes
      ? await files.list(dir)
      : await files.listKinds(dir);
    for (const entry of listing ?? []) {
      const path = [...relative, entry.name];
      found.push({ path, kind: entry.kind, size: entry.size ?? 0 });
      if (entry.kind === 'directory') pending.push(path);
    }
  }
  return found;
}
