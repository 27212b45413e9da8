/** The primary client's Tracing folder and AccountProfiles.dat, measured once per diagnosis. */
import type { FileSystemPort } from '../../host/ports';
import { measureFolder } from './cache-folders';
import type { InstalledClient } from './clients';
import { CLIENT_DATA_LOCATIONS } from './locations';

export interface ClientDataFolder {
  path: string;
  /** e.g. `LocalAppData\Microsoft\Office\16.0\Lync\Tracing`. */
  location: string;
  fileCount: number;
  totalBytes: number;
  /** `totalBytes` is estimated from a sample (see measureFolder). */
  sizeEstimated?: true;
}

export interface ClientDataFile {
  path: string;
  location: string;
  size: number;
}

export interface ClientData {
  tracing?: ClientDataFolder;
  accountProfiles?: ClientDataFile;
}

export async function readClientData(
  files: FileSystemPort,
  primary: InstalledClient | undefined,
): Promise<ClientData> {
  const version = primary?.spec.officeVersion;
  if (!version) return {};
  const where = async (location: {
    folder: Parameters<FileSystemPort['knownFolder']>[0];
    parts: string[];
  }) => {
    const root = await files.knownFolder(location.folder);
    return root
      ? {
          path: files.join(root, ...location.parts),
          location: [location.folder, ...location.parts].join('\\'),
        }
      : undefined;
  };
  const [tracing, profiles] = await Promise.all([
    where(CLIENT_DATA_LOCATIONS.tracing(version)),
    where(CLIENT_DATA_LOCATIONS.accountProfiles(version)),
  ]);
  const data: ClientData = {};
  if (tracing && (await files.stat(tracing.path))?.kind === 'directory') {
    data.tracing = { ...tracing, ...(await measureFolder(files, tracing.path)) };
  }
  const profileEntry = profiles ? await files.stat(profiles.path) : undefined;
  if (profiles && profileEntry?.kind === 'file') {
    data.accountProfiles = { ...profiles, size: profileEntry.size };
  }
  return data;
}
