/**
 * System certificate stores through crypt32. Export and import go through the serialized store
 * element (CertSerializeCertificateStoreElement / CertAddSerializedElementToStore), which
 * carries the certificate together with its properties (key link, friendly name), so undo
 * puts back exactly what was removed.
 */
import { createHash } from 'node:crypto';
import type { CertificateStorePort, CertificateStoreRef, StoredCertificate } from '../ports';
import { AppError } from '../../../shared/errors';
import { privateKeyStatusOf } from './private-key';
import { SharedHandles } from './shared-handles';
import {
  WIN32,
  copyBytes,
  declare,
  koffi,
  lastError,
  utf16,
  win32Failure,
  type Pointer,
} from './ffi';

const DLL = 'crypt32.dll';
type Out<T> = [T];

const CERT_CONTEXT = koffi.struct('CERT_CONTEXT', {
  dwCertEncodingType: 'uint32_t',
  pbCertEncoded: 'void *',
  cbCertEncoded: 'uint32_t',
  pCertInfo: 'void *',
  hCertStore: 'void *',
});
// Registered by name for the CertFindCertificateInStore prototype.
koffi.struct('CRYPT_HASH_BLOB', { cbData: 'uint32_t', pbData: 'void *' });

interface CertContext {
  pbCertEncoded: Pointer;
  cbCertEncoded: number;
}

const api = {
  CertOpenStore: declare<
    (provider: number, encoding: number, prov: null, flags: number, name: string) => Pointer
  >(
    DLL,
    'void * __stdcall CertOpenStore(intptr_t lpszStoreProvider, uint32_t dwEncodingType, void *hCryptProv, uint32_t dwFlags, str16 pvPara)',
  ),
  CertCloseStore: declare<(store: Pointer, flags: number) => boolean>(
    DLL,
    'bool __stdcall CertCloseStore(void *hCertStore, uint32_t dwFlags)',
  ),
  CertEnumCertificatesInStore: declare<(store: Pointer, previous: Pointer) => Pointer>(
    DLL,
    'void * __stdcall CertEnumCertificatesInStore(void *hCertStore, void *pPrevCertContext)',
  ),
  CertFindCertificateInStore: declare<
    (
      store: Pointer,
      encoding: number,
      findFlags: number,
      findType: number,
      para: { cbData: number; pbData: Pointer },
      previous: Pointer,
    ) => Pointer
  >(
    DLL,
    'void * __stdcall CertFindCertificateInStore(void *hCertStore, uint32_t dwCertEncodingType, uint32_t dwFindFlags, uint32_t dwFindType, const CRYPT_HASH_BLOB *pvFindPara, void *pPrevCertContext)',
  ),
  CertControlStore: declare<
    (store: Pointer, flags: number, control: number, para: null) => boolean
  >(
    DLL,
    'bool __stdcall CertControlStore(void *hCertStore, uint32_t dwFlags, uint32_t dwCtrlType, void *pvCtrlPara)',
  ),
  CertFreeCertificateContext: declare<(context: Pointer) => boolean>(
    DLL,
    'bool __stdcall CertFreeCertificateContext(void *pCertContext)',
  ),
  CertDeleteCertificateFromStore: declare<(context: Pointer) => boolean>(
    DLL,
    'bool __stdcall CertDeleteCertificateFromStore(void *pCertContext)',
  ),
  CertGetCertificateContextProperty: declare<
    (context: Pointer, propId: number, data: Buffer | null, size: Out<number>) => boolean
  >(
    DLL,
    'bool __stdcall CertGetCertificateContextProperty(void *pCertContext, uint32_t dwPropId, void *pvData, _Inout_ uint32_t *pcbData)',
  ),
  CertSerializeCertificateStoreElement: declare<
    (context: Pointer, flags: number, data: Buffer | null, size: Out<number>) => boolean
  >(
    DLL,
    'bool __stdcall CertSerializeCertificateStoreElement(void *pCertContext, uint32_t dwFlags, void *pbElement, _Inout_ uint32_t *pcbElement)',
  ),
  CertAddSerializedElementToStore: declare<
    (
      store: Pointer,
      element: Buffer,
      size: number,
      disposition: number,
      flags: number,
      contextTypes: number,
      type: Out<number>,
      context: null,
    ) => boolean
  >(
    DLL,
    'bool __stdcall CertAddSerializedElementToStore(void *hCertStore, const void *pbElement, uint32_t cbElement, uint32_t dwAddDisposition, uint32_t dwFlags, uint32_t dwContextTypeFlags, _Out_ uint32_t *pdwContextType, void *ppvContext)',
  ),
};

