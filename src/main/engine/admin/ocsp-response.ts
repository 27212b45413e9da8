/**
 * An OCSPResponse read as the client reads it (RFC 6960 4.2): the answer counts only when it is
 * signed by the certificate's issuer, or by a responder certificate that issuer signed for OCSP
 * signing (id-kp-OCSPSigning), and only its SingleResponse for the very certificate asked about
 * (hash of the issuer's name and key, and the serial number). Anything else a responder, a proxy
 * or someone in between sends is not an answer about this certificate.
 */
import { createHash, verify, X509Certificate, type KeyObject } from 'node:crypto';
import type { CertificateInfo } from './certificate-info';
import {
  BIT_STRING,
  childrenOf,
  decodeOid,
  OCTET_STRING,
  readTlv,
  SEQUENCE,
  type Tlv,
} from './der';
import { certificateParts } from './ocsp';

const ENUMERATED = 0x0a;
const OID = 0x06;
const INTEGER = 0x02;
const RESPONSE_BYTES_TAG = 0xa0;
const CERTS_TAG = 0xa0;
/** id-pkix-ocsp-basic */
const BASIC_RESPONSE = '1.3.6.1.5.5.7.48.1.1';
/** id-kp-OCSPSigning */
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

export type OcspCertificateStatus = 'good' | 'revoked' | 'unknown';

const RESPONSE_STATUS: Record<number, string> = {
  0: 'successful',
  1: 'malformed request',
  2: 'internal error',
  3: 'try later',
  5: 'signature required',
  6: 'unauthorized',
};

/** Hash functions of CertID (the responder may answer with another than the request's SHA-1). */
const CERT_ID_HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithms an OCSP answer is signed with, and the digest Node verifies it with. */
const SIGNATURE_HASHES: Record<string, string | null> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
  '1.3.101.113': null,
};

export type OcspAnswer =
  | {
      kind: 'status';
      certificateStatus: OcspCertificateStatus;
      signedBy: 'issuer' | 'delegated-responder';
    }
  /** A well-formed answer the client would not take: why, in words. */
  | { kind: 'untrusted'; reason: 'signature' | 'not-about-certificate' | 'algorithm' }
  | { kind: 'refused'; status: string }
  | { kind: 'not-ocsp' };

const oidAt = (der: Uint8Array, element: Tlv | undefined): string | undefined => {
  if (element?.tag !== SEQUENCE) return undefined;
  const oid = childrenOf(der, element)[0];
  return oid?.tag === OID ? decodeOid(der.subarray(oid.contentStart, oid.end)) : undefined;
};

const bytesOf = (der: Uint8Array, element: Tlv) => der.subarray(element.contentStart, element.end);

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/** Whether `certId` (DER) names `certificate` issued by `issuer`, with whichever hash it uses. */
function namesCertificate(
  der: Uint8Array,
  certId: Tlv,
  certificate: CertificateInfo,
  issuer: CertificateInfo,
): boolean {
  const [algorithm, nameHash, keyHash, serial] = childrenOf(der, certId);
  const hash = CERT_ID_HASHES[oidAt(der, algorithm) ?? ''];
  if (!hash || nameHash?.tag !== OCTET_STRING || keyHash?.tag !== OCTET_STRING) return false;
  if (serial?.tag !== INTEGER) return false;
  const child = certificateParts(certificate);
  const parent = certificateParts(issuer);
  const digest = (bytes: Uint8Array) => createHash(hash).update(bytes).digest();
  return (
    sameBytes(bytesOf(der, serial), child.serial) &&
    sameBytes(bytesOf(der, nameHash), digest(parent.subject)) &&
    sameBytes(bytesOf(der, keyHash), digest(parent.publicKey))
  );
}

