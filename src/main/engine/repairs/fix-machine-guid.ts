/** Removes the braces around HKLM\SOFTWARE\Microsoft\Cryptography MachineGuid (64-bit view). */
import { formatRegistryKey } from '../../../shared/registry-value';
import { unbracedGuid } from '../diagnosis/machine-findings';
import type { StepPlanner } from './planner';

export const fixMachineGuid: StepPlanner = {
  needsAddress: false,
  async plan({ inventory }) {
    const { key, value } = inventory.machineGuid;
    const bare = value?.type === 'REG_SZ' ? unbracedGuid(value.data) : undefined;
    if (!value || value.type !== 'REG_SZ' || bare === undefined) {
      return { actions: [], note: 'MachineGuid has no braces around it; nothing to change.' };
    }
    const after = { type: 'REG_SZ' as const, data: bare };
    return {
      actions: [
        {
          description: `Change MachineGuid from ${value.data} to ${bare} in ${formatRegistryKey(key)}`,
          target: {
            kind: 'registry-value',
            key: formatRegistryKey(key),
            name: 'MachineGuid',
            before: value,
            after,
          },
          internal: {
            kind: 'set-registry-value',
            key,
            name: 'MachineGuid',
            expected: value,
            value: after,
          },
        },
      ],
    };
  },
};