const CERT_STORE_PROV_SYSTEM_W = 10;
const CERT_STORE_PROV_SYSTEM_REGISTRY_W = 13;
const X509_AND_PKCS7 = 0x00010001;
const CERT_SYSTEM_STORE_CURRENT_USER = 0x00010000;
const CERT_SYSTEM_STORE_LOCAL_MACHINE = 0x00020000;
const CERT_STORE_READONLY_FLAG = 0x00008000;
const CERT_STORE_OPEN_EXISTING_FLAG = 0x00004000;
const CERT_FIND_SHA1_HASH = 0x00010000;
const CERT_KEY_PROV_INFO_PROP_ID = 2;
const CERT_FRIENDLY_NAME_PROP_ID = 11;
const CERT_STORE_ADD_REPLACE_EXISTING = 3;
const CERT_STORE_CERTIFICATE_CONTEXT_FLAG = 1 << 1;

function place(store: CertificateStoreRef): { store: string } {
  return { store: `${store.location}\\${store.name}` };
}

/**
 * How each location is opened. CurrentUser means the user's own physical store only: the
 * logical system store (CERT_STORE_PROV_SYSTEM_W) of CurrentUser is a collection that also
 * shows LocalMachine's certificates (Root, CA and Trust include the `.LocalMachine` physical
 * store), so a machine-wide root would look like a user copy, would still show after the user
 * copy was removed, and a delete could reach the machine's copy. The system registry provider
 * opens the one physical store (`.Default`, the user's registry/roaming store). LocalMachine
 * keeps the logical view: the product only reads it.
 */
export function storeOpenArguments(
  store: CertificateStoreRef,
  mode: 'read' | 'write',
): { provider: number; flags: number } {
  const currentUser = store.location === 'CurrentUser';
  const location = currentUser ? CERT_SYSTEM_STORE_CURRENT_USER : CERT_SYSTEM_STORE_LOCAL_MACHINE;
  return {
    provider: currentUser ? CERT_STORE_PROV_SYSTEM_REGISTRY_W : CERT_STORE_PROV_SYSTEM_W,
    flags:
      mode === 'read'
        ? location | CERT_STORE_READONLY_FLAG | CERT_STORE_OPEN_EXISTING_FLAG
        : location,
  };
}

function openStore(store: CertificateStoreRef, mode: 'read' | 'write'): Pointer {
  const { provider, flags } = storeOpenArguments(store, mode);
  const handle = api.CertOpenStore(provider, 0, null, flags, store.name);
  if (!handle) {
    const error = lastError();
    // A system store that was never created holds no certificates.
    if (
      mode === 'read' &&
      (error === WIN32.ERROR_FILE_NOT_FOUND || error === WIN32.ERROR_PATH_NOT_FOUND)
    )
      return null;
    throw win32Failure('CertOpenStore', error, place(store));
  }
  return handle;
}

function withStore<T>(
  store: CertificateStoreRef,
  mode: 'read' | 'write',
  use: (handle: Pointer) => T,
  absent: T,
): T {
  const handle = openStore(store, mode);
  if (!handle) return absent;
  try {
    return use(handle);
  } finally {
    api.CertCloseStore(handle, 0);
    if (mode === 'write') retireSharedRead(store);
  }
}

