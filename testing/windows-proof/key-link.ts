/**
 * Seeding only: a certificate's private key as Windows keeps it. `createKeyContainer` makes a
 * CryptoAPI key container holding an RSA key (what the Lync client's certificate points at);
 * `linkKeyContainer` sets CERT_KEY_PROV_INFO_PROP_ID, which is what `hasPrivateKey` reports and
 * what CryptAcquireCertificatePrivateKey opens. A link to a container never created is the
 * "key gone" case. The product never uses a key; it only reads whether one opens.
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
const CryptAcquireContextW = declare<
  (
    provider: [Pointer],
    container: string,
    providerName: string,
    type: number,
    flags: number,
  ) => boolean
>(
  'advapi32.dll',
  'bool __stdcall CryptAcquireContextW(_Out_ void **phProv, const char16_t *szContainer, const char16_t *szProvider, uint32_t dwProvType, uint32_t dwFlags)',
);
const CryptGenKey = declare<
  (provider: Pointer, algorithm: number, flags: number, key: [Pointer]) => boolean
>(
  'advapi32.dll',
  'bool __stdcall CryptGenKey(void *hProv, uint32_t Algid, uint32_t dwFlags, _Out_ void **phKey)',
);
const CryptGetUserKey = declare<(provider: Pointer, keySpec: number, key: [Pointer]) => boolean>(
  'advapi32.dll',
  'bool __stdcall CryptGetUserKey(void *hProv, uint32_t dwKeySpec, _Out_ void **phUserKey)',
);
const CryptDestroyKey = declare<(key: Pointer) => boolean>(
  'advapi32.dll',
  'bool __stdcall CryptDestroyKey(void *hKey)',
);
const CryptReleaseContext = declare<(provider: Pointer, flags: number) => boolean>(
  'advapi32.dll',
  'bool __stdcall CryptReleaseContext(void *hProv, uint32_t dwFlags)',
);

const CERT_KEY_PROV_INFO_PROP_ID = 2;
const PROVIDER = 'Microsoft Enhanced Cryptographic Provider v1.0';
const PROV_RSA_FULL = 1;
const AT_KEYEXCHANGE = 1;
const CRYPT_NEWKEYSET = 0x8;
const CRYPT_DELETEKEYSET = 0x10;
const NTE_EXISTS = 0x8009000f;
/** 1024-bit: the key is never used, and a short one keeps seeding quick. */
const KEY_BITS_FLAGS = 1024 << 16;

/** Makes container `name` (the user's) with an exchange key pair; an existing one is kept. */
export function createKeyContainer(name: string): void {
  const provider: [Pointer] = [null];
  if (!CryptAcquireContextW(provider, name, PROVIDER, PROV_RSA_FULL, CRYPT_NEWKEYSET)) {
    const error = lastError() >>> 0;
    if (error !== NTE_EXISTS)
      throw win32Failure('CryptAcquireContextW', error, { container: name });
    if (!CryptAcquireContextW(provider, name, PROVIDER, PROV_RSA_FULL, 0))
      throw win32Failure('CryptAcquireContextW', lastError(), { container: name });
  }
  try {
    const key: [Pointer] = [null];
    if (!CryptGetUserKey(provider[0], AT_KEYEXCHANGE, key)) {
      if (!CryptGenKey(provider[0], AT_KEYEXCHANGE, KEY_BITS_FLAGS, key))
        throw win32Failure('CryptGenKey', lastError(), { container: name });
    }
    CryptDestroyKey(key[0]);
  } finally {
    CryptReleaseContext(provider[0], 0);
  }
}

/** Deletes container `name` with its keys; `false` when there was none. */
export function deleteKeyContainer(name: string): boolean {
  const provider: [Pointer] = [null];
  return CryptAcquireContextW(provider, name, PROVIDER, PROV_RSA_FULL, CRYPT_DELETEKEYSET);
}

export function linkKeyContainer(
  store: CertificateStoreRef,
  thumbprint: string,
  container: string,
): void {
  const found = withCertificateContext(store, thumbprint, (context) => {
    const ok = CertSetCertificateContextProperty(context, CERT_KEY_PROV_INFO_PROP_ID, 0, {
      pwszContainerName: container,
      pwszProvName: PROVIDER,
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
