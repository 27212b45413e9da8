/**
 * The OCSP answer as the client takes it, on real answers from OpenSSL's responder: the status
 * counts only for the certificate asked about, and only while the signature holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOcspResponder } from '../../../../testing/admin/ocsp-responder';
import {
  makeIntermediate,
  makeRoot,
  makeServer,
  type TestCertificate,
} from '../../../../testing/admin/test-pki';
import { readCertificate, type CertificateInfo } from './certificate-info';
import { ocspGetUrl, ocspRequest } from './ocsp';
import { readOcspResponse } from './ocsp-response';

let issuer: CertificateInfo;
let asked: CertificateInfo;
let other: CertificateInfo;
let answer: Uint8Array;
let close: () => Promise<void>;

const info = (certificate: TestCertificate) => readCertificate(new Uint8Array(certificate.der));

beforeAll(async () => {
  const root = await makeRoot('Contoso Test Root CA');
  const ca = await makeIntermediate('Contoso Issuing CA', root);
  const responder = await startOcspResponder(ca, [
    { serialNumber: '3001', subject: 'CN=a.contoso.test', status: 'revoked' },
    { serialNumber: '3002', subject: 'CN=b.contoso.test', status: 'good' },
  ]);
  close = responder.close;
  issuer = info(ca);
  asked = info(await makeServer(['a.contoso.test'], ca, { serialNumber: '3001' }));
  other = info(await makeServer(['b.contoso.test'], ca, { serialNumber: '3002' }));
  const response = await fetch(ocspGetUrl(responder.url, ocspRequest(asked, issuer)));
  answer = new Uint8Array(await response.arrayBuffer());
}, 60_000);
afterAll(() => close());

describe('an OCSP answer', () => {
  it('gives the status of the certificate asked about, signed by its issuer', () => {
    expect(readOcspResponse(answer, asked, issuer)).toEqual({
      kind: 'status',
      certificateStatus: 'revoked',
      signedBy: 'issuer',
    });
  });

  it('says nothing of another certificate, even of the same issuer', () => {
    expect(readOcspResponse(answer, other, issuer)).toEqual({
      kind: 'untrusted',
      reason: 'not-about-certificate',
    });
  });

  it('is not trusted once one bit of what it signs has changed', () => {
    // The answer's last bytes are inside the signed data or the signature; a bit flipped in the
    // signed response data (its produced-at time, ASCII digits) keeps the DER well-formed.
    const text = Buffer.from(answer).toString('latin1');
    const producedAt = text.search(/\d{14}Z/);
    expect(producedAt).toBeGreaterThan(0);
    const changed = new Uint8Array(answer);
    changed[producedAt + 13] = (changed[producedAt + 13] as number) ^ 0x01;
    expect(readOcspResponse(changed, asked, issuer)).toEqual({
      kind: 'untrusted',
      reason: 'signature',
    });
  });

  it('is not an answer when it is not OCSP at all', () => {
    expect(
      readOcspResponse(new TextEncoder().encode('<html>sign in</html>'), asked, issuer),
    ).toEqual({ kind: 'not-ocsp' });
  });
});
