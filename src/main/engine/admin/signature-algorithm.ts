/**
 * The signature algorithm of a certificate, read from its DER. Node 20's X509Certificate does not
 * expose it, and a library's name table throws on the old algorithms (MD5, MD2) that matter most
 * here, so the outer AlgorithmIdentifier is read directly.
 */
import { decodeOid, readTlv } from './der';

export interface SignatureAlgorithm {
  oid: string;
  /** e.g. "sha256WithRSAEncryption", or the OID when unknown. */
  name: string;
  /** Hash functions no longer accepted for certificate signatures (SHA-1, MD5, MD2). */
  weak: boolean;
}

const KNOWN: Record<string, { name: string; weak: boolean }> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', weak: true },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', weak: true },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', weak: true },
  '1.3.14.3.2.29': { name: 'sha1WithRSASignature', weak: true },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', weak: true },
  '1.2.840.10040.4.3': { name: 'dsa-with-SHA1', weak: true },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', weak: false },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', weak: false },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', weak: false },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', weak: false },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', weak: false },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', weak: false },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', weak: false },
  '1.3.101.112': { name: 'Ed25519', weak: false },
  '1.3.101.113': { name: 'Ed448', weak: false },
};

/** Throws on DER that is not a certificate. */
export function signatureAlgorithmOf(der: Uint8Array): SignatureAlgorithm {
  const certificate = readTlv(der, 0);
  if (certificate.tag !== 0x30) throw new Error('not a certificate');
  const tbs = readTlv(der, certificate.contentStart);
  const algorithm = readTlv(der, tbs.end);
  if (algorithm.tag !== 0x30) throw new Error('no signature algorithm');
  const oid = readTlv(der, algorithm.contentStart);
  if (oid.tag !== 0x06) throw new Error('no signature algorithm OID');
  const text = decodeOid(der.subarray(oid.contentStart, oid.end));
  const known = KNOWN[text];
  return { oid: text, name: known?.name ?? text, weak: known?.weak ?? false };
}
