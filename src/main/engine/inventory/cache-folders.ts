/** Finds every `sip_<address>` endpoint cache folder and measures it (one walk per folder). */
import type { ClientKind } from '../../../shared/findings';
import type { FileSystemPort, KnownFolderId } from '../../host/ports';
import { addressFromCacheFolder } from '../sip-address';
import { EvenSample } from './even-sample';
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

/**
 * `stat` calls kept in flight while sizing: the Windows adapter's stats go through the thread
 * pool, which works on several at once (the practice PC answers each at once).
 */
const STATS_IN_FLIGHT = 16;

/** The sizes of `paths` (undefined for one gone since its listing), a few stats at a time. */
async function sizesOf(files: FileSystemPort, paths: string[]): Promise<Array<number | undefined>> {
  const sizes = new Array<number | undefined>(paths.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++;
      sizes[index] = (await files.stat(paths[index] as string))?.size;
    }
  };
  await Promise.all(Array.from({ length: Math.min(STATS_IN_FLIGHT, paths.length) }, lane));
  return sizes;
}

/**
 * Counts the files under `path` in one walk of entry-type listings (no call per entry), keeping
 * an even sample of them as it goes, then sizes that sample: every file when there are at most
 * SIZED_FILES (exact), else SIZED_FILES of them (estimated). Paths are joined only for the files
 * finally sized: a join costs more than counting an entry.
 */
export async function measureFolder(
  files: FileSystemPort,
  path: string,
): Promise<{ fileCount: number; totalBytes: number; sizeEstimated?: true }> {
  const sample = new EvenSample<{ dir: string; name: string }>(SIZED_FILES);
  const pending = [path];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    for (const entry of (await files.listKinds(dir)) ?? []) {
      if (entry.kind === 'directory') pending.push(files.join(dir, entry.name));
      else if (sample.next()) sample.add({ dir, name: entry.name });
    }
  }
  const fileCount = sample.count;
  const sized = sample.items().map(({ dir, name }) => files.join(dir, name));
  let sampleBytes = 0;
  let statted = 0;
  for (const size of await sizesOf(files, sized)) {
    if (size === undefined) continue;
    sampleBytes += size;
    statted += 1;
  }
  if (fileCount <= SIZED_FILES) return { fileCount, totalBytes: sampleBytes };
  const mean = statted > 0 ? sampleBytes / statted : 0;
  return { fileCount, totalBytes: Math.round(mean * fileCount), sizeEstimated: true };
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
      const entries = (await files.listKinds(dir)) ?? [];
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
