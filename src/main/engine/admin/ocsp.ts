/**
 * A real OCSP request, as Windows makes it: the request for one certificate (RFC 6960, CertID
 * with SHA-1 hashes of the issuer's name and key), sent by GET. The answer is read, and its
 * signature checked, in ocsp-response.ts.
 */
import { createHash } from 'node:crypto';
import type { CertificateInfo } from './certificate-info';
import { BIT_STRING, childrenOf, OCTET_STRING, readTlv, SEQUENCE, type Tlv } from './der';

const INTEGER = 0x02;
const VERSION_TAG = 0xa0;
/** AlgorithmIdentifier for SHA-1 (1.3.14.3.2.26) with NULL parameters. */
const SHA1_ALGORITHM = Uint8Array.from([
  0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00,
]);

function encode(tag: number, content: Uint8Array): Uint8Array {
  const length =
    content.length < 0x80
      ? [content.length]
      : content.length < 0x100
        ? [0x81, content.length]
        : [0x82, content.length >> 8, content.length & 0xff];
  return Uint8Array.from([tag, ...length, ...content]);
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const sha1 = (bytes: Uint8Array) => new Uint8Array(createHash('sha1').update(bytes).digest());

/** TBSCertificate's fields, past the optional version. */
function tbsFields(der: Uint8Array): Tlv[] {
  const certificate = readTlv(der, 0);
  const fields = childrenOf(der, readTlv(der, certificate.contentStart, certificate.end));
  return fields[0]?.tag === VERSION_TAG ? fields.slice(1) : fields;
}

/** What a CertID is made of: the serial number, the subject name and the public key's bits. */
export function certificateParts(info: CertificateInfo) {
  const der = info.der;
  const [serial, , , , subject, spki] = tbsFields(der);
  if (serial?.tag !== INTEGER || subject?.tag !== SEQUENCE || spki?.tag !== SEQUENCE) {
    throw new Error('not a certificate');
  }
  const key = childrenOf(der, spki).find((part) => part.tag === BIT_STRING);
  if (!key) throw new Error('no public key');
  return {
    serial: der.subarray(serial.contentStart, serial.end),
    subject: der.subarray(subject.start, subject.end),
    // The key's bits, without the BIT STRING's unused-bits byte.
    publicKey: der.subarray(key.contentStart + 1, key.end),
  };
}

/** The DER OCSPRequest for `certificate`, issued by `issuer`. */
export function ocspRequest(certificate: CertificateInfo, issuer: CertificateInfo): Uint8Array {
  const child = certificateParts(certificate);
  const parent = certificateParts(issuer);
  const certId = encode(
    SEQUENCE,
    concat(
      SHA1_ALGORITHM,
      encode(OCTET_STRING, sha1(parent.subject)),
      encode(OCTET_STRING, sha1(parent.publicKey)),
      encode(INTEGER, child.serial),
    ),
  );
  const request = encode(SEQUENCE, certId);
  return encode(SEQUENCE, encode(SEQUENCE, encode(SEQUENCE, request)));
}

/** RFC 6960 A.1: GET {url}/{url-encoded base64 of the DER request}. */
export function ocspGetUrl(responder: string, request: Uint8Array): string {
  const base64 = Buffer.from(request).toString('base64');
  return `${responder.replace(/\/$/, '')}/${encodeURIComponent(base64)}`;
}
