/** Finds every `sip_<address>` endpoint cache folder and measures it (one listing per folder). */
import type { ClientKind } from '../../../shared/findings';
import type { FileSystemPort, KnownFolderId } from '../../host/ports';
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
}

export async function measureFolder(
  files: FileSystemPort,
  path: string,
): Promise<{ fileCount: number; totalBytes: number }> {
  let fileCount = 0;
  let totalBytes = 0;
  const pending = [path];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const entries = (await files.list(dir)) ?? [];
    for (const entry of entries) {
      if (entry.kind === 'directory') pending.push(files.join(dir, entry.name));
      else {
        fileCount += 1;
        totalBytes += entry.size;
      }
    }
  }
  return { fileCount, totalBytes };
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
