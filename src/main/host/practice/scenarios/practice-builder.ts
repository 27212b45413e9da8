/**
 * Assembles a practice PC in memory and writes it out in one go. Scenarios go through this
 * rather than the ports because a benchmark scenario adds ten thousand certificates: through
 * the port that would rewrite the store ten thousand times.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RegistryKeyRef, RegistryValue } from '../../../../shared/registry-value';
import type {
  CertificateStoreRef,
  CredentialRecord,
  KnownFolderId,
  ServiceStatus,
} from '../../ports';
import { parseCertificateEntry, certificateEntryFor } from '../certificate-entry';
import {
  BUILDING_MARKER,
  CERTIFICATE_STORE_REFS,
  certificateStorePath,
  CREDENTIALS_FILE,
  driveRoot,
  KEY_FILE,
  KNOWN_FOLDER_IDS,
  knownFolderPath,
  MACHINE_FILE,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  REGISTRY_FILE,
} from '../layout';
import { initialMachine, type MachineDocument, type PracticeProcess } from '../machine-state';
import {
  emptyCertificateStore,
  recordFromEntry,
  type CertificateStoreDocument,
} from '../practice-certificates';
import { emptyVault, sealCredential, type CredentialDocument } from '../practice-credentials';
import { fileVersionKey } from '../practice-files';
import { setUpAndRunning } from '../practice-processes';
import { emptyRegistry, ensureKey, putValue, type RegistryDocument } from '../registry-tree';
import { registryValueSchema } from '../registry-values';
import { createKey, secretBox, type SecretBox } from '../secret-box';
import type { FolderFact } from './facts';

export class PracticeBuilder {
  readonly registry: RegistryDocument = emptyRegistry();
  readonly machine: MachineDocument = initialMachine();
  readonly vault: CredentialDocument = emptyVault();
  private readonly stores = new Map<string, CertificateStoreDocument>();
  private readonly key = createKey();
  private readonly box: SecretBox = secretBox(this.key);

  constructor(
    readonly root: string,
    private readonly scenario: string,
    private readonly now: Date,
  ) {
    for (const store of CERTIFICATE_STORE_REFS)
      this.stores.set(storeKey(store), emptyCertificateStore());
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, BUILDING_MARKER), '');
    for (const id of KNOWN_FOLDER_IDS) mkdirSync(knownFolderPath(root, id), { recursive: true });
  }

  folder(id: KnownFolderId, ...segments: string[]): string {
    return join(knownFolderPath(this.root, id), ...segments);
  }

  path(fact: FolderFact, ...more: string[]): string {
    return this.folder(fact.knownFolder, ...fact.segments, ...more);
  }

  setValue(key: RegistryKeyRef, name: string, value: RegistryValue): void {
    putValue(ensureKey(this.registry, key), name, registryValueSchema.parse(value));
  }

  setValues(key: RegistryKeyRef, values: Record<string, RegistryValue>): void {
    for (const [name, value] of Object.entries(values)) this.setValue(key, name, value);
  }

  createKey(key: RegistryKeyRef): void {
    ensureKey(this.registry, key);
  }

  upAndRunning(imageName: string, state: number): void {
    setUpAndRunning(this.registry, imageName, state);
  }

  addCertificate(
    store: CertificateStoreRef,
    der: Uint8Array,
    options: { friendlyName?: string; keyContainer?: string; keyUnusable?: boolean } = {},
  ): void {
    // The key is created with the certificate, unless the scenario wants a link to a lost key.
    if (options.keyContainer !== undefined && !options.keyUnusable) {
      this.machine.keyContainers = [...(this.machine.keyContainers ?? []), options.keyContainer];
    }
    const entry = parseCertificateEntry(certificateEntryFor(der, options));
    this.stores.get(storeKey(store))?.certificates.push(recordFromEntry(entry));
  }

  addCredential(record: Omit<CredentialRecord, 'lastWritten'>, lastWritten = this.now): void {
    this.vault.credentials.push(
      sealCredential(this.box, { ...record, lastWritten: '' }, lastWritten.toISOString()),
    );
  }

  file(path: string, content: string | Uint8Array): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }

  directory(path: string): void {
    mkdirSync(path, { recursive: true });
  }

  fileVersion(path: string, version: string): void {
    this.machine.fileVersions[fileVersionKey(driveRoot(this.root), path)] = version;
  }

  service(status: ServiceStatus): void {
    this.machine.services.push(status);
  }

  process(process: Omit<PracticeProcess, 'pid'> & { pid?: number }): number {
    const pid = process.pid ?? this.machine.nextPid;
    this.machine.nextPid = Math.max(this.machine.nextPid, pid) + 4;
    this.machine.processes.push({ ...process, pid });
    return pid;
  }

  /** Writes every document; the manifest last, so a half-written PC is never taken for one. */
  async save(): Promise<void> {
    const root = this.root;
    await mkdir(join(root, 'certificates'), { recursive: true });
    await writeFile(join(root, KEY_FILE), this.key, { mode: 0o600 });
    await writeFile(join(root, REGISTRY_FILE), JSON.stringify(this.registry));
    await writeFile(join(root, MACHINE_FILE), JSON.stringify(this.machine));
    await writeFile(join(root, CREDENTIALS_FILE), JSON.stringify(this.vault));
    for (const store of CERTIFICATE_STORE_REFS) {
      await writeFile(
        certificateStorePath(root, store),
        JSON.stringify(this.stores.get(storeKey(store))),
      );
    }
    const manifest = {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      scenario: this.scenario,
      createdAt: this.now.toISOString(),
    };
    await writeFile(join(root, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
    await rm(join(root, BUILDING_MARKER), { force: true });
  }
}

function storeKey(store: CertificateStoreRef): string {
  return `${store.location}\\${store.name}`;
}
