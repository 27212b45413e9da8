/**
 * The engine's view of the PC while it is not elevated: identical to the host, except that the
 * one administrator-only write (MachineGuid) is turned into an operation of the closed table and
 * carried out by the elevated helper. The engine's own checks, backups and verification read
 * the registry directly as before (reading HKLM needs no rights).
 */
import {
  registryValuesEqual,
  type RegistryKeyRef,
  type RegistryValue,
} from '../../shared/registry-value';
import { AppError } from '../../shared/errors';
import type { HostSystem, RegistryPort } from '../host/ports';
import type { AdminElevation } from '../engine/types';
import {
  guidInsideBraces,
  isBareGuid,
  MACHINE_GUID_KEY,
  MACHINE_GUID_NAME,
  type AdminOperation,
} from './admin-operations';
import type { AdminOperationRunner } from './launcher';

function isMachineGuid(key: RegistryKeyRef, name: string): boolean {
  return (
    key.hive === MACHINE_GUID_KEY.hive &&
    (key.view ?? '64') === MACHINE_GUID_KEY.view &&
    key.path.toLowerCase() === MACHINE_GUID_KEY.path.toLowerCase() &&
    name.toLowerCase() === MACHINE_GUID_NAME.toLowerCase()
  );
}

/** The table's operation that turns `current` into `wanted`; refused when there is none. */
function operationFor(current: RegistryValue | undefined, wanted: RegistryValue): AdminOperation {
  if (current?.type === 'REG_SZ' && wanted.type === 'REG_SZ') {
    if (isBareGuid(wanted.data) && guidInsideBraces(current.data) === wanted.data) {
      return { op: 'machine-guid.remove-braces' };
    }
    if (guidInsideBraces(wanted.data) === current.data) {
      return { op: 'machine-guid.restore', value: wanted.data };
    }
  }
  throw new AppError(
    'needs-admin',
    'Without administrator rights only the braces around MachineGuid can be removed or put back.',
  );
}

function routedRegistry(host: HostSystem, runner: AdminOperationRunner): RegistryPort {
  const registry = host.registry;
  return {
    getValue: (key, name) => registry.getValue(key, name),
    listValues: (key) => registry.listValues(key),
    listSubkeys: (key) => registry.listSubkeys(key),
    createKey: (key) => registry.createKey(key),
    deleteValue: (key, name) => registry.deleteValue(key, name),
    deleteKey: (key) => registry.deleteKey(key),
    async setValue(key, name, value) {
      if (!isMachineGuid(key, name) || (await host.identity.current()).elevated) {
        return registry.setValue(key, name, value);
      }
      const current = await registry.getValue(key, name);
      // Already as wanted (a rollback after a cancelled prompt): no prompt for nothing.
      if (current && registryValuesEqual(current, value)) return;
      const result = await runner.run(operationFor(current, value));
      switch (result.status) {
        case 'done':
        case 'unchanged':
          return;
        case 'cancelled':
          throw new AppError('cancelled', result.message);
        default:
          throw new AppError(result.error.code, result.error.message);
      }
    },
  };
}

/** The engine capability: admin-only writes go through `runner` (the elevated helper). */
export function elevationThrough(runner: AdminOperationRunner): AdminElevation {
  return {
    hostForAdminChanges: (host) => ({ ...host, registry: routedRegistry(host, runner) }),
  };
}
