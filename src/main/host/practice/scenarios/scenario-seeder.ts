/**
 * The one writer of every built-in scenario: it plants a scenario through the host ports
 * (HostSystem), so the same scenario lands on the practice PC and, under Wine, on the real Win32
 * adapters. What the ports do not offer (a version resource, a private key, a running process,
 * a service) is asked of the machine (MachineSeeding), one small implementation per host.
 *
 * It keeps a record of what it planted (PlantedRecord): the thumbprints it made, and what to
 * remove to take the scenario off the machine again.
 */
import { createHash } from 'node:crypto';
import { sep } from 'node:path';
import type { RegistryKeyRef, RegistryValue } from '../../../../shared/registry-value';
import type {
  CertificateStoreRef,
  CredentialRecord,
  CredentialType,
  HostSystem,
  KnownFolderId,
  ServiceStatus,
} from '../../ports';
import { certificateEntryFor } from '../certificate-entry';
import { secretBytes, type CredentialFact, type FolderFact } from './facts';

const KNOWN_FOLDERS: readonly KnownFolderId[] = [
  'LocalAppData',
  'RoamingAppData',
  'Profile',
  'ProgramFiles',
  'ProgramFilesX86',
];

export interface SeededProcess {
  pid?: number;
  /** Image name, lower-case. */
  name: string;
  path: string;
  ownedByCurrentUser: boolean;
  ignoresClose: boolean;
  signedInAddress?: string;
}

/** The parts of a machine the ports cannot write. */
export interface MachineSeeding {
  /** Writes `path` as an executable whose version resource reads `version`. */
  writeExecutable(host: HostSystem, path: string, version: string): Promise<void>;
  /**
   * Links the imported certificate to key container `container`; when `usable`, the container
   * exists and holds a key, otherwise the link names a key that is gone.
   */
  attachPrivateKey(
    host: HostSystem,
    store: CertificateStoreRef,
    thumbprint: string,
    container: string,
    usable: boolean,
  ): Promise<void>;
  /** A running process (practice PC only). */
  startProcess(process: SeededProcess): Promise<number>;
  /** An installed service (practice PC only). */
  installService(status: ServiceStatus): Promise<void>;
}

/** What a seeding changed, enough to take it off the machine again (JSON-safe). */
export interface PlantedRecord {
  /** Keys the seeding created (the topmost new one of each path); removed whole. */
  createdKeys: RegistryKeyRef[];
  /** Values written in keys that were already there, with the value they replaced. */
  changedValues: Array<{ key: RegistryKeyRef; name: string; previous?: RegistryValue }>;
  /**
   * Files and folders the seeding created (the topmost new one of each path). A file that was
   * there already is overwritten and not recorded: no scenario writes one.
   */
  createdPaths: string[];
  certificates: Array<{ store: CertificateStoreRef; thumbprint: string; label?: string }>;
  /** Credentials written, with the one each replaced (its secret in base64). */
  credentials: Array<{
    targetName: string;
    type: CredentialType;
    previous?: Omit<CredentialRecord, 'secret'> & { secret: string };
  }>;
}

export interface PlantedCertificate {
  friendlyName?: string;
  /** The private key: a container that exists (`usable`, the default) or a lost one. */
  key?: { container: string; usable?: boolean };
  /** A name for the record, so a proof can find the certificate it planted. */
  label?: string;
}

function keyText(key: RegistryKeyRef): string {
  return `${key.hive}\\${key.view ?? ''}\\${key.path}`.toLowerCase();
}

function parentKey(key: RegistryKeyRef): RegistryKeyRef | undefined {
  const cut = key.path.lastIndexOf('\\');
  return cut <= 0 ? undefined : { ...key, path: key.path.slice(0, cut) };
}

export class ScenarioSeeder {
  readonly planted: PlantedRecord = {
    createdKeys: [],
    changedValues: [],
    createdPaths: [],
    certificates: [],
    credentials: [],
  };
  /** Keys known to exist (made or found), so each is looked up once. */
  private readonly existingKeys = new Set<string>();
  /** Keys this seeding made. */
  private readonly createdKeys = new Set<string>();
  private readonly existingPaths = new Set<string>();
  /** Files and folders this seeding made. */
  private readonly createdPaths = new Set<string>();

  private constructor(
    readonly host: HostSystem,
    private readonly machine: MachineSeeding,
    private readonly folders: ReadonlyMap<KnownFolderId, string>,
    readonly now: Date,
  ) {}

  static async open(host: HostSystem, machine: MachineSeeding, now: Date): Promise<ScenarioSeeder> {
    const folders = new Map<KnownFolderId, string>();
    for (const id of KNOWN_FOLDERS) {
      const path = await host.files.knownFolder(id);
      if (path !== undefined) folders.set(id, path);
    }
    return new ScenarioSeeder(host, machine, folders, now);
  }

  folder(id: KnownFolderId, ...segments: string[]): string {
    const base = this.folders.get(id);
    if (base === undefined) throw new Error(`This machine has no known folder ${id}`);
    return this.host.files.join(base, ...segments);
  }

  path(fact: FolderFact, ...more: string[]): string {
    return this.folder(fact.knownFolder, ...fact.segments, ...more);
  }

