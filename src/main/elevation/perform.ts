/**
 * What the elevated helper does for each operation of the table, against the registry port:
 * re-read the value itself, check the operation still applies, change it, read it back.
 */
import { AppError } from '../../shared/errors';
import type { RegistryPort } from '../host/ports';
import {
  guidInsideBraces,
  isBareGuid,
  MACHINE_GUID_KEY,
  MACHINE_GUID_NAME,
  type AdminOperation,
} from './admin-operations';

export interface PerformedOperation {
  outcome: 'done' | 'unchanged';
  before: string;
  after: string;
}

/** A precondition that does not hold: the helper refuses and changes nothing. */
export class RefusedOperation extends AppError {}

async function readMachineGuid(registry: RegistryPort): Promise<string> {
  const value = await registry.getValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME);
  if (!value) {
    throw new RefusedOperation('not-found', 'MachineGuid does not exist on this PC.');
  }
  if (value.type !== 'REG_SZ') {
    throw new RefusedOperation(
      'invalid-request',
      `MachineGuid is a ${value.type}, not text; it is left alone.`,
    );
  }
  return value.data;
}

async function change(registry: RegistryPort, before: string, after: string) {
  await registry.setValue(MACHINE_GUID_KEY, MACHINE_GUID_NAME, { type: 'REG_SZ', data: after });
  const now = await readMachineGuid(registry);
  if (now !== after) {
    throw new AppError(
      'verification-failed',
      `MachineGuid reads "${now}" after it was set to "${after}".`,
    );
  }
  return { outcome: 'done' as const, before, after };
}

export async function performAdminOperation(
  registry: RegistryPort,
  operation: AdminOperation,
): Promise<PerformedOperation> {
  const current = await readMachineGuid(registry);
  switch (operation.op) {
    case 'machine-guid.remove-braces': {
      if (isBareGuid(current)) return { outcome: 'unchanged', before: current, after: current };
      const bare = guidInsideBraces(current);
      if (bare === undefined) {
        throw new RefusedOperation(
          'invalid-request',
          'MachineGuid is not a GUID in braces; it is left alone.',
        );
      }
      return change(registry, current, bare);
    }
    case 'machine-guid.restore': {
      if (current === operation.value) {
        return { outcome: 'unchanged', before: current, after: current };
      }
      if (guidInsideBraces(operation.value) !== current) {
        throw new RefusedOperation(
          'stale-plan',
          'MachineGuid changed since the repair; it is not put back over the newer value.',
        );
      }
      return change(registry, current, operation.value);
    }
  }
}
