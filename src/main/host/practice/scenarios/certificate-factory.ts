/**
 * Real X.509 certificates for the scenarios, made with @peculiar/x509 over Node's WebCrypto.
 * One ECDSA P-256 key pair per process signs and is certified by everything: creating a
 * scenario then costs milliseconds, and every chain still verifies (each issuer's key is the
 * key that signed). Bulk certificates for benchmarks are clones of one template with a new
 * serial number and subject number, re-signed with the same key, which is far cheaper than
 * building each through the generator and still gives valid, distinct certificates.
 */
import type * as X509 from '@peculiar/x509';
import { KeyObject, randomBytes, sign, webcrypto } from 'node:crypto';

let x509Library: Promise<typeof X509> | undefined;

/**
 * Loaded on first use: only building a practice PC makes certificates, and loading the library
 * (with reflect-metadata) would cost every command's start-up several times Node's own.
 */
function loadX509(): Promise<typeof X509> {
  x509Library ??= (async () => {
    await import('reflect-metadata');
    const x509 = await import('@peculiar/x509');
    x509.cryptoProvider.set(webcrypto);
    return x509;
  })();
  return x509Library;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

let keyPair: Promise<webcrypto.CryptoKeyPair> | undefined;

function scenarioKeys(): Promise<webcrypto.CryptoKeyPair> {
  keyPair ??= webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  return keyPair;
}

export interface CertificateSpec {
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  sipUri?: string;
  email?: string;
  dnsNames?: string[];
  /** Extended key usage OIDs. */
  usages?: string[];
  ca?: boolean;
}

export const EKU = {
  clientAuth: '1.3.6.1.5.5.7.3.2',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  emailProtection: '1.3.6.1.5.5.7.3.4',
} as const;

/** A positive serial of 16 hex digits, the same length for every certificate. */
function serialHex(): string {
  const bytes = randomBytes(8);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
}

export async function issueCertificate(spec: CertificateSpec): Promise<Uint8Array> {
  const x509 = await loadX509();
  const keys = await scenarioKeys();
  const names: X509.JsonGeneralName[] = [];
  if (spec.sipUri) names.push({ type: 'url', value: spec.sipUri });
  if (spec.email) names.push({ type: 'email', value: spec.email });
  for (const dns of spec.dnsNames ?? []) names.push({ type: 'dns', value: dns });
  const extensions: X509.Extension[] = [];
  if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names));
  if (spec.usages && spec.usages.length > 0) {
    extensions.push(new x509.ExtendedKeyUsageExtension(spec.usages));
  }
  if (spec.ca) {
    extensions.push(new x509.BasicConstraintsExtension(true, undefined, true));
    extensions.push(
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
    );
  } else {
    extensions.push(new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true));
  }
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serialHex(),
    subject: spec.subject,
    issuer: spec.issuer,
    notBefore: spec.notBefore,
    notAfter: spec.notAfter,
    signingAlgorithm: ALGORITHM,
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    extensions,
  });
  return new Uint8Array(certificate.rawData);
}

// --- Bulk cloning: a few lines of DER, enough for the outer Certificate SEQUENCE. ---------

interface Tlv {
  start: number;
  contentStart: number;
  end: number;
}

function readTlv(bytes: Uint8Array, start: number): Tlv {
  const first = bytes[start + 1] ?? 0;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    length = 0;
    for (let index = 0; index < count; index += 1)
      length = length * 256 + (bytes[start + 2 + index] ?? 0);
    header += count;
  }
  return { start, contentStart: start + header, end: start + header + length };
}

function derLength(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) out.unshift(rest % 256);
  return [0x80 | out.length, ...out];
}

function tlv(tag: number, content: Uint8Array[]): Uint8Array {
  const length = content.reduce((sum, part) => sum + part.length, 0);
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...derLength(length)]), ...content]));
}

/** The digits to rewrite in a clone's subject: a template subject must contain them once. */
export const CLONE_NUMBER_MARK = '000000';

/**
 * `count` distinct certificates cloned from `template` (made by `issueCertificate` with
 * CLONE_NUMBER_MARK in its subject): each gets a fresh serial, its index in the subject and
 * a new signature.
 */
export async function cloneCertificates(
  template: Uint8Array,
  count: number,
): Promise<Uint8Array[]> {
  const keys = await scenarioKeys();
  const signingKey = KeyObject.from(keys.privateKey);
  const outer = readTlv(template, 0);
  const tbs = readTlv(template, outer.contentStart);
  const algorithm = readTlv(template, tbs.end);
  const tbsBytes = template.slice(tbs.start, tbs.end);
  const algorithmBytes = template.slice(algorithm.start, algorithm.end);

  const version = readTlv(tbsBytes, readTlv(tbsBytes, 0).contentStart);
  const serial = readTlv(tbsBytes, version.end);
  const mark = Buffer.from(tbsBytes).indexOf(CLONE_NUMBER_MARK, 0, 'latin1');
  if (serial.end - serial.contentStart !== 8 || mark === -1) {
    throw new Error('The clone template needs an 8-byte serial and the number mark in its subject');
  }

  const clones: Uint8Array[] = [];
  for (let index = 0; index < count; index += 1) {
    const body = tbsBytes.slice();
    const newSerial = randomBytes(8);
    newSerial[0] = ((newSerial[0] ?? 0) & 0x7f) | 0x10;
    body.set(newSerial, serial.contentStart);
    body.set(
      Buffer.from(String(index + 1).padStart(CLONE_NUMBER_MARK.length, '0'), 'latin1'),
      mark,
    );
    const signature = sign('sha256', body, { key: signingKey, dsaEncoding: 'der' });
    const bitString = tlv(0x03, [Uint8Array.of(0), new Uint8Array(signature)]);
    clones.push(tlv(0x30, [body, algorithmBytes, bitString]));
  }
  return clones;
}
