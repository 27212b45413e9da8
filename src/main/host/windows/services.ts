/**
 * Service state through the service control manager (advapi32): read-only queries, so they
 * work without administrator rights.
 */
import type { ServicePort, ServiceState, ServiceStatus } from '../ports';
import { WIN32, declare, lastError, win32Failure, type Handle } from './ffi';
import { registryKeyExists } from './registry';

type Out<T> = [T];
const DLL = 'advapi32.dll';

const api = {
  OpenSCManagerW: declare<(machine: null, database: null, access: number) => Handle>(
    DLL,
    'intptr_t __stdcall OpenSCManagerW(str16 lpMachineName, str16 lpDatabaseName, uint32_t dwDesiredAccess)',
  ),
  OpenServiceW: declare<(manager: Handle, name: string, access: number) => Handle>(
    DLL,
    'intptr_t __stdcall OpenServiceW(intptr_t hSCManager, str16 lpServiceName, uint32_t dwDesiredAccess)',
  ),
  QueryServiceStatusEx: declare<
    (service: Handle, level: number, data: Buffer, size: number, needed: Out<number>) => boolean
  >(
    DLL,
    'bool __stdcall QueryServiceStatusEx(intptr_t hService, int InfoLevel, void *lpBuffer, uint32_t cbBufSize, _Out_ uint32_t *pcbBytesNeeded)',
  ),
  QueryServiceConfigW: declare<
    (service: Handle, data: Buffer | null, size: number, needed: Out<number>) => boolean
  >(
    DLL,
    'bool __stdcall QueryServiceConfigW(intptr_t hService, void *lpServiceConfig, uint32_t cbBufSize, _Out_ uint32_t *pcbBytesNeeded)',
  ),
  CloseServiceHandle: declare<(handle: Handle) => boolean>(
    DLL,
    'bool __stdcall CloseServiceHandle(intptr_t hSCObject)',
  ),
};

const SC_MANAGER_CONNECT = 0x0001;
const SERVICE_QUERY_CONFIG = 0x0001;
const SERVICE_QUERY_STATUS = 0x0004;
const SC_STATUS_PROCESS_INFO = 0;
const SERVICE_STATUS_PROCESS_SIZE = 36;

const STATES: Record<number, ServiceState> = {
  1: 'stopped',
  2: 'start-pending',
  3: 'stop-pending',
  4: 'running',
  7: 'paused',
};

const START_TYPES: Record<number, ServiceStatus['startType']> = {
  0: 'automatic', // boot
  1: 'automatic', // system
  2: 'automatic',
  3: 'manual',
  4: 'disabled',
};

/** The most QueryServiceConfigW ever needs (its documented limit), so one call is enough. */
const SERVICE_CONFIG_MAX_BYTES = 8 * 1024;

/** Where the service control manager keeps each installed service. */
const SERVICES_KEY = 'SYSTEM\\CurrentControlSet\\Services';

function startType(service: Handle): ServiceStatus['startType'] {
  const config = Buffer.alloc(SERVICE_CONFIG_MAX_BYTES);
  const needed: Out<number> = [0];
  if (!api.QueryServiceConfigW(service, config, config.length, needed)) return undefined;
  // QUERY_SERVICE_CONFIGW: dwServiceType, dwStartType, ...
  return START_TYPES[config.readUInt32LE(4)];
}

export function createServices(): ServicePort {
  return {
    async query(name) {
      // Every installed service has its key under Services. Asking the control manager about a
      // service that is not there is a round trip to another process (tens of milliseconds
      // under load), while the key's absence is one local registry lookup; a key that cannot be
      // opened for another reason still goes to the control manager.
      const plainName = name !== '' && !/[\\/]/.test(name);
      if (
        plainName &&
        registryKeyExists({ hive: 'HKLM', path: `${SERVICES_KEY}\\${name}` }) === false
      )
        return undefined;
      const manager = api.OpenSCManagerW(null, null, SC_MANAGER_CONNECT);
      if (!manager) throw win32Failure('OpenSCManagerW', lastError(), { target: name });
      try {
        const service = api.OpenServiceW(
          manager,
          name,
          SERVICE_QUERY_STATUS | SERVICE_QUERY_CONFIG,
        );
        if (!service) {
          const error = lastError();
          if (error === WIN32.ERROR_SERVICE_DOES_NOT_EXIST) return undefined;
          throw win32Failure('OpenServiceW', error, { target: name });
        }
        try {
          const status = Buffer.alloc(SERVICE_STATUS_PROCESS_SIZE);
          const needed: Out<number> = [0];
          if (
            !api.QueryServiceStatusEx(
              service,
              SC_STATUS_PROCESS_INFO,
              status,
              status.length,
              needed,
            )
          ) {
            throw win32Failure('QueryServiceStatusEx', lastError(), { target: name });
          }
          // SERVICE_STATUS_PROCESS: dwServiceType, dwCurrentState, ...
          const result: ServiceStatus = {
            name,
            state: STATES[status.readUInt32LE(4)] ?? 'unknown',
          };
          const start = startType(service);
          if (start) result.startType = start;
          return result;
        } finally {
          api.CloseServiceHandle(service);
        }
      } finally {
        api.CloseServiceHandle(manager);
      }
    },
  };
}
