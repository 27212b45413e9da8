/**
 * One certificate as the administrators' step reads it: Node's X509Certificate for the checks
 * OpenSSL does well (issuer matching, signatures, host names) plus what people need to read.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { signatureAlgorithmOf, type SignatureAlgorithm } from './signature-algorithm';

export interface CertificateInfo {
  x509: X509Certificate;
  der: Uint8Array;
  /** SHA-1 of the DER, upper-case hex: what certmgr and the host ports call the thumbprint. */
  thumbprint: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  signatureAlgorithm: SignatureAlgorithm;
  /** Subject and issuer are the same name and the certificate's own key verifies it. */
  selfSigned: boolean;
}

export function thumbprintOf(der: Uint8Array): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

/** Node prints names one attribute per line; reports want the familiar one-line form. */
function oneLine(name: string): string {
  return name
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .reverse()
    .join(', ');
}

/** Throws a plain Error naming the problem when the DER is not a usable certificate. */
export function readCertificate(der: Uint8Array): CertificateInfo {
  const x509 = new X509Certificate(der);
  const selfIssued = x509.checkIssued(x509);
  let selfSigned = false;
  if (selfIssued) {
    try {
      selfSigned = x509.verify(x509.publicKey);
    } catch {
      selfSigned = false;
    }
  }
  return {
    x509,
    der,
    thumbprint: thumbprintOf(der),
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    signatureAlgorithm: signatureAlgorithmOf(der),
    selfSigned: selfIssued && selfSigned,
  };
}

/** Whether `issuer`'s name (and key identifiers, when present) match what `child` names. */
export function namesIssuer(issuer: CertificateInfo, child: CertificateInfo): boolean {
  return child.x509.checkIssued(issuer.x509);
}

export function signatureVerifies(issuer: CertificateInfo, child: CertificateInfo): boolean {
  try {
    return child.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}
