/**
 * Windows Credential Manager through advapi32 Cred*. CREDENTIALW is declared field by field so
 * koffi lays it out as the compiler does on x64: FILETIME is 4-byte aligned, which leaves a
 * 4-byte hole before the CredentialBlob pointer (80 bytes in all).
 */
import type {
  CredentialPersist,
  CredentialRecord,
  CredentialSummary,
  CredentialType,
  CredentialVaultPort,
} from '../ports';
import { AppError } from '../../../shared/errors';
import {
  WIN32,
  allocBytes,
  copyBytes,
  declare,
  fileTimeToIso,
  koffi,
  lastError,
  onWorkerThread,
  win32Failure,
  type Pointer,
} from './ffi';

const DLL = 'advapi32.dll';
type Out<T> = [T];

const FILETIME = koffi.struct('FILETIME', {
  dwLowDateTime: 'uint32_t',
  dwHighDateTime: 'uint32_t',
});
const CREDENTIALW = koffi.struct('CREDENTIALW', {
  Flags: 'uint32_t',
  Type: 'uint32_t',
  TargetName: 'str16',
  Comment: 'str16',
  LastWritten: FILETIME,
  CredentialBlobSize: 'uint32_t',
  CredentialBlob: 'void *',
  Persist: 'uint32_t',
  AttributeCount: 'uint32_t',
  Attributes: 'void *',
  TargetAlias: 'str16',
  UserName: 'str16',
});

interface CredentialFields {
  Flags: number;
  Type: number;
  TargetName: string | null;
  Comment: string | null;
  LastWritten: { dwLowDateTime: number; dwHighDateTime: number };
  CredentialBlobSize: number;
  CredentialBlob: Pointer;
  Persist: number;
  AttributeCount: number;
  Attributes: Pointer;
  TargetAlias: string | null;
  UserName: string | null;
}

const api = {
  CredEnumerateW: declare<
    (filter: string | null, flags: number, count: Out<number>, list: Out<Pointer>) => boolean
  >(
    DLL,
    'bool __stdcall CredEnumerateW(str16 Filter, uint32_t Flags, _Out_ uint32_t *Count, _Out_ void **Credential)',
  ),
  CredReadW: declare<(target: string, type: number, flags: number, out: Out<Pointer>) => boolean>(
    DLL,
    'bool __stdcall CredReadW(str16 TargetName, uint32_t Type, uint32_t Flags, _Out_ void **Credential)',
  ),
  CredWriteW: declare<(credential: CredentialFields, flags: number) => boolean>(
    DLL,
    'bool __stdcall CredWriteW(const CREDENTIALW *Credential, uint32_t Flags)',
  ),
  CredDeleteW: declare<(target: string, type: number, flags: number) => boolean>(
    DLL,
    'bool __stdcall CredDeleteW(str16 TargetName, uint32_t Type, uint32_t Flags)',
  ),
  CredFree: declare<(buffer: Pointer) => void>(DLL, 'void __stdcall CredFree(void *Buffer)'),
};

const TYPES: Record<CredentialType, number> = {
  generic: 1,
  'domain-password': 2,
  'domain-certificate': 3,
};
const PERSISTS: Record<CredentialPersist, number> = {
  session: 1,
  'local-machine': 2,
  enterprise: 3,
};
const CRED_ENUMERATE_ALL_CREDENTIALS = 0x1;

function typeName(code: number): CredentialType | undefined {
  return (Object.keys(TYPES) as CredentialType[]).find((name) => TYPES[name] === code);
}

function persistName(code: number): CredentialPersist {
  return (
    (Object.keys(PERSISTS) as CredentialPersist[]).find((name) => PERSISTS[name] === code) ??
    'local-machine'
  );
}

function summary(fields: CredentialFields, type: CredentialType): CredentialSummary {
  const result: CredentialSummary = {
    targetName: fields.TargetName ?? '',
    type,
    userName: fields.UserName ?? '',
    persist: persistName(fields.Persist),
    lastWritten: fileTimeToIso(fields.LastWritten.dwLowDateTime, fields.LastWritten.dwHighDateTime),
  };
  if (fields.Comment) result.comment = fields.Comment;
  return result;
}

