/**
 * One pass over everything the KB article looks at. Diagnosis and planning both work from this
 * snapshot, so each store is read once per diagnosis (no per-item re-reads).
 */
import type { RegistryKeyRef, RegistryValue } from '../../../shared/registry-value';
import type { CredentialSummary, HostSystem, ProcessInfo, ServiceStatus } from '../../host/ports';
import { addressFromCredentialTarget, looksLikeAddress } from '../sip-address';
import { findCacheFolders, type CacheFolder } from './cache-folders';
import { knownFoldersOnce } from './known-folders';
import { readClientData, type ClientData } from './client-data';
import {
  detectClients,
  primaryClientOf,
  type AttendeeInstall,
  type InstalledClient,
  type LeftoverClient,
} from './clients';
import { checkPrivateKeys, scanCertificates, type CertificateScan } from './certificates';
import {
  CLIENT_PROCESS_NAMES,
  CLIENT_SPECS,
  COMPANION_PROCESS_NAMES,
  OFFICE15_IDENTITY_KEY,
  CRYPTOGRAPHY_KEY,
  POLICY_KEYS,
  SIGN_IN_ASSISTANT_KEY,
  SIGN_IN_ASSISTANT_SERVICE,
  type ClientInstallSpec,
} from './locations';
import { childKey, readKey, valueOf, type KeyContents } from './registry-read';

export interface AddressKey {
  address: string;
  contents: KeyContents;
}

export interface SettingsRoot {
  spec: ClientInstallSpec;
  key: RegistryKeyRef;
  contents?: KeyContents;
  addressKeys: AddressKey[];
}

export interface OfficeCredential extends CredentialSummary {
  address?: string;
}

export interface Inventory {
  /** Installed sign-in clients, newest first (clients.ts). */
  clients: InstalledClient[];
  /** Registry entries whose program is gone. */
  leftoverClients: LeftoverClient[];
  attendee?: AttendeeInstall;
  /** lync.exe, communicator.exe and the client's companion UcMapi.exe. */
  processes: ProcessInfo[];
  upAndRunning: Array<{ key: RegistryKeyRef; value: RegistryValue }>;
  signInAssistant: { version?: RegistryValue; view?: '64' | '32'; service?: ServiceStatus };
  settings: SettingsRoot[];
  policies: KeyContents[];
  cacheFolders: CacheFolder[];
  certificates: CertificateScan;
  credentials: OfficeCredential[];
  machineGuid: { key: RegistryKeyRef; value?: RegistryValue };
  /** HKCU ...\15.0\Common\Identity (Lync 2013's modern authentication), when present. */
  office15Identity?: KeyContents;
  /** The primary client's Tracing folder and AccountProfiles.dat, where they exist. */
  clientData: ClientData;
}

async function readSettings(host: HostSystem): Promise<SettingsRoot[]> {
  return Promise.all(
    CLIENT_SPECS.map(async (spec): Promise<SettingsRoot> => {
      const key: RegistryKeyRef = { hive: 'HKCU', path: spec.settingsKey };
      const contents = await readKey(host.registry, key);
      const addressKeys: AddressKey[] = [];
      for (const name of contents?.subkeys ?? []) {
        if (!looksLikeAddress(name)) continue;
        const child = await readKey(host.registry, childKey(key, name));
        if (child) addressKeys.push({ address: name, contents: child });
      }
      return { spec, key, ...(contents ? { contents } : {}), addressKeys };
    }),
  );
}

async function readSignInAssistant(host: HostSystem): Promise<Inventory['signInAssistant']> {
  const service = await host.services.query(SIGN_IN_ASSISTANT_SERVICE);
  for (const view of ['64', '32'] as const) {
    const version = await host.registry.getValue(
      { hive: 'HKLM', path: SIGN_IN_ASSISTANT_KEY, view },
      'MSOIDCRLVersion',
    );
    if (version) return { version, view, ...(service ? { service } : {}) };
  }
  return service ? { service } : {};
}

async function readUpAndRunning(host: HostSystem): Promise<Inventory['upAndRunning']> {
  const paths = [...new Set(CLIENT_SPECS.map((spec) => spec.imProviderKey))];
  const found = await Promise.all(
    paths.map(async (path) => {
      const key: RegistryKeyRef = { hive: 'HKCU', path };
      const value = await host.registry.getValue(key, 'UpAndRunning');
      return value ? { key, value } : undefined;
    }),
  );
  return found.filter((entry) => entry !== undefined);
}

export async function readInventory(system: HostSystem): Promise<Inventory> {
  const host: HostSystem = { ...system, files: knownFoldersOnce(system.files) };
  const machineGuidKey: RegistryKeyRef = { hive: 'HKLM', path: CRYPTOGRAPHY_KEY, view: '64' };
  const myStore = { location: 'CurrentUser', name: 'My' } as const;
  // Every read is independent of the others except where one needs another's answer (clients
  // need the processes, the client's data needs the client, the key checks need the scan), so
  // all are issued together: file reads then overlap the registry and store reads.
  // The cache folder walk goes to the file system's thread pool; started first, it runs while
  // the synchronous Win32 reads below hold the main thread.
  const cacheFoldersRead = findCacheFolders(host.files);
  const processesRead = host.processes.find([...CLIENT_PROCESS_NAMES, ...COMPANION_PROCESS_NAMES]);
  const detectionRead = processesRead.then((processes) => detectClients(host, processes));
  const [
    processes,
    detection,
    clientData,
    settings,
    signInAssistant,
    policies,
    cacheFolders,
    certificates,
    credentials,
    guid,
    office15Identity,
    upAndRunning,
  ] = await Promise.all([
    processesRead,
    detectionRead,
    detectionRead.then((found) => readClientData(host.files, primaryClientOf(found.clients))),
    readSettings(host),
    readSignInAssistant(host),
    Promise.all(
      POLICY_KEYS.map((policy) => readKey(host.registry, { hive: policy.hive, path: policy.path })),
    ),
    cacheFoldersRead,
    host.certificates
      .list(myStore)
      .then((my) => checkPrivateKeys(host.certificates, scanCertificates(myStore, my))),
    host.credentials.list('Microsoft_OC1:*'),
    host.registry.getValue(machineGuidKey, 'MachineGuid'),
    readKey(host.registry, { hive: 'HKCU', path: OFFICE15_IDENTITY_KEY }),
    readUpAndRunning(host),
  ]);
  return {
    clients: detection.clients,
    leftoverClients: detection.leftovers,
    ...(detection.attendee ? { attendee: detection.attendee } : {}),
    processes,
    upAndRunning,
    signInAssistant,
    settings,
    policies: policies.filter((policy): policy is KeyContents => policy !== undefined),
    cacheFolders,
    certificates,
    credentials: credentials.map((credential) => {
      const address = addressFromCredentialTarget(credential.targetName);
      return address ? { ...credential, address } : credential;
    }),
    machineGuid: { key: machineGuidKey, ...(guid ? { value: guid } : {}) },
    ...(office15Identity ? { office15Identity } : {}),
    clientData,
  };
}

export { valueOf };
export type { CacheFolder, CertificateScan, InstalledClient, KeyContents, LeftoverClient };
