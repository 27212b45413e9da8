/**
 * Roots the current user added to CurrentUser\Root that Windows nevertheless treats as
 * distrusted because the same certificate is in a Disallowed store: chain building then ends in
 * CERT_TRUST_IS_EXPLICIT_DISTRUST (CAPI2 event 11). The known case is DigiCert Global Root G2,
 * which Microsoft's online services chain to; removing the user-level copy lets Windows use the
 * machine's copy. Shared by the finding and the `remove-distrusted-root` planner.
 */
import type { CertificateStorePort, CertificateStoreRef } from '../../host/ports';
import { readCertificate } from './certificate-info';
import type { StoreLabel } from './trust-store';

export const DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT = 'DF3C24F9BFD666761B268073FE06D1CC8D4F82A4';

export const USER_ROOT_STORE: CertificateStoreRef = { location: 'CurrentUser', name: 'Root' };

const DISALLOWED_STORES: CertificateStoreRef[] = [
  { location: 'CurrentUser', name: 'Disallowed' },
  { location: 'LocalMachine', name: 'Disallowed' },
];

export interface DistrustedUserRoot {
  thumbprint: string;
  subject: string;
  issuer: string;
  /** ISO 8601, empty when the certificate cannot be parsed. */
  notAfter: string;
  /** The Disallowed stores that also hold it. */
  distrustedIn: StoreLabel[];
  /** Set for the well-known DigiCert Global Root G2 case. */
  knownCase?: 'digicert-global-root-g2';
}

export async function findDistrustedUserRoots(
  port: CertificateStorePort,
): Promise<DistrustedUserRoot[]> {
  const [userRoots, ...disallowedLists] = await Promise.all([
    port.list(USER_ROOT_STORE),
    ...DISALLOWED_STORES.map((store) => port.list(store)),
  ]);
  const distrusted = new Map<string, StoreLabel[]>();
  disallowedLists.forEach((entries, index) => {
    const store = DISALLOWED_STORES[index] as CertificateStoreRef;
    const label: StoreLabel = `${store.location}\\${store.name}`;
    for (const entry of entries) {
      const thumbprint = entry.thumbprint.toUpperCase();
      distrusted.set(thumbprint, [...(distrusted.get(thumbprint) ?? []), label]);
    }
  });
  const found: DistrustedUserRoot[] = [];
  for (const entry of userRoots) {
    const thumbprint = entry.thumbprint.toUpperCase();
    const distrustedIn = distrusted.get(thumbprint);
    if (!distrustedIn) continue;
    let subject = '(a certificate that cannot be read)';
    let issuer = '';
    let notAfter = '';
    try {
      const info = readCertificate(entry.der);
      subject = info.subject;
      issuer = info.issuer;
      notAfter = info.notAfter.toISOString();
    } catch {
      // Still distrusted and still removable: its thumbprint is what identifies it.
    }
    found.push({
      thumbprint,
      subject,
      issuer,
      notAfter,
      distrustedIn,
      ...(thumbprint === DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT
        ? { knownCase: 'digicert-global-root-g2' as const }
        : {}),
    });
  }
  return found;
}
