/**
 * Where each client keeps what the KB article talks about (see domain-notes: the article's
 * Communicator path is right for Lync 2010 only).
 */
import type { ClientKind } from '../../../shared/findings';
import type { KnownFolderId } from '../../host/ports';

export interface ClientInstallSpec {
  kind: ClientKind;
  /** The family's name when nothing more precise is known (see client-names.ts). */
  displayName: string;
  /** HKLM key of the MSI install, looked up in the 64-bit and the 32-bit view. */
  installKey: string;
  /** The Office version folder of its per-user data (`Office\15.0`), none for Lync 2010. */
  officeVersion?: '15.0' | '16.0';
  executable: string;
  /** HKCU key with ServerSipUri, ServerUsername, SavePassword and per-address subkeys. */
  settingsKey: string;
  /** HKCU key whose `UpAndRunning` is 2 while the client runs. */
  imProviderKey: string;
}

export const CLIENT_SPECS: readonly ClientInstallSpec[] = [
  {
    kind: 'lync2010',
    displayName: 'Lync 2010',
    installKey: 'SOFTWARE\\Microsoft\\Communicator',
    executable: 'communicator.exe',
    settingsKey: 'Software\\Microsoft\\Communicator',
    imProviderKey: 'Software\\IM Providers\\Communicator',
  },
  {
    kind: 'lync2013',
    displayName: 'Lync 2013 / Skype for Business 2015',
    officeVersion: '15.0',
    installKey: 'SOFTWARE\\Microsoft\\Office\\15.0\\Lync',
    executable: 'lync.exe',
    settingsKey: 'Software\\Microsoft\\Office\\15.0\\Lync',
    imProviderKey: 'Software\\IM Providers\\Lync',
  },
  {
    kind: 'sfb2016',
    displayName: 'Skype for Business (16.0)',
    officeVersion: '16.0',
    installKey: 'SOFTWARE\\Microsoft\\Office\\16.0\\Lync',
    executable: 'lync.exe',
    settingsKey: 'Software\\Microsoft\\Office\\16.0\\Lync',
    imProviderKey: 'Software\\IM Providers\\Lync',
  },
];

export const CLIENT_PROCESS_NAMES = ['lync.exe', 'communicator.exe'];
/**
 * Runs beside lync.exe as the client's MAPI helper (Outlook integration) and belongs to it: it
 * is closed with the client and comes back when the client starts.
 */
export const COMPANION_PROCESS_NAMES = ['ucmapi.exe'];

/** HKLM: the Click-to-Run install (InstallationPath, Platform, ProductReleaseIds, ...). */
export const CLICK_TO_RUN_CONFIGURATION_KEY =
  'SOFTWARE\\Microsoft\\Office\\ClickToRun\\Configuration';
/** HKLM: Click-to-Run's virtual registry, where its machine keys live (64-bit, then 32-bit Office). */
export const CLICK_TO_RUN_LYNC_KEYS = [
  'SOFTWARE\\Microsoft\\Office\\ClickToRun\\REGISTRY\\MACHINE\\Software\\Microsoft\\Office\\16.0\\Lync',
  'SOFTWARE\\Microsoft\\Office\\ClickToRun\\REGISTRY\\MACHINE\\Software\\Wow6432Node\\Microsoft\\Office\\16.0\\Lync',
];
/** Where Click-to-Run puts lync.exe below its InstallationPath. */
export const CLICK_TO_RUN_PROGRAM_PARTS = ['root', 'Office16', 'lync.exe'];
/** HKLM: the shell's App Paths entry for lync.exe (default value: the program). */
export const LYNC_APP_PATHS_KEY =
  'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\lync.exe';
/** HKLM: the Lync 2010 Attendee, a meeting-only client that never signs in. */
export const ATTENDEE_INSTALL_KEY = 'SOFTWARE\\Microsoft\\AttendeeCommunicator';

