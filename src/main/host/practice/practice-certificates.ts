/**
 * Certificate stores of the practice PC. A store keeps each certificate's bytes and properties
 * as they were imported; it does not parse the DER, just as a Windows store hands back what it
 * holds. So a malformed certificate is listed with the others (its thumbprint is the SHA-1 of
 * its bytes) and it is the reader's job to report it, never a reason to hide the rest.
 */
import { hash } from 'node:crypto';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors';
import type { CertificateStorePort, CertificateStoreRef, StoredCertificate } from '../ports';
import {
  friendlyNameOf,
  hasPrivateKeyLink,
  keyContainerOf,
  parseCertificateEntry,
  serializeCertificateEntry,
  type CertificateEntry,
} from './certificate-entry';
import { JsonDocument } from './json-document';
import { certificateStorePath } from './layout';
import { canonicalBase64, dword } from './document-checks';

export interface StoredCertificateRecord {
  der: string;
  properties: Array<{ id: number; data: string }>;
}

export interface CertificateStoreDocument {
  format: 1;
  certificates: StoredCertificateRecord[];
}

export const certificateStoreSchema: v.GenericSchema<CertificateStoreDocument> = v.object({
  format: v.literal(1),
  certificates: v.array(
    v.object({
      der: v.pipe(canonicalBase64, v.minLength(1, 'not empty')),
      properties: v.array(v.object({ id: dword, data: canonicalBase64 })),
    }),
  ),
});

export function emptyCertificateStore(): CertificateStoreDocument {
  return { format: 1, certificates: [] };
}

export function thumbprintOf(der: Uint8Array): string {
  // The one-shot hash avoids a Hash object per certificate: it matters at ten thousand.
  return hash('sha1', der, 'hex').toUpperCase();
}

export function recordFromEntry(entry: CertificateEntry): StoredCertificateRecord {
  return {
    der: Buffer.from(entry.der).toString('base64'),
    properties: entry.properties.map((property) => ({
      id: property.id,
      data: Buffer.from(property.data).toString('base64'),
    })),
  };
}

interface DecodedCertificate {
  thumbprint: string;
  entry: CertificateEntry;
}

function decode(record: StoredCertificateRecord): DecodedCertificate {
  const der = new Uint8Array(Buffer.from(record.der, 'base64'));
  return {
    thumbprint: thumbprintOf(der),
    entry: {
      der,
      properties: record.properties.map((property) => ({
        id: property.id,
        data: new Uint8Array(Buffer.from(property.data, 'base64')),
      })),
    },
  };
}

const THUMBPRINT = /^[0-9A-F]{40}$/;

function normaliseThumbprint(thumbprint: string): string {
  const upper = thumbprint.replace(/[\s:]/g, '').toUpperCase();
  if (!THUMBPRINT.test(upper)) {
    throw new AppError('invalid-request', `Not a certificate thumbprint: ${thumbprint}`, {
      thumbprint,
    });
  }
  return upper;
}

function storeLabel(store: CertificateStoreRef): string {
  return `${store.location}\\${store.name}`;
}

/**
 * `keyContainers` answers which key containers exist (the machine document's list; `undefined`:
 * every link opens), so a certificate can point at a key that is gone, as on Windows.
 */
export function practiceCertificates(
  root: string,
  keyContainers: () => Promise<readonly string[] | undefined> = async () => undefined,
): CertificateStorePort {
  const documents = new Map<string, JsonDocument<CertificateStoreDocument>>();
  // Decoding is cached per parsed document, so ten thousand certificates are hashed once.
  const decodedByDocument = new WeakMap<CertificateStoreDocument, DecodedCertificate[]>();

  function documentFor(store: CertificateStoreRef): JsonDocument<CertificateStoreDocument> {
    if (!['CurrentUser', 'LocalMachine'].includes(store.location)) {
      throw new AppError('invalid-request', `Unknown store location ${String(store.location)}`);
    }
    if (!['My', 'Root', 'CA', 'Disallowed'].includes(store.name)) {
      throw new AppError('invalid-request', `Unknown certificate store ${String(store.name)}`);
    }
    const label = storeLabel(store);
    let document = documents.get(label);
    if (!document) {
      document = new JsonDocument({
        path: certificateStorePath(root, store),
        schema: certificateStoreSchema,
        whenMissing: emptyCertificateStore,
      });
      documents.set(label, document);
    }
    return document;
  }

  function decoded(document: CertificateStoreDocument): DecodedCertificate[] {
    let list = decodedByDocument.get(document);
    if (!list) {
      list = document.certificates.map(decode);
      decodedByDocument.set(document, list);
    }
    return list;
  }

  async function find(store: CertificateStoreRef, thumbprint: string) {
    const wanted = normaliseThumbprint(thumbprint);
    const document = await documentFor(store).read();
    return decoded(document).find((certificate) => certificate.thumbprint === wanted);
  }

  return {
    async list(store): Promise<StoredCertificate[]> {
      const document = await documentFor(store).read();
      return decoded(document).map(({ thumbprint, entry }) => {
        const friendlyName = friendlyNameOf(entry.properties);
        return {
          thumbprint,
          der: entry.der.slice(),
          hasPrivateKey: hasPrivateKeyLink(entry.properties),
          ...(friendlyName === undefined ? {} : { friendlyName }),
        };
      });
    },
    async privateKeyStatus(store, thumbprint) {
      const found = await find(store, thumbprint);
      if (!found) return undefined;
      const container = keyContainerOf(found.entry.properties);
      if (container === undefined) return 'missing';
      const existing = await keyContainers();
      return existing === undefined || existing.includes(container) ? 'usable' : 'unusable';
    },
    async exportEntry(store, thumbprint) {
      const found = await find(store, thumbprint);
      return found && serializeCertificateEntry(found.entry);
    },
    async importEntry(store, bytes) {
      const entry = parseCertificateEntry(bytes);
      const thumbprint = thumbprintOf(entry.der);
      const record = recordFromEntry(entry);
      // Like CERT_STORE_ADD_REPLACE_EXISTING: importing a certificate already there replaces
      // it, so restoring a backup twice never leaves two copies.
      await documentFor(store).update((document) => {
        decodedByDocument.delete(document);
        const index = document.certificates.findIndex(
          (candidate) => thumbprintOf(Buffer.from(candidate.der, 'base64')) === thumbprint,
        );
        if (index === -1) document.certificates.push(record);
        else document.certificates[index] = record;
      });
    },
    async remove(store, thumbprint) {
      if (!(await find(store, thumbprint))) return false;
      const wanted = normaliseThumbprint(thumbprint);
      return documentFor(store).update((document) => {
        decodedByDocument.delete(document);
        const index = document.certificates.findIndex(
          (candidate) => thumbprintOf(Buffer.from(candidate.der, 'base64')) === wanted,
        );
        if (index === -1) return false;
        document.certificates.splice(index, 1);
        return true;
      });
    },
  };
}
