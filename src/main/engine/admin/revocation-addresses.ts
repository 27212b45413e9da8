/**
 * The revocation addresses a certificate names: its CRL distribution points (read from the DER,
 * which Node does not expose) and its OCSP responders (Authority Information Access).
 */
import type { CertificateInfo } from './certificate-info';
import { childrenOf, decodeOid, OBJECT_IDENTIFIER, OCTET_STRING, readTlv, type Tlv } from './der';

const CRL_DISTRIBUTION_POINTS = '2.5.29.31';
/** [3] EXPLICIT Extensions in TBSCertificate. */
const EXTENSIONS_TAG = 0xa3;
/** GeneralName uniformResourceIdentifier [6] IA5String. */
const URI_TAG = 0x86;
/** DistributionPoint's cRLIssuer [2]: names of the CRL's issuer, not addresses to fetch. */
const CRL_ISSUER_TAG = 0xa2;

function extensionValue(der: Uint8Array, oid: string): Tlv | undefined {
  const certificate = readTlv(der, 0);
  const tbs = readTlv(der, certificate.contentStart, certificate.end);
  const wrapper = childrenOf(der, tbs).find((child) => child.tag === EXTENSIONS_TAG);
  if (!wrapper) return undefined;
  const list = readTlv(der, wrapper.contentStart, wrapper.end);
  for (const extension of childrenOf(der, list)) {
    const [id, ...rest] = childrenOf(der, extension);
    if (id?.tag !== OBJECT_IDENTIFIER) continue;
    if (decodeOid(der.subarray(id.contentStart, id.end)) !== oid) continue;
    const value = rest.find((part) => part.tag === OCTET_STRING);
    return value ? readTlv(der, value.contentStart, value.end) : undefined;
  }
  return undefined;
}

function collectUris(der: Uint8Array, element: Tlv, into: string[]): void {
  for (const child of childrenOf(der, element)) {
    if (child.tag === URI_TAG) {
      into.push(Buffer.from(der.subarray(child.contentStart, child.end)).toString('latin1'));
    } else if (child.tag & 0x20 && child.tag !== CRL_ISSUER_TAG) {
      collectUris(der, child, into);
    }
  }
}

/** The CRL addresses, in the certificate's order; none when it names none or cannot be read. */
export function crlDistributionPoints(info: CertificateInfo): string[] {
  try {
    const value = extensionValue(info.der, CRL_DISTRIBUTION_POINTS);
    if (!value) return [];
    const urls: string[] = [];
    collectUris(info.der, value, urls);
    return urls;
  } catch {
    return [];
  }
}

export function ocspResponders(info: CertificateInfo): string[] {
  return (info.x509.infoAccess ?? '')
    .split('\n')
    .map((line) => /^OCSP - URI:(.+)$/.exec(line.trim())?.[1])
    .filter((url): url is string => url !== undefined);
}
