/**
 * Certificates made in the tests for every chain the administrators' step must judge. Real keys,
 * real signatures (ECDSA P-256 over Node's webcrypto), so the verifier is tested on the real thing.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const DAY = 24 * 60 * 60 * 1000;

export interface TestCertificate {
  name: string;
  der: Uint8Array;
  pem: string;
  keys: webcrypto.CryptoKeyPair;
  certificate: x509.X509Certificate;
}

export interface MakeOptions {
  notBefore?: Date;
  notAfter?: Date;
  /** Hash of the issuer's signature; SHA-1 makes the weak-algorithm case. */
  hash?: 'SHA-1' | 'SHA-256';
  /** Sign with this key instead of the issuer's (a forged or re-signed certificate). */
  signWith?: webcrypto.CryptoKeyPair;
  /** Leave out the authority key identifier so only the name links the certificate up. */
  omitAuthorityKeyId?: boolean;
  /** An Authority Information Access "CA Issuers" address for the issuer's certificate. */
  caIssuersUrl?: string;
  /** CRL distribution points the certificate names. */
  crlUrls?: string[];
  /** An Authority Information Access OCSP responder address. */
  ocspUrl?: string;
  /** Hex; default random. The same serial from the same issuer is the same certificate to OCSP. */
  serialNumber?: string;
}

async function newKeys(): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
}

function wrap(
  certificate: x509.X509Certificate,
  keys: webcrypto.CryptoKeyPair,
  name: string,
): TestCertificate {
  return {
    name,
    der: new Uint8Array(certificate.rawData),
    pem: certificate.toString('pem'),
    keys,
    certificate,
  };
}

function validity(options: MakeOptions) {
  const now = Date.now();
  return {
    notBefore: options.notBefore ?? new Date(now - DAY),
    notAfter: options.notAfter ?? new Date(now + 365 * DAY),
  };
}

export async function makeRoot(
  commonName: string,
  options: MakeOptions = {},
): Promise<TestCertificate> {
  const keys = await newKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys,
    ...validity(options),
    signingAlgorithm: { ...KEY_ALGORITHM, hash: options.hash ?? 'SHA-256' },
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return wrap(certificate, keys, commonName);
}

async function issue(
  subject: string,
  issuer: TestCertificate,
  extensions: x509.Extension[],
  options: MakeOptions,
): Promise<TestCertificate> {
  const keys = await newKeys();
  const signer = options.signWith ?? issuer.keys;
  const certificate = await x509.X509CertificateGenerator.create({
    ...(options.serialNumber ? { serialNumber: options.serialNumber } : {}),
    subject,
    issuer: issuer.certificate.subject,
    publicKey: keys.publicKey,
    signingKey: signer.privateKey,
    ...validity(options),
    signingAlgorithm: { ...KEY_ALGORITHM, hash: options.hash ?? 'SHA-256' },
    extensions: [
      ...extensions,
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ...(options.omitAuthorityKeyId
        ? []
        : [await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey)]),
      ...(options.caIssuersUrl || options.ocspUrl
        ? [
            new x509.AuthorityInfoAccessExtension({
              ...(options.caIssuersUrl ? { caIssuers: options.caIssuersUrl } : {}),
              ...(options.ocspUrl ? { ocsp: options.ocspUrl } : {}),
            }),
          ]
        : []),
      ...(options.crlUrls ? [new x509.CRLDistributionPointsExtension(options.crlUrls)] : []),
    ],
  });
  return wrap(certificate, keys, subject);
}

export function makeIntermediate(
  commonName: string,
  issuer: TestCertificate,
  options: MakeOptions = {},
): Promise<TestCertificate> {
  return issue(
    `CN=${commonName}`,
    issuer,
    [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
    ],
    options,
  );
}

export function makeServer(
  dnsNames: string[],
  issuer: TestCertificate,
  options: MakeOptions = {},
): Promise<TestCertificate> {
  return issue(
    `CN=${dnsNames[0] ?? 'server'}`,
    issuer,
    [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(dnsNames.map((value) => ({ type: 'dns', value }))),
    ],
    options,
  );
}

/**
 * A certificate for an OCSP responder that answers for `issuer`'s certificates: issued by it,
 * with the OCSP signing purpose unless `ocspSigning` is false (a responder the CA never authorised).
 */
export function makeOcspResponder(
  commonName: string,
  issuer: TestCertificate,
  { ocspSigning = true, ...options }: MakeOptions & { ocspSigning?: boolean } = {},
): Promise<TestCertificate> {
  return issue(
    `CN=${commonName}`,
    issuer,
    [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([
        ocspSigning ? x509.ExtendedKeyUsage.ocspSigning : x509.ExtendedKeyUsage.serverAuth,
      ]),
    ],
    options,
  );
}

/** The same certificate with one bit of its signature flipped. */
export function tamperSignature(certificate: TestCertificate): TestCertificate {
  const der = new Uint8Array(certificate.der);
  // ECDSA signatures end with the S integer's last byte: flipping its low bit keeps the DER valid.
  der[der.length - 1] = (der[der.length - 1] as number) ^ 0x01;
  const tampered = new x509.X509Certificate(der);
  return { ...certificate, der, pem: tampered.toString('pem'), certificate: tampered };
}

export async function privateKeyPem(keys: webcrypto.CryptoKeyPair): Promise<string> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const body = pkcs8.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

/** A real CRL signed by `issuer`, revoking the given serial numbers (hex), as DER. */
export async function makeCrl(
  issuer: TestCertificate,
  revokedSerials: string[] = [],
): Promise<Uint8Array> {
  const crl = await x509.X509CrlGenerator.create({
    issuer: issuer.certificate.subject,
    thisUpdate: new Date(Date.now() - DAY),
    nextUpdate: new Date(Date.now() + 7 * DAY),
    entries: revokedSerials.map((serialNumber) => ({ serialNumber, revocationDate: new Date() })),
    signingAlgorithm: { ...KEY_ALGORITHM, hash: 'SHA-256' },
    signingKey: issuer.keys.privateKey,
  });
  return new Uint8Array(crl.rawData);
}

export const DAYS = DAY;