/**
 * Read-only store handles shared by reads that follow each other at once (shared-handles.ts),
 * as a diagnosis's listing and its private-key checks do: each store is then opened once per
 * diagnosis, not once per call. Under Wine opening CurrentUser\My reads every certificate from
 * the registry (about 1.6 ms). A change made through this adapter retires the store's handle so
 * that no later read sees the store as it was before the change. A null handle is a store that
 * does not exist (it holds no certificates).
 */
const sharedReads = new SharedHandles<Pointer>((handle) => {
  if (handle) api.CertCloseStore(handle, 0);
});

const storeId = (store: CertificateStoreRef): string => `${store.location}\\${store.name}`;

async function withSharedRead<T>(
  store: CertificateStoreRef,
  use: (handle: Pointer) => T | Promise<T>,
  absent: T,
): Promise<T> {
  // A store that cannot be opened throws here and is not shared: the next read asks again.
  const answer = sharedReads.use(
    storeId(store),
    () => openStore(store, 'read'),
    async ({ handle }) => (handle ? await use(handle) : absent),
  );
  return answer ?? absent;
}

/** After a change: reads from now on open the store afresh and see it. */
function retireSharedRead(store: CertificateStoreRef): void {
  sharedReads.retire(storeId(store));
}

const CERT_STORE_CTRL_COMMIT = 3;
const CERT_STORE_CTRL_COMMIT_FORCE_FLAG = 0x1;

/**
 * Writes pending changes of a registry-backed store now. Windows flushes when the last handle
 * closes, but a store can outlive our handle (Wine keeps system stores open for the process),
 * and the next command runs in a new process, so the change must be on disk when we return.
 */
function commit(handle: Pointer, store: CertificateStoreRef): void {
  if (
    !api.CertControlStore(handle, CERT_STORE_CTRL_COMMIT_FORCE_FLAG, CERT_STORE_CTRL_COMMIT, null)
  ) {
    throw win32Failure('CertControlStore(CERT_STORE_CTRL_COMMIT)', lastError(), place(store));
  }
}

function property(context: Pointer, propId: number): Buffer | undefined {
  const size: Out<number> = [0];
  if (!api.CertGetCertificateContextProperty(context, propId, null, size)) return undefined;
  const data = Buffer.alloc(size[0]);
  if (!api.CertGetCertificateContextProperty(context, propId, data, size)) return undefined;
  return data.subarray(0, size[0]);
}

function describe(context: Pointer): StoredCertificate {
  const fields = koffi.decode(context, CERT_CONTEXT) as CertContext;
  const der = copyBytes(fields.pbCertEncoded, fields.cbCertEncoded);
  const friendly = property(context, CERT_FRIENDLY_NAME_PROP_ID);
  const certificate: StoredCertificate = {
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    der: new Uint8Array(der),
    hasPrivateKey: property(context, CERT_KEY_PROV_INFO_PROP_ID) !== undefined,
  };
  if (friendly !== undefined) certificate.friendlyName = utf16(friendly);
  return certificate;
}

function normaliseThumbprint(thumbprint: string): Buffer {
  const hex = thumbprint.replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) {
    throw new AppError(
      'invalid-request',
      `A thumbprint is 40 hex digits (SHA-1), got '${thumbprint}'`,
      { thumbprint },
    );
  }
  return Buffer.from(hex, 'hex');
}

/** The context of the certificate with this SHA-1 hash (caller frees it), or null. */
function find(handle: Pointer, store: CertificateStoreRef, thumbprint: string): Pointer {
  const hash = normaliseThumbprint(thumbprint);
  const memory = koffi.alloc('uint8_t', hash.length) as Pointer;
  try {
    new Uint8Array(koffi.view(memory, hash.length)).set(hash);
    const context = api.CertFindCertificateInStore(
      handle,
      X509_AND_PKCS7,
      0,
      CERT_FIND_SHA1_HASH,
      { cbData: hash.length, pbData: memory },
      null,
    );
    if (!context) {
      const error = lastError();
      if (error !== WIN32.CRYPT_E_NOT_FOUND)
        throw win32Failure('CertFindCertificateInStore', error, { ...place(store), thumbprint });
    }
    return context;
  } finally {
    koffi.free(memory);
  }
}

