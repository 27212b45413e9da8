/**
 * Where each client keeps what the KB article talks about (see domain-notes: the article's
 * Communicator path is right for Lync 2010 only).
 */
import type { ClientKind } from '../../../shared/findings';
import type { KnownFolderId } from '../../host/ports';

export interface ClientInstallSpec {
  kind: ClientKind;
  displayName: string;
  /** HKLM, looked up in the 64-bit and the 32-bit view. */
  installKey: string;
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
    displayName: 'Lync 2013',
    installKey: 'SOFTWARE\\Microsoft\\Office\\15.0\\Lync',
    executable: 'lync.exe',
    settingsKey: 'Software\\Microsoft\\Office\\15.0\\Lync',
    imProviderKey: 'Software\\IM Providers\\Lync',
  },
  {
    kind: 'sfb2016',
    displayName: 'Skype for Business 2015/2016',
    installKey: 'SOFTWARE\\Microsoft\\Office\\16.0\\Lync',
    executable: 'lync.exe',
    settingsKey: 'Software\\Microsoft\\Office\\16.0\\Lync',
    imProviderKey: 'Software\\IM Providers\\Lync',
  },
];

export const CLIENT_PROCESS_NAMES = ['lync.exe', 'communicator.exe'];

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
