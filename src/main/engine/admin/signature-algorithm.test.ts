/** The signature-algorithm reader on real certificates: Node's bundled roots and generated ones. */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { signatureAlgorithmOf } from './signature-algorithm';
import { makeIntermediate, makeRoot } from '../../../../testing/admin/test-pki';

const bundled = (commonName: string) => {
  const pem = rootCertificates.find((candidate) =>
    new X509Certificate(candidate).subject.split('\n').includes(`CN=${commonName}`),
  );
  if (!pem) throw new Error(`Node's roots lack ${commonName}`);
  return new Uint8Array(new X509Certificate(pem).raw);
};

describe('signatureAlgorithmOf', () => {
  it('reads RSA algorithms from real roots and tells SHA-1 from SHA-256', () => {
    expect(signatureAlgorithmOf(bundled('DigiCert Global Root G2'))).toEqual({
      oid: '1.2.840.113549.1.1.11',
      name: 'sha256WithRSAEncryption',
      weak: false,
    });
    expect(signatureAlgorithmOf(bundled('DigiCert Global Root CA'))).toEqual({
      oid: '1.2.840.113549.1.1.5',
      name: 'sha1WithRSAEncryption',
      weak: true,
    });
  });

  it('reads ECDSA algorithms from generated certificates', async () => {
    const root = await makeRoot('Algorithm Test Root');
    const weak = await makeIntermediate('Algorithm Test SHA-1 CA', root, { hash: 'SHA-1' });
    expect(signatureAlgorithmOf(root.der).name).toBe('ecdsa-with-SHA256');
    expect(signatureAlgorithmOf(weak.der)).toEqual({
      oid: '1.2.840.10045.4.1',
      name: 'ecdsa-with-SHA1',
      weak: true,
    });
  });

  it('throws on bytes that are not a certificate', () => {
    expect(() => signatureAlgorithmOf(new Uint8Array([0x30, 0x03, 0x02, 0x01]))).toThrow(
      /truncated DER/,
    );
    expect(() => signatureAlgorithmOf(new TextEncoder().encode('not DER'))).toThrow();
  });
});
