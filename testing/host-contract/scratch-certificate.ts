/** A throwaway certificate, generated in the case so no real one is ever touched. */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';
import { SCRATCH_NAME } from './scratch';

x509.cryptoProvider.set(webcrypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export async function scratchCertificate(label: string): Promise<Uint8Array> {
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  const name = `CN=${SCRATCH_NAME} ${label}`;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto
      .getRandomValues(new Uint8Array(8))
      .reduce(
        (hex, byte, index) =>
          hex + (index === 0 ? (byte & 0x7f) | 0x10 : byte).toString(16).padStart(2, '0'),
        '',
      ),
    name,
    notBefore: new Date(Date.now() - 3_600_000),
    notAfter: new Date(Date.now() + 86_400_000),
    signingAlgorithm: ALGORITHM,
    keys,
  });
  return new Uint8Array(certificate.rawData);
}
