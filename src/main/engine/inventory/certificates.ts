/**
 * The personal certificates the KB article is about: CurrentUser\My, issued by
 * `CN=Communications Server`. Parsing DER is the slow part of a diagnosis (about 0.2 ms per
 * certificate), so only certificates whose bytes contain the issuer's name are parsed; the
 * others get a cheap structural check so a damaged one is still reported.
 */
import { X509Certificate } from 'node:crypto';
import type {
  CertificateStorePort,
  CertificateStoreRef,
  PrivateKeyStatus,
  StoredCertificate,
} from '../../host/ports';
import { COMMUNICATIONS_SERVER_ISSUER } from './locations';
import { looksLikeAddress, sameAddress, stripSipPrefix } from '../sip-address';

export interface PersonalCertificate {
  store: CertificateStoreRef;
  thumbprint: string;
  hasPrivateKey: boolean;
  /** Whether the client could open its key; set by `checkPrivateKeys`. */
  privateKey?: PrivateKeyStatus;
  friendlyName?: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** SIP addresses from the SAN URIs and the subject CN, as written. */
  addresses: string[];
}

export interface UnreadableCertificate {
  thumbprint: string;
  reason: string;
}

export interface CertificateScan {
  communicationsServer: PersonalCertificate[];
  unreadable: UnreadableCertificate[];
  total: number;
}

const ISSUER_ASCII = Buffer.from(COMMUNICATIONS_SERVER_ISSUER, 'latin1');
const ISSUER_UTF16BE = Buffer.from(COMMUNICATIONS_SERVER_ISSUER, 'utf16le').swap16();

/** A DER certificate is one SEQUENCE whose length covers the whole buffer. */
export function derLooksWhole(der: Uint8Array): boolean {
  if (der.length < 2 || der[0] !== 0x30) return false;
  const first = der[1] ?? 0;
  if (first < 0x80) return 2 + first === der.length;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || der.length < 2 + count) return false;
  let length = 0;
  for (let index = 0; index < count; index += 1) length = length * 256 + (der[2 + index] ?? 0);
  return 2 + count + length === der.length;
}

function dnLines(dn: string): string[] {
  return dn.split('\n').map((line) => line.trim());
}

function commonName(dn: string): string | undefined {
  const line = dnLines(dn).find((candidate) => candidate.toUpperCase().startsWith('CN='));
  return line?.slice(3);
}

/** Node prints SAN entries as `URI:sip:a@b, DNS:x`, quoting (JSON style) values with odd characters. */
export function sanUris(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  const uris: string[] = [];
  const pattern = /(?:^|, )([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)/g;
  for (const match of subjectAltName.matchAll(pattern)) {
    if (match[1] !== 'URI' || match[2] === undefined) continue;
    let value = match[2];
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        continue;
      }
    }
    uris.push(value);
  }
  return uris;
}

function parse(store: CertificateStoreRef, stored: StoredCertificate): PersonalCertificate | null {
  const certificate = new X509Certificate(stored.der);
  const issuerCn = commonName(certificate.issuer);
  if (issuerCn?.toLowerCase() !== COMMUNICATIONS_SERVER_ISSUER.toLowerCase()) return null;
  const addresses: string[] = [];
  for (const uri of sanUris(certificate.subjectAltName)) {
    if (/^sip:/i.test(uri) && looksLikeAddress(uri)) addresses.push(stripSipPrefix(uri));
  }
  const subjectCn = commonName(certificate.subject);
  if (subjectCn && looksLikeAddress(subjectCn)) {
    const address = stripSipPrefix(subjectCn);
    if (!addresses.some((known) => sameAddress(known, address))) {
      addresses.push(address);
    }
  }
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
    throw new Error('its validity dates cannot be read');
  }
  return {
    store,
    thumbprint: stored.thumbprint,
    hasPrivateKey: stored.hasPrivateKey,
    ...(stored.friendlyName !== undefined ? { friendlyName: stored.friendlyName } : {}),
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    notBefore,
    notAfter,
    addresses,
  };
}

export function scanCertificates(
  store: CertificateStoreRef,
  certificates: StoredCertificate[],
): CertificateScan {
  const scan: CertificateScan = { communicationsServer: [], unreadable: [], total: 0 };
  for (const stored of certificates) {
    scan.total += 1;
    const bytes = Buffer.from(stored.der.buffer, stored.der.byteOffset, stored.der.byteLength);
    const candidate = bytes.includes(ISSUER_ASCII) || bytes.includes(ISSUER_UTF16BE);
    if (!candidate) {
      if (!derLooksWhole(stored.der)) {
        scan.unreadable.push({
          thumbprint: stored.thumbprint,
          reason: 'its data is not a whole DER certificate',
        });
      }
      continue;
    }
    try {
      const parsed = parse(store, stored);
      if (parsed) scan.communicationsServer.push(parsed);
    } catch (error) {
      scan.unreadable.push({
        thumbprint: stored.thumbprint,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return scan;
}

/**
 * Opens (and releases at once) the private key of each Communications Server certificate that
 * links one: one whose key is missing or cannot be opened is as useless to the client as an
 * expired one. Only these few certificates are checked, never the whole store.
 */
export async function checkPrivateKeys(
  certificates: CertificateStorePort,
  scan: CertificateScan,
): Promise<CertificateScan> {
  const communicationsServer = await Promise.all(
    scan.communicationsServer.map(async (certificate) => {
      // No key link in the store listing: the key is missing, which opening it would only repeat.
      if (!certificate.hasPrivateKey) return { ...certificate, privateKey: 'missing' as const };
      const privateKey = await certificates
        .privateKeyStatus(certificate.store, certificate.thumbprint)
        .catch((): PrivateKeyStatus => 'unusable');
      return privateKey ? { ...certificate, privateKey } : certificate;
    }),
  );
  return { ...scan, communicationsServer };
}