/**
 * Runs `use` with the native context of one certificate in a writable store (freed after);
 * `false` when no certificate has this thumbprint. For tools that set store properties.
 */
export function withCertificateContext(
  store: CertificateStoreRef,
  thumbprint: string,
  use: (context: Pointer) => void,
): boolean {
  return withStore(
    store,
    'write',
    (handle) => {
      const context = find(handle, store, thumbprint);
      if (!context) return false;
      try {
        use(context);
      } finally {
        api.CertFreeCertificateContext(context);
      }
      commit(handle, store);
      return true;
    },
    false,
  );
}

export function createCertificateStores(): CertificateStorePort {
  return {
    async privateKeyStatus(store, thumbprint) {
      return withSharedRead(
        store,
        async (handle) => {
          const context = find(handle, store, thumbprint);
          if (!context) return undefined;
          try {
            const linked = property(context, CERT_KEY_PROV_INFO_PROP_ID) !== undefined;
            return await privateKeyStatusOf(context, linked);
          } finally {
            api.CertFreeCertificateContext(context);
          }
        },
        undefined,
      );
    },
    async list(store) {
      return withSharedRead(
        store,
        (handle) => {
          const found: StoredCertificate[] = [];
          // Each call frees the previous context, so nothing is freed here by hand.
          for (
            let context = api.CertEnumCertificatesInStore(handle, null);
            context;
            context = api.CertEnumCertificatesInStore(handle, context)
          ) {
            found.push(describe(context));
          }
          return found;
        },
        [],
      );
    },
    async exportEntry(store, thumbprint) {
      return withSharedRead(
        store,
        (handle) => {
          const context = find(handle, store, thumbprint);
          if (!context) return undefined;
          try {
            const size: Out<number> = [0];
            if (!api.CertSerializeCertificateStoreElement(context, 0, null, size)) {
              throw win32Failure('CertSerializeCertificateStoreElement', lastError(), {
                ...place(store),
                thumbprint,
              });
            }
            const element = Buffer.alloc(size[0]);
            if (!api.CertSerializeCertificateStoreElement(context, 0, element, size)) {
              throw win32Failure('CertSerializeCertificateStoreElement', lastError(), {
                ...place(store),
                thumbprint,
              });
            }
            return new Uint8Array(element.subarray(0, size[0]));
          } finally {
            api.CertFreeCertificateContext(context);
          }
        },
        undefined,
      );
    },
    async importEntry(store, entry) {
      if (entry.length === 0)
        throw new AppError('corrupt-data', 'The certificate backup entry is empty', place(store));
      withStore(
        store,
        'write',
        (handle) => {
          const type: Out<number> = [0];
          const ok = api.CertAddSerializedElementToStore(
            handle,
            Buffer.from(entry),
            entry.length,
            CERT_STORE_ADD_REPLACE_EXISTING,
            0,
            CERT_STORE_CERTIFICATE_CONTEXT_FLAG,
            type,
            null,
          );
          if (!ok) {
            const error = lastError();
            const failure = win32Failure('CertAddSerializedElementToStore', error, place(store));
            // Anything but an access problem means the bytes are not a serialized certificate.
            if (failure.code === 'io') {
              throw new AppError(
                'corrupt-data',
                `The certificate backup entry could not be read: ${failure.message}`,
                failure.details,
              );
            }
            throw failure;
          }
          commit(handle, store);
        },
        undefined,
      );
    },
    async remove(store, thumbprint) {
      return withStore(
        store,
        'write',
        (handle) => {
          const context = find(handle, store, thumbprint);
          if (!context) return false;
          // CertDeleteCertificateFromStore frees the context whether or not it succeeds.
          if (!api.CertDeleteCertificateFromStore(context)) {
            throw win32Failure('CertDeleteCertificateFromStore', lastError(), {
              ...place(store),
              thumbprint,
            });
          }
          commit(handle, store);
          return true;
        },
        false,
      );
    },
  };
}
