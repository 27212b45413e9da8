/**
 * The trust this PC really has, read once per check through the certificate-store port: the
 * trusted roots and intermediates of the current user and the machine, and what is explicitly
 * distrusted. Unreadable stores and malformed entries are noted, never fatal.
 */
import type {
  CertificateStorePort,
  CertificateStoreLocation,
  CertificateStoreName,
} from '../../host/ports';
import { readCertificate, type CertificateInfo } from './certificate-info';

export type StoreLabel = `${CertificateStoreLocation}\\${CertificateStoreName}`;

export interface TrustedCertificate {
  info: CertificateInfo;
  store: StoreLabel;
}

export interface TrustSnapshot {
  /** CurrentUser\Root and LocalMachine\Root: the anchors Windows accepts. */
  roots: TrustedCertificate[];
  /** CurrentUser\CA and LocalMachine\CA: intermediates Windows can use to complete a chain. */
  intermediates: TrustedCertificate[];
  /** Thumbprint → the Disallowed stores holding it. */
  disallowed: Map<string, StoreLabel[]>;
  /** Roots by thumbprint → the Root stores holding them. */
  rootStores: Map<string, StoreLabel[]>;
  /** Stores that could not be read and entries that could not be parsed, in plain words. */
  notes: string[];
}

const LOCATIONS: CertificateStoreLocation[] = ['CurrentUser', 'LocalMachine'];

async function readStore(
  port: CertificateStorePort,
  location: CertificateStoreLocation,
  name: CertificateStoreName,
  notes: string[],
  onThumbprint?: (thumbprint: string, store: StoreLabel) => void,
): Promise<TrustedCertificate[]> {
  const store: StoreLabel = `${location}\\${name}`;
  let entries;
  try {
    entries = await port.list({ location, name });
  } catch (error) {
    notes.push(
      `Could not read ${store}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return [];
  }
  const result: TrustedCertificate[] = [];
  for (const entry of entries) {
    // Distrust is by thumbprint; it holds even for an entry this code cannot parse.
    onThumbprint?.(entry.thumbprint.toUpperCase(), store);
    try {
      result.push({ info: readCertificate(entry.der), store });
    } catch (error) {
      notes.push(
        `${store} holds an unreadable certificate (thumbprint ${entry.thumbprint}): ` +
          `${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return result;
}

function addTo(map: Map<string, StoreLabel[]>, thumbprint: string, store: StoreLabel): void {
  const list = map.get(thumbprint);
  if (list) {
    if (!list.includes(store)) list.push(store);
  } else map.set(thumbprint, [store]);
}

export async function loadTrust(port: CertificateStorePort): Promise<TrustSnapshot> {
  const notes: string[] = [];
  const disallowed = new Map<string, StoreLabel[]>();
  const read = (name: CertificateStoreName, onThumbprint?: (t: string, s: StoreLabel) => void) =>
    Promise.all(
      LOCATIONS.map((location) => readStore(port, location, name, notes, onThumbprint)),
    ).then((lists) => lists.flat());
  const [roots, intermediates] = await Promise.all([
    read('Root'),
    read('CA'),
    read('Disallowed', (thumbprint, store) => addTo(disallowed, thumbprint, store)),
  ]);
  const rootStores = new Map<string, StoreLabel[]>();
  for (const entry of roots) addTo(rootStores, entry.info.thumbprint, entry.store);
  return { roots, intermediates, disallowed, rootStores, notes };
}