  /** A folder path as registry values keep it: with the trailing separator. */
  folderValue(fact: FolderFact): string {
    return `${this.path(fact)}${sep}`;
  }

  async createKey(key: RegistryKeyRef): Promise<void> {
    if (this.existingKeys.has(keyText(key))) return;
    // The keys this call creates, deepest first: the last one is what taking it off removes.
    const created: RegistryKeyRef[] = [];
    for (let probe: RegistryKeyRef | undefined = key; probe; probe = parentKey(probe)) {
      if (this.existingKeys.has(keyText(probe))) break;
      if ((await this.host.registry.listSubkeys(probe)) !== undefined) break;
      created.push(probe);
    }
    const topmost = created.at(-1);
    if (topmost) {
      await this.host.registry.createKey(key);
      // Inside a key this seeding made, removing that one takes this along.
      const parent = parentKey(topmost);
      if (!parent || !this.createdKeys.has(keyText(parent))) this.planted.createdKeys.push(topmost);
    }
    for (const made of created) this.createdKeys.add(keyText(made));
    for (let probe: RegistryKeyRef | undefined = key; probe; probe = parentKey(probe))
      this.existingKeys.add(keyText(probe));
  }

  async setValue(key: RegistryKeyRef, name: string, value: RegistryValue): Promise<void> {
    await this.createKey(key);
    const recorded = this.planted.changedValues.some(
      (changed) => keyText(changed.key) === keyText(key) && changed.name === name,
    );
    // A value in a key that was there before: keep what it replaced.
    if (!this.createdKeys.has(keyText(key)) && !recorded) {
      const previous = await this.host.registry.getValue(key, name);
      this.planted.changedValues.push({ key, name, ...(previous ? { previous } : {}) });
    }
    await this.host.registry.setValue(key, name, value);
  }

  async setValues(key: RegistryKeyRef, values: Record<string, RegistryValue>): Promise<void> {
    for (const [name, value] of Object.entries(values)) await this.setValue(key, name, value);
  }

  async file(path: string, content: string | Uint8Array): Promise<void> {
    await this.noteNewPath(path);
    const bytes = typeof content === 'string' ? new Uint8Array(Buffer.from(content)) : content;
    await this.host.files.writeFile(path, bytes);
  }

  async directory(path: string): Promise<void> {
    await this.noteNewPath(path);
    await this.host.files.makeDirectory(path);
  }

  /** An executable with a real version (a version resource, or the practice PC's record). */
  async executable(path: string, version: string): Promise<void> {
    await this.noteNewPath(path);
    await this.machine.writeExecutable(this.host, path, version);
  }

  /** Imports the certificate (with its key link, if any) and answers its thumbprint. */
  async addCertificate(
    store: CertificateStoreRef,
    der: Uint8Array,
    options: PlantedCertificate = {},
  ): Promise<string> {
    const entry = certificateEntryFor(
      der,
      options.friendlyName === undefined ? {} : { friendlyName: options.friendlyName },
    );
    await this.host.certificates.importEntry(store, entry);
    const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
    if (options.key) {
      await this.machine.attachPrivateKey(
        this.host,
        store,
        thumbprint,
        options.key.container,
        options.key.usable ?? true,
      );
    }
    this.planted.certificates.push({
      store,
      thumbprint,
      ...(options.label === undefined ? {} : { label: options.label }),
    });
    return thumbprint;
  }

  async addCredential(fact: CredentialFact, comment?: string): Promise<void> {
    const previous = await this.host.credentials.read(fact.targetName, fact.type);
    await this.host.credentials.write({
      targetName: fact.targetName,
      type: fact.type,
      userName: fact.userName,
      persist: 'local-machine',
      ...(comment === undefined ? {} : { comment }),
      lastWritten: this.now.toISOString(),
      secret: secretBytes(fact.secret),
    });
    this.planted.credentials.push({
      targetName: fact.targetName,
      type: fact.type,
      ...(previous
        ? { previous: { ...previous, secret: Buffer.from(previous.secret).toString('base64') } }
        : {}),
    });
  }

  startProcess(process: SeededProcess): Promise<number> {
    return this.machine.startProcess(process);
  }

  installService(status: ServiceStatus): Promise<void> {
    return this.machine.installService(status);
  }

  /** Records the topmost folder or file that writing `path` creates. */
  private async noteNewPath(path: string): Promise<void> {
    const parentOf = (probe: string) => probe.slice(0, Math.max(0, probe.lastIndexOf(sep)));
    const created: string[] = [];
    for (
      let probe = path;
      probe !== '' && !this.existingPaths.has(probe);
      probe = parentOf(probe)
    ) {
      if ((await this.host.files.stat(probe)) !== undefined) break;
      created.push(probe);
    }
    const topmost = created.at(-1);
    // Inside a folder this seeding made, removing that one takes this along.
    if (topmost !== undefined && !this.createdPaths.has(parentOf(topmost)))
      this.planted.createdPaths.push(topmost);
    for (const made of created) this.createdPaths.add(made);
    for (let probe = path; probe !== ''; probe = parentOf(probe)) this.existingPaths.add(probe);
  }
}
