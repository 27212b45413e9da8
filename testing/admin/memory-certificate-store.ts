/**
 * A certificate-store port held in memory, for tests of the chain verifier on its own. The
 * end-to-end tests use the practice PC's real stores instead; this stands in only where a test
 * is about the verifier's judgement, not about reading a PC.
 */
import { createHash } from 'node:crypto';
import type {
  CertificateStorePort,
  CertificateStoreRef,
  StoredCertificate,
} from '../../src/main/host/ports';

const key = (store: CertificateStoreRef) => `${store.location}\\${store.name}`;

export function memoryCertificateStore(): CertificateStorePort & {
  add(store: CertificateStoreRef, der: Uint8Array): void;
} {
  const stores = new Map<string, StoredCertificate[]>();
  const entries = (store: CertificateStoreRef) => {
    let list = stores.get(key(store));
    if (!list) stores.set(key(store), (list = []));
    return list;
  };
  const add = (store: CertificateStoreRef, der: Uint8Array) => {
    const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
    const list = entries(store);
    if (!list.some((entry) => entry.thumbprint === thumbprint)) {
      list.push({ thumbprint, der, hasPrivateKey: false });
    }
  };
  return {
    add,
    list: async (store) => entries(store).map((entry) => ({ ...entry })),
    // Roots and intermediates: no private keys here.
    privateKeyStatus: async (store, thumbprint) =>
      entries(store).some((entry) => entry.thumbprint === thumbprint) ? 'missing' : undefined,
    exportEntry: async (store, thumbprint) =>
      entries(store).find((entry) => entry.thumbprint === thumbprint)?.der,
    importEntry: async (store, entry) => add(store, entry),
    remove: async (store, thumbprint) => {
      const list = entries(store);
      const index = list.findIndex((entry) => entry.thumbprint === thumbprint);
      if (index < 0) return false;
      list.splice(index, 1);
      return true;
    },
  };
}
