/**
 * Seeding only: links a certificate to a key container (CERT_KEY_PROV_INFO_PROP_ID), which is
 * what the Lync client's certificate carries and what `hasPrivateKey` reports. The container is
 * named, not created: the product never uses the key, it only keeps the link across undo.
 */
import { withCertificateContext } from '../../src/main/host/windows/certificates';
import {
  declare,
  koffi,
  lastError,
  win32Failure,
  type Pointer,
} from '../../src/main/host/windows/ffi';
import type { CertificateStoreRef } from '../../src/main/host/ports';

koffi.struct('CRYPT_KEY_PROV_INFO', {
  pwszContainerName: 'str16',
  pwszProvName: 'str16',
  dwProvType: 'uint32_t',
  dwFlags: 'uint32_t',
  cProvParam: 'uint32_t',
  rgProvParam: 'void *',
  dwKeySpec: 'uint32_t',
});

const CertSetCertificateContextProperty = declare<
  (context: Pointer, propId: number, flags: number, data: object) => boolean
>(
  'crypt32.dll',
  'bool __stdcall CertSetCertificateContextProperty(void *pCertContext, uint32_t dwPropId, uint32_t dwFlags, const CRYPT_KEY_PROV_INFO *pvData)',
);

const CERT_KEY_PROV_INFO_PROP_ID = 2;
const PROV_RSA_FULL = 1;
const AT_KEYEXCHANGE = 1;

export function linkKeyContainer(
  store: CertificateStoreRef,
  thumbprint: string,
  container: string,
): void {
  const found = withCertificateContext(store, thumbprint, (context) => {
    const ok = CertSetCertificateContextProperty(context, CERT_KEY_PROV_INFO_PROP_ID, 0, {
      pwszContainerName: container,
      pwszProvName: 'Microsoft Enhanced Cryptographic Provider v1.0',
      dwProvType: PROV_RSA_FULL,
      dwFlags: 0,
      cProvParam: 0,
      rgProvParam: null,
      dwKeySpec: AT_KEYEXCHANGE,
    });
    if (!ok) throw win32Failure('CertSetCertificateContextProperty', lastError(), { thumbprint });
  });
  if (!found) throw new Error(`No certificate ${thumbprint} in ${store.location}\\${store.name}`);
}