/** Where setup puts each client by default: found even when every registry entry is gone. */
export const DEFAULT_PROGRAM_LOCATIONS: ReadonlyArray<{ folder: KnownFolderId; parts: string[] }> =
  (['ProgramFiles', 'ProgramFilesX86'] as const).flatMap((folder) => [
    { folder, parts: ['Microsoft Office', 'root', 'Office16', 'lync.exe'] },
    { folder, parts: ['Microsoft Office', 'Office16', 'lync.exe'] },
    { folder, parts: ['Microsoft Office', 'Office15', 'lync.exe'] },
    { folder, parts: ['Microsoft Lync', 'communicator.exe'] },
  ]);

/** Every place a `sip_<address>` endpoint cache folder can be. */
export const CACHE_LOCATIONS: ReadonlyArray<{
  folder: KnownFolderId;
  parts: string[];
  owner: ClientKind;
}> = [
  { folder: 'LocalAppData', parts: ['Microsoft', 'Communicator'], owner: 'lync2010' },
  { folder: 'LocalAppData', parts: ['Microsoft', 'Office', '15.0', 'Lync'], owner: 'lync2013' },
  { folder: 'LocalAppData', parts: ['Microsoft', 'Office', '16.0', 'Lync'], owner: 'sfb2016' },
  { folder: 'RoamingAppData', parts: ['Microsoft', 'Communicator'], owner: 'lync2010' },
  { folder: 'RoamingAppData', parts: ['Microsoft', 'Office', '15.0', 'Lync'], owner: 'lync2013' },
  { folder: 'RoamingAppData', parts: ['Microsoft', 'Office', '16.0', 'Lync'], owner: 'sfb2016' },
];

/** Reported as evidence, never changed. */
export const POLICY_KEYS: ReadonlyArray<{ hive: 'HKLM' | 'HKCU'; path: string }> = [
  { hive: 'HKLM', path: 'SOFTWARE\\Policies\\Microsoft\\Communicator' },
  { hive: 'HKLM', path: 'SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync' },
  { hive: 'HKLM', path: 'SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync' },
  { hive: 'HKCU', path: 'SOFTWARE\\Policies\\Microsoft\\Communicator' },
  { hive: 'HKCU', path: 'SOFTWARE\\Policies\\Microsoft\\Office\\15.0\\Lync' },
  { hive: 'HKCU', path: 'SOFTWARE\\Policies\\Microsoft\\Office\\16.0\\Lync' },
];

export const SIGN_IN_ASSISTANT_KEY = 'SOFTWARE\\Microsoft\\MSOIdentityCRL';
export const SIGN_IN_ASSISTANT_SERVICE = 'msoidsvc';
export const CRYPTOGRAPHY_KEY = 'SOFTWARE\\Microsoft\\Cryptography';
export const COMMUNICATIONS_SERVER_ISSUER = 'Communications Server';

/**
 * What Microsoft's current sign-in procedure also deletes, per Office version of the client
 * (SupportArticles-docs SkypeForBusiness/SkypeServer/server-sign-in/unable-to-sign-in-to-sfb.md):
 * the Tracing folder beside the endpoint caches and the roaming AccountProfiles.dat.
 */
export const CLIENT_DATA_LOCATIONS = {
  tracing: (version: string) => ({
    folder: 'LocalAppData' as KnownFolderId,
    parts: ['Microsoft', 'Office', version, 'Lync', 'Tracing'],
  }),
  accountProfiles: (version: string) => ({
    folder: 'RoamingAppData' as KnownFolderId,
    parts: ['Microsoft', 'Office', version, 'Lync', 'AccountProfiles.dat'],
  }),
};

/** HKCU: Office 2013's modern authentication switch (EnableADAL, Version); read, never changed. */
export const OFFICE15_IDENTITY_KEY = 'Software\\Microsoft\\Office\\15.0\\Common\\Identity';
export const ADAL_INDEPENDENT_VALUE = 'AllowAdalForNonLyncIndependentOfLync';
