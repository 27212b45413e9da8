/**
 * The host ports: every capability of the PC that the KB article touches. The engine is written
 * only against these. Each port is shaped so it maps onto Win32 calls one for one (the Windows
 * adapters) and onto a folder (the practice PC). Both pass the same contract tests.
 *
 * Conventions for every port:
 * - "absent" is a normal answer (`undefined` / `false`), never an exception;
 * - failures throw `AppError` (shared/errors.ts) with a code from the shared error table and the
 *   place acted on (`details.path`, `details.key`, `details.store`, `details.target`);
 * - each adapter says where it acts through `location(...)` so logs and reports can name it.
 */
import type {
  RegistryKeyRef,
  RegistryValue,
  RegistryValueEntry,
} from '../../shared/registry-value';

// ---------------------------------------------------------------------------------------------
// Registry (advapi32 Reg* on Windows)

export interface RegistryPort {
  /** `name` '' is the default value. */
  getValue(key: RegistryKeyRef, name: string): Promise<RegistryValue | undefined>;
  /** `undefined` when the key does not exist. */
  listValues(key: RegistryKeyRef): Promise<RegistryValueEntry[] | undefined>;
  /** Names of direct subkeys; `undefined` when the key does not exist. */
  listSubkeys(key: RegistryKeyRef): Promise<string[] | undefined>;
  /** Creates the key (and its parents) when missing. */
  createKey(key: RegistryKeyRef): Promise<void>;
  /** Creates the key when missing; keeps the value's type exactly. */
  setValue(key: RegistryKeyRef, name: string, value: RegistryValue): Promise<void>;
  /** `false` when the value (or its key) was absent. */
  deleteValue(key: RegistryKeyRef, name: string): Promise<boolean>;
  /** Deletes the key and everything under it; `false` when it was absent. */
  deleteKey(key: RegistryKeyRef): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Certificate stores (crypt32 Cert* on Windows)

export type CertificateStoreName = 'My' | 'Root' | 'CA' | 'Disallowed';
export type CertificateStoreLocation = 'CurrentUser' | 'LocalMachine';

export interface CertificateStoreRef {
  location: CertificateStoreLocation;
  name: CertificateStoreName;
}

export interface StoredCertificate {
  /** SHA-1 of the DER, upper-case hex, no separators (what certmgr calls the thumbprint). */
  thumbprint: string;
  der: Uint8Array;
  /** Whether a private key is linked to the certificate (CERT_KEY_PROV_INFO_PROP_ID). */
  hasPrivateKey: boolean;
  friendlyName?: string;
}

/**
 * Whether the certificate's private key can be opened (CryptAcquireCertificatePrivateKey,
 * silently): `missing` when no key is linked, `unusable` when the link names a key that is gone
 * or cannot be opened.
 */
export type PrivateKeyStatus = 'usable' | 'missing' | 'unusable';

export interface CertificateStorePort {
  list(store: CertificateStoreRef): Promise<StoredCertificate[]>;
  /** `undefined` when no certificate has this thumbprint. Never shows a prompt. */
  privateKeyStatus(
    store: CertificateStoreRef,
    thumbprint: string,
  ): Promise<PrivateKeyStatus | undefined>;
  /**
   * The certificate with its store properties (key link, friendly name), serialised so that
   * `importEntry` restores it exactly (CertSerializeCertificateStoreElement on Windows).
   * `undefined` when no certificate has this thumbprint.
   */
  exportEntry(store: CertificateStoreRef, thumbprint: string): Promise<Uint8Array | undefined>;
  importEntry(store: CertificateStoreRef, entry: Uint8Array): Promise<void>;
  /** `false` when no certificate had this thumbprint. Other certificates are never touched. */
  remove(store: CertificateStoreRef, thumbprint: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Credential vault (advapi32 Cred* on Windows)

export type CredentialType = 'generic' | 'domain-password' | 'domain-certificate';
export type CredentialPersist = 'session' | 'local-machine' | 'enterprise';

export interface CredentialSummary {
  targetName: string;
  type: CredentialType;
  userName: string;
  persist: CredentialPersist;
  comment?: string;
  /** ISO 8601. */
  lastWritten: string;
}

export interface CredentialRecord extends CredentialSummary {
  secret: Uint8Array;
}

export interface CredentialVaultPort {
  /**
   * Credentials whose target matches `filter`, with CredEnumerateW semantics: a trailing `*`
   * is a prefix match, no filter lists all. Secrets are not read here.
   */
  list(filter?: string): Promise<CredentialSummary[]>;
  read(targetName: string, type: CredentialType): Promise<CredentialRecord | undefined>;
  /** Creates or replaces the credential with exactly these fields. */
  write(record: CredentialRecord): Promise<void>;
  remove(targetName: string, type: CredentialType): Promise<boolean>;
}

/**
 * Protects backed-up secrets at rest: DPAPI (CryptProtectData, current user) on Windows,
 * authenticated encryption with a key kept beside the practice PC otherwise.
 */
export interface SecretProtectorPort {
  protect(plain: Uint8Array): Promise<Uint8Array>;
  unprotect(blob: Uint8Array): Promise<Uint8Array>;
}

// ---------------------------------------------------------------------------------------------
// Files and known folders

export type KnownFolderId =
  'LocalAppData' | 'RoamingAppData' | 'Profile' | 'ProgramFiles' | 'ProgramFilesX86';

/** A folder entry as the listing itself tells it, without a `stat` of the entry. */
export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory' | 'other';
}

export interface FileEntry extends DirectoryEntry {
  size: number;
}

export interface FileSystemPort {
  /** SHGetKnownFolderPath on Windows; a folder inside the practice PC otherwise. */
  knownFolder(id: KnownFolderId): Promise<string | undefined>;
  /** Joins with the host's separator (backslash on Windows). */
  join(...parts: string[]): string;
  /** `undefined` when the folder does not exist. */
  list(dir: string): Promise<FileEntry[] | undefined>;
  /**
   * Names and kinds only, from the listing itself (no call per entry): what a walk of a folder
   * of 100,000 cache files needs when sizes do not matter. `undefined` when it does not exist.
   */
  listKinds(dir: string): Promise<DirectoryEntry[] | undefined>;
  stat(path: string): Promise<FileEntry | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  /** Creates missing parent folders. */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  makeDirectory(path: string): Promise<void>;
  /**
   * Deletes a file, or a folder with everything in it. A file held open by another process
   * throws AppError `file-locked` with `details.path` (and `details.process` where known).
   */
  remove(path: string): Promise<void>;
  /**
   * Renames a file or a folder (with everything in it) to `destination` in one step, never by
   * copying: MoveFileExW without MOVEFILE_COPY_ALLOWED on Windows. The destination's parent must
   * exist; a file there is replaced, a folder there is not (`invalid-request`). Another volume:
   * `unsupported`, nothing moved. A folder holding a file another process has open fails as
   * `remove` does: `file-locked` naming the file (and the process where known).
   */
  move(source: string, destination: string): Promise<void>;
  /** The version resource of an executable (e.g. lync.exe), `undefined` when it has none. */
  fileVersion(path: string): Promise<string | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Processes and services

export interface ProcessInfo {
  pid: number;
  /** Image name, lower-case, e.g. `lync.exe`. */
  name: string;
  path?: string;
  /** Whether the process belongs to the current user's session (others are never touched). */
  ownedByCurrentUser: boolean;
}

export interface ProcessPort {
  /** Processes whose image name is one of `names` (case-insensitive). */
  find(names: string[]): Promise<ProcessInfo[]>;
  /** Asks politely: WM_CLOSE to the process's top-level windows. */
  requestClose(pid: number): Promise<void>;
  /** `true` when the process ended within the time. */
  waitForExit(pid: number, timeoutMs: number): Promise<boolean>;
  /** Ends the process; only when the user asked for it. */
  terminate(pid: number): Promise<void>;
  launch(path: string, args?: string[]): Promise<void>;
  /**
   * When process `pid` started (GetProcessTimes on Windows), `undefined` when there is no such
   * process or it cannot be told. Synchronous: the data folder's lock is checked with it.
   */
  startTime?(pid: number): Date | undefined;
}

export type ServiceState =
  'running' | 'stopped' | 'start-pending' | 'stop-pending' | 'paused' | 'unknown';

export interface ServiceStatus {
  name: string;
  state: ServiceState;
  startType?: 'automatic' | 'manual' | 'disabled';
}

export interface ServicePort {
  /** `undefined` when the service is not installed. */
  query(name: string): Promise<ServiceStatus | undefined>;
}

// ---------------------------------------------------------------------------------------------
// DNS cache and identity

export interface DnsFlushResult {
  flushed: boolean;
  /** How it was attempted: the API, `ipconfig /flushdns`, or the practice PC. */
  method: 'api' | 'ipconfig' | 'practice';
  detail?: string;
}

export interface DnsCachePort {
  /** Never reports success it did not get. */
  flush(): Promise<DnsFlushResult>;
}

export interface Identity {
  userName: string;
  domain: string;
  sid: string;
  elevated: boolean;
  /** The user signed in to the interactive session, when it can be told. */
  interactiveUserName?: string;
}

export interface IdentityPort {
  current(): Promise<Identity>;
}

// ---------------------------------------------------------------------------------------------

export interface HostSystem {
  kind: 'windows' | 'practice';
  /** For reports: "Windows 10.0.19045" or "practice PC 'kb-lync2013' in /path". */
  description: string;
  /** Set on the practice PC. */
  practiceScenario?: string;
  registry: RegistryPort;
  certificates: CertificateStorePort;
  credentials: CredentialVaultPort;
  secrets: SecretProtectorPort;
  files: FileSystemPort;
  processes: ProcessPort;
  services: ServicePort;
  dns: DnsCachePort;
  identity: IdentityPort;
  /** Releases native handles or flushes state. */
  close(): Promise<void>;
}
