/**
 * Where each part of the practice PC lives inside its folder:
 *
 * ```
 * <root>/practice-pc.json        what this is: format, scenario, creation time
 * <root>/.building               only while it is being created
 * <root>/vault.key               32 random bytes: encrypts vault secrets and protected blobs
 * <root>/registry.json           HKCU and HKLM as key trees (HKLM\SOFTWARE\WOW6432Node included)
 * <root>/certificates/<Location>-<Store>.json   one document per certificate store
 * <root>/credentials.json        the credential vault, secrets encrypted
 * <root>/machine.json            processes, services, identity, DNS flushes, file versions
 * <root>/drive/                  the file system: Users\user\AppData\..., Program Files, ...
 * ```
 *
 * One document per store keeps reads proportional to what is asked for: listing the Root
 * store never parses ten thousand personal certificates.
 */
import { join } from 'node:path';
import type { CertificateStoreRef, KnownFolderId } from '../ports';

export const MANIFEST_FILE = 'practice-pc.json';
/** Present while a practice PC is being built: a folder with it is ours to replace. */
export const BUILDING_MARKER = '.building';
export const KEY_FILE = 'vault.key';
export const REGISTRY_FILE = 'registry.json';
export const CREDENTIALS_FILE = 'credentials.json';
export const MACHINE_FILE = 'machine.json';
export const CERTIFICATES_DIR = 'certificates';
export const DRIVE_DIR = 'drive';

export const MANIFEST_FORMAT = 'sfb-signin-repair-practice-pc';
export const MANIFEST_VERSION = 1;

/** The practice user's profile folder name, as in `C:\Users\user`. */
export const PRACTICE_USER = 'user';

const KNOWN_FOLDERS: Record<KnownFolderId, string[]> = {
  Profile: ['Users', PRACTICE_USER],
  LocalAppData: ['Users', PRACTICE_USER, 'AppData', 'Local'],
  RoamingAppData: ['Users', PRACTICE_USER, 'AppData', 'Roaming'],
  ProgramFiles: ['Program Files'],
  ProgramFilesX86: ['Program Files (x86)'],
};

export const KNOWN_FOLDER_IDS = Object.keys(KNOWN_FOLDERS) as KnownFolderId[];

export function driveRoot(root: string): string {
  return join(root, DRIVE_DIR);
}

export function knownFolderPath(root: string, id: KnownFolderId): string {
  return join(driveRoot(root), ...KNOWN_FOLDERS[id]);
}

export const CERTIFICATE_STORE_REFS: CertificateStoreRef[] = (
  ['CurrentUser', 'LocalMachine'] as const
).flatMap((location) =>
  (['My', 'Root', 'CA', 'Disallowed'] as const).map((name) => ({ location, name })),
);

export function certificateStorePath(root: string, store: CertificateStoreRef): string {
  return join(root, CERTIFICATES_DIR, `${store.location}-${store.name}.json`);
}
