/** Finds every `sip_<address>` endpoint cache folder and measures it (one listing per folder). */
import type { ClientKind } from '../../../shared/findings';
import type { FileSystemPort, KnownFolderId } from '../../host/ports';
import { walkFolder } from '../actions/folder-walk';
import { addressFromCacheFolder } from '../sip-address';
import { CACHE_LOCATIONS } from './locations';

export interface CacheFolder {
  path: string;
  name: string;
  address: string;
  /** e.g. `LocalAppData\Microsoft\Office\15.0\Lync`. */
  location: string;
  knownFolder: KnownFolderId;
  owner: ClientKind;
  fileCount: number;
  totalBytes: number;
  /** `totalBytes` is estimated from a sample of the files (more than SIZED_FILES of them). */
  sizeEstimated?: true;
}

/**
 * Files whose sizes are read (one `stat` each) before a folder's size is estimated instead: a
 * cache of 100,000 files is counted from its listings alone, in a fraction of the time its
 * stats take, and its size is the sample's mean size times the count, said as "about".
 */
export const SIZED_FILES = 2000;

export async function measureFolder(
  files: FileSystemPort,
  path: string,
): Promise<{ fileCount: number; totalBytes: number; sizeEstimated?: true }> {
  const entries = await walkFolder(files, path, { sizes: false });
  const found = entries.filter((entry) => entry.kind !== 'directory');
  if (found.length <= SIZED_FILES) {
    const sized = await walkFolder(files, path, { sizes: true });
    const fileCount = sized.filter((entry) => entry.kind !== 'directory').length;
    const totalBytes = sized.reduce((sum, entry) => sum + entry.size, 0);
    return { fileCount, totalBytes };
  }
  // Every SIZED_FILES-th part of the listing, so one large sub-folder does not skew the mean.
  const step = found.length / SIZED_FILES;
  let sampleBytes = 0;
  let sampled = 0;
  for (let index = 0; index < found.length; index += step) {
    const entry = found[Math.floor(index)];
    if (!entry) continue;
    const info = await files.stat(files.join(path, ...entry.path));
    if (!info) continue;
    sampleBytes += info.size;
    sampled += 1;
  }
  const mean = sampled > 0 ? sampleBytes / sampled : 0;
  return {
    fileCount: found.length,
    totalBytes: Math.round(mean * found.length),
    sizeEstimated: true,
  };
}

export async function findCacheFolders(files: FileSystemPort): Promise<CacheFolder[]> {
  const roots = new Map<KnownFolderId, string | undefined>();
  for (const location of CACHE_LOCATIONS) {
    if (!roots.has(location.folder))
      roots.set(location.folder, await files.knownFolder(location.folder));
  }
  const found = await Promise.all(
    CACHE_LOCATIONS.map(async (location) => {
      const root = roots.get(location.folder);
      if (!root) return [];
      const dir = files.join(root, ...location.parts);
      const entries = (await files.list(dir)) ?? [];
      const folders: CacheFolder[] = [];
      for (const entry of entries) {
        if (entry.kind !== 'directory') continue;
        const address = addressFromCacheFolder(entry.name);
        if (!address) continue;
        const path = files.join(dir, entry.name);
        folders.push({
          path,
          name: entry.name,
          address,
          location: [location.folder, ...location.parts].join('\\'),
          knownFolder: location.folder,
          owner: location.owner,
          ...(await measureFolder(files, path)),
        });
      }
      return folders;
    }),
  );
  return found.flat();
}
