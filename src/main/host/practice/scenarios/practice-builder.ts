/**
 * Writes an empty practice PC, and later adds the bulk a benchmark asks for in one write per
 * document: ten thousand certificates through the port would rewrite the store ten thousand
 * times. The scenario itself is planted through the ports in between (scenario-seeder.ts), while
 * the stores are still small.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CertificateStoreRef, CredentialRecord, KnownFolderId } from '../../ports';
import { parseCertificateEntry, certificateEntryFor } from '../certificate-entry';
import {
  BUILDING_MARKER,
  CERTIFICATE_STORE_REFS,
  certificateStorePath,
  CREDENTIALS_FILE,
  KEY_FILE,
  KNOWN_FOLDER_IDS,
  knownFolderPath,
  MACHINE_FILE,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  REGISTRY_FILE,
} from '../layout';
import { initialMachine, type MachineDocument } from '../machine-state';
import { JsonDocument } from '../json-document';
import {
  certificateStoreSchema,
  emptyCertificateStore,
  recordFromEntry,
  type CertificateStoreDocument,
} from '../practice-certificates';
import {
  credentialDocumentSchema,
  emptyVault,
  sealCredential,
  type CredentialDocument,
} from '../practice-credentials';
import { emptyRegistry, type RegistryDocument } from '../registry-tree';
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

  addCertificate(store: CertificateStoreRef, der: Uint8Array): void {
    const entry = parseCertificateEntry(certificateEntryFor(der));
    this.stores.get(storeKey(store))?.certificates.push(recordFromEntry(entry));
  }

  addCredential(record: Omit<CredentialRecord, 'lastWritten'>, lastWritten = this.now): void {
    this.vault.credentials.push(
      sealCredential(this.box, { ...record, lastWritten: '' }, lastWritten.toISOString()),
    );
  }

  /**
   * Writes the empty PC, the manifest last. The building marker stays until `finish`, so an
   * interrupted build is known for one.
   */
  async save(): Promise<void> {
    const root = this.root;
    await mkdir(join(root, 'certificates'), { recursive: true });
    await writeFile(join(root, KEY_FILE), this.key, { mode: 0o600 });
    await writeFile(join(root, REGISTRY_FILE), JSON.stringify(this.registry));
    await writeFile(join(root, MACHINE_FILE), JSON.stringify(this.machine));
    await writeFile(join(root, CREDENTIALS_FILE), JSON.stringify(emptyVault()));
    for (const store of CERTIFICATE_STORE_REFS) {
      await writeFile(certificateStorePath(root, store), JSON.stringify(emptyCertificateStore()));
    }
    const manifest = {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      scenario: this.scenario,
      createdAt: this.now.toISOString(),
    };
    await writeFile(join(root, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  }

  /** Adds the bulk to what the scenario planted, one write per document; the PC is done. */
  async finish(): Promise<void> {
    for (const store of CERTIFICATE_STORE_REFS) {
      const bulk = this.stores.get(storeKey(store))?.certificates ?? [];
      if (bulk.length === 0) continue;
      await new JsonDocument({
        path: certificateStorePath(this.root, store),
        schema: certificateStoreSchema,
      }).update((document) => {
        document.certificates = document.certificates.concat(bulk);
      });
    }
    if (this.vault.credentials.length > 0) {
      await new JsonDocument({
        path: join(this.root, CREDENTIALS_FILE),
        schema: credentialDocumentSchema,
      }).update((document) => {
        document.credentials = document.credentials.concat(this.vault.credentials);
      });
    }
    await rm(join(this.root, BUILDING_MARKER), { force: true });
  }
}

function storeKey(store: CertificateStoreRef): string {
  return `${store.location}\\${store.name}`;
}