/** The responder certificates the answer carries that `issuer` signed for OCSP signing. */
function delegatedResponders(
  der: Uint8Array,
  certs: Tlv | undefined,
  issuer: CertificateInfo,
  now: Date,
): KeyObject[] {
  if (certs?.tag !== CERTS_TAG) return [];
  const list = childrenOf(der, certs)[0];
  if (list?.tag !== SEQUENCE) return [];
  return childrenOf(der, list).flatMap((element) => {
    try {
      const responder = new X509Certificate(der.subarray(element.start, element.end));
      const current = new Date(responder.validFrom) <= now && now <= new Date(responder.validTo);
      const authorised =
        responder.checkIssued(issuer.x509) &&
        responder.verify(issuer.x509.publicKey) &&
        (responder.keyUsage ?? []).includes(OCSP_SIGNING);
      return current && authorised ? [responder.publicKey] : [];
    } catch {
      return [];
    }
  });
}

function signatureChecks(
  key: KeyObject,
  hash: string | null,
  signed: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    return verify(hash, signed, key, signature);
  } catch {
    return false;
  }
}

/**
 * Reads `body` as the answer about `certificate` (issued by `issuer`): its status when the
 * answer is properly signed and names that certificate.
 */
export function readOcspResponse(
  body: Uint8Array,
  certificate: CertificateInfo,
  issuer: CertificateInfo,
  now: Date = new Date(),
): OcspAnswer {
  try {
    const response = readTlv(body, 0);
    if (response.tag !== SEQUENCE || response.end !== body.length) return { kind: 'not-ocsp' };
    const [status, bytes] = childrenOf(body, response);
    if (status?.tag !== ENUMERATED || status.end - status.contentStart !== 1) {
      return { kind: 'not-ocsp' };
    }
    const code = body[status.contentStart] as number;
    if (code !== 0) return { kind: 'refused', status: RESPONSE_STATUS[code] ?? `status ${code}` };
    if (bytes?.tag !== RESPONSE_BYTES_TAG) return { kind: 'not-ocsp' };
    const responseBytes = readTlv(body, bytes.contentStart, bytes.end);
    const [type, octets] = childrenOf(body, responseBytes);
    if (type?.tag !== OID || octets?.tag !== OCTET_STRING) return { kind: 'not-ocsp' };
    if (decodeOid(bytesOf(body, type)) !== BASIC_RESPONSE) return { kind: 'not-ocsp' };

    // BasicOCSPResponse: tbsResponseData, signatureAlgorithm, signature, [0] certs.
    const basic = readTlv(body, octets.contentStart, octets.end);
    const [data, algorithm, signature, certs] = childrenOf(body, basic);
    if (data?.tag !== SEQUENCE || signature?.tag !== BIT_STRING) return { kind: 'not-ocsp' };
    const responses = childrenOf(body, data).find((part) => part.tag === SEQUENCE);
    if (!responses) return { kind: 'not-ocsp' };

    const hash = SIGNATURE_HASHES[oidAt(body, algorithm) ?? ''];
    if (hash === undefined) return { kind: 'untrusted', reason: 'algorithm' };
    const signed = body.subarray(data.start, data.end);
    // The BIT STRING's first byte counts unused bits: always 0 for a signature.
    const signatureBytes = body.subarray(signature.contentStart + 1, signature.end);
    const byIssuer = signatureChecks(issuer.x509.publicKey, hash, signed, signatureBytes);
    const byDelegate =
      !byIssuer &&
      delegatedResponders(body, certs, issuer, now).some((key) =>
        signatureChecks(key, hash, signed, signatureBytes),
      );
    if (!byIssuer && !byDelegate) return { kind: 'untrusted', reason: 'signature' };

    const single = childrenOf(body, responses).find((candidate) => {
      const certId = childrenOf(body, candidate)[0];
      return certId?.tag === SEQUENCE && namesCertificate(body, certId, certificate, issuer);
    });
    if (!single) return { kind: 'untrusted', reason: 'not-about-certificate' };
    const certStatus = childrenOf(body, single)[1];
    const signedBy = byIssuer ? 'issuer' : 'delegated-responder';
    switch (certStatus?.tag) {
      case 0x80:
        return { kind: 'status', certificateStatus: 'good', signedBy };
      case 0xa1:
        return { kind: 'status', certificateStatus: 'revoked', signedBy };
      case 0x82:
        return { kind: 'status', certificateStatus: 'unknown', signedBy };
      default:
        return { kind: 'not-ocsp' };
    }
  } catch {
    return { kind: 'not-ocsp' };
  }
}
