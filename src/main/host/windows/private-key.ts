/**
 * Whether a certificate's private key can be opened, the way the client opens it when it signs
 * in: CryptAcquireCertificatePrivateKey, silently (no PIN or consent prompt). The handle is
 * released at once; the product never uses the key. Opening a key reads and decrypts its
 * container (under Wine, about 4 ms of round trips to wineserver), so it runs on a worker thread
 * and the checks of several certificates overlap each other and the diagnosis's other reads.
 */
import type { PrivateKeyStatus } from '../ports';
import { declare, library, onWorkerThread, type Pointer } from './ffi';

type Out<T> = [T];

const api = {
  CryptAcquireCertificatePrivateKey: declare<
    (
      context: Pointer,
      flags: number,
      parameters: null,
      key: Out<Pointer>,
      keySpec: Out<number>,
      callerFree: Out<boolean>,
    ) => boolean
  >(
    'crypt32.dll',
    'bool __stdcall CryptAcquireCertificatePrivateKey(void *pCert, uint32_t dwFlags, void *pvParameters, _Out_ void **phCryptProvOrNCryptKey, _Out_ uint32_t *pdwKeySpec, _Out_ bool *pfCallerFreeProvOrNCryptKey)',
  ),
  CryptReleaseContext: declare<(provider: Pointer, flags: number) => boolean>(
    'advapi32.dll',
    'bool __stdcall CryptReleaseContext(void *hProv, uint32_t dwFlags)',
  ),
  NCryptFreeObject: declare<(key: Pointer) => number>(
    'ncrypt.dll',
    'int32_t __stdcall NCryptFreeObject(void *hObject)',
  ),
};

const CRYPT_ACQUIRE_SILENT_FLAG = 0x40;
const CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG = 0x10000;
const CERT_NCRYPT_KEY_SPEC = 0xffffffff;

let providerPinned = false;

/**
 * Keeps the Microsoft RSA providers' DLL (rsaenh.dll, behind the Base, Strong and Enhanced
 * providers a Lync certificate's key names) loaded for the life of the process. CryptoAPI loads
 * a provider's DLL when a context is acquired and unloads it when the last one is released, so
 * every key check would load it afresh: under Wine that is 2 of the 2.5 ms a verify context
 * takes, and a key check takes two or three contexts (Wine's DPAPI, which protects the
 * container, opens one of its own). Best effort: without it the checks are only slower.
 */
function pinProvider(): void {
  if (providerPinned) return;
  providerPinned = true;
  try {
    library('rsaenh.dll');
  } catch {
    // not there: each context loads its provider itself
  }
}

/** `context` must stay valid until the answer comes (the caller frees it after). */
export async function privateKeyStatusOf(
  context: Pointer,
  linked: boolean,
): Promise<PrivateKeyStatus> {
  if (!linked) return 'missing';
  pinProvider();
  const key: Out<Pointer> = [null];
  const keySpec: Out<number> = [0];
  const callerFree: Out<boolean> = [false];
  const opened = await onWorkerThread(
    api.CryptAcquireCertificatePrivateKey,
    context,
    CRYPT_ACQUIRE_SILENT_FLAG | CRYPT_ACQUIRE_ALLOW_NCRYPT_KEY_FLAG,
    null,
    key,
    keySpec,
    callerFree,
  );
  // A linked key that does not open is unusable, whatever the error: when the container named by
  // the link is gone, crypt32 answers CRYPT_E_NO_KEY_PROPERTY, the same code as for no link at
  // all, so the code cannot tell the two apart; `linked` does.
  if (!opened) return 'unusable';
  if (callerFree[0] && key[0]) {
    // Releasing is slow too: Wine's provider writes the container back when it lets go.
    if (keySpec[0] >>> 0 === CERT_NCRYPT_KEY_SPEC) api.NCryptFreeObject(key[0]);
    else await onWorkerThread(api.CryptReleaseContext, key[0], 0);
  }
  return 'usable';
}