export function createCredentialVault(): CredentialVaultPort {
  return {
    async list(filter) {
      const count: Out<number> = [0];
      const list: Out<Pointer> = [null];
      // Without a filter Windows wants CRED_ENUMERATE_ALL_CREDENTIALS; with one, no flag.
      const enumerate = (): boolean =>
        filter
          ? api.CredEnumerateW(filter, 0, count, list)
          : api.CredEnumerateW(null, CRED_ENUMERATE_ALL_CREDENTIALS, count, list) ||
            api.CredEnumerateW(null, 0, count, list);
      // Under Wine every credential that matches is read and decrypted from the registry (about
      // 2.5 ms each), so a filtered enumeration (what a diagnosis asks) runs on a worker thread.
      // Its error code stays on that thread: a failed one is asked again here to read it.
      const ok =
        (filter !== undefined &&
          filter !== '' &&
          (await onWorkerThread(api.CredEnumerateW, filter, 0, count, list))) ||
        enumerate();
      if (!ok) {
        const error = lastError();
        if (error === WIN32.ERROR_NOT_FOUND) return [];
        throw win32Failure('CredEnumerateW', error, { target: filter ?? '*' });
      }
      try {
        const pointers = koffi.decode(list[0], 'void *', count[0]) as Pointer[];
        const found: CredentialSummary[] = [];
        for (const pointer of pointers) {
          const fields = koffi.decode(pointer, CREDENTIALW) as CredentialFields;
          const type = typeName(fields.Type);
          // Types the port does not model (visible passwords, generic certificates) are skipped.
          if (type) found.push(summary(fields, type));
        }
        return found;
      } finally {
        api.CredFree(list[0]);
      }
    },
    async read(targetName, type) {
      const out: Out<Pointer> = [null];
      if (!api.CredReadW(targetName, TYPES[type], 0, out)) {
        const error = lastError();
        if (error === WIN32.ERROR_NOT_FOUND) return undefined;
        throw win32Failure('CredReadW', error, { target: targetName });
      }
      try {
        const fields = koffi.decode(out[0], CREDENTIALW) as CredentialFields;
        const record: CredentialRecord = {
          ...summary(fields, type),
          secret: new Uint8Array(copyBytes(fields.CredentialBlob, fields.CredentialBlobSize)),
        };
        return record;
      } finally {
        api.CredFree(out[0]);
      }
    },
    async write(record) {
      if (!record.targetName)
        throw new AppError('invalid-request', 'A credential needs a target name');
      if (record.secret.length > 5 * 512) {
        throw new AppError(
          'invalid-request',
          'A credential secret is at most 2560 bytes (CRED_MAX_CREDENTIAL_BLOB_SIZE)',
          {
            target: record.targetName,
          },
        );
      }
      const blob = allocBytes(record.secret);
      try {
        const fields: CredentialFields = {
          Flags: 0,
          Type: TYPES[record.type],
          TargetName: record.targetName,
          Comment: record.comment ?? null,
          LastWritten: { dwLowDateTime: 0, dwHighDateTime: 0 },
          CredentialBlobSize: record.secret.length,
          CredentialBlob: record.secret.length > 0 ? blob : null,
          Persist: PERSISTS[record.persist],
          AttributeCount: 0,
          Attributes: null,
          TargetAlias: null,
          UserName: record.userName,
        };
        if (!api.CredWriteW(fields, 0))
          throw win32Failure('CredWriteW', lastError(), { target: record.targetName });
      } finally {
        koffi.free(blob);
      }
    },
    async remove(targetName, type) {
      if (api.CredDeleteW(targetName, TYPES[type], 0)) return true;
      const error = lastError();
      if (error === WIN32.ERROR_NOT_FOUND) return false;
      throw win32Failure('CredDeleteW', error, { target: targetName });
    },
  };
}
