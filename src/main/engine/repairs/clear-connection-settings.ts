/**
 * Clears what the client saved about its connection for the plan's address: the per-address
 * key, and `ServerSipUri` / `ServerUsername` when they name this address. Preferences
 * (`SavePassword`, `FirstRun`), manually typed server names and policy keys are kept.
 */
import { formatRegistryKey } from '../../../shared/registry-value';
import { sameWindowsName } from '../../../shared/windows-names';
import { valueOf } from '../inventory';
import { sameAddress } from '../sip-address';
import { describeValue } from '../diagnosis/context';
import { plural, type DraftAction, type StepPlanner } from './planner';

export const clearConnectionSettings: StepPlanner = {
  needsAddress: true,
  async plan({ inventory, address = '' }) {
    const actions: DraftAction[] = [];
    for (const root of inventory.settings) {
      for (const key of root.addressKeys) {
        if (!sameAddress(key.address, address)) continue;
        const name = formatRegistryKey(key.contents.key);
        actions.push({
          description: `Delete the registry key ${name} (${plural(key.contents.values.length, 'value')}, ${plural(key.contents.subkeys.length, 'subkey')})`,
          target: {
            kind: 'registry-key',
            key: name,
            valueCount: key.contents.values.length,
            subkeyCount: key.contents.subkeys.length,
          },
          internal: { kind: 'delete-registry-key', key: key.contents.key },
        });
      }
      const uri = valueOf(root.contents, 'ServerSipUri');
      if (uri?.type !== 'REG_SZ' || !sameAddress(uri.data, address)) continue;
      for (const valueName of ['ServerSipUri', 'ServerUsername']) {
        const entry = root.contents?.values.find((value) => sameWindowsName(value.name, valueName));
        if (!entry) continue;
        actions.push({
          description: `Delete the value ${entry.name} = ${describeValue(entry.value)} from ${formatRegistryKey(root.key)}`,
          target: {
            kind: 'registry-value',
            key: formatRegistryKey(root.key),
            name: entry.name,
            before: entry.value,
          },
          internal: {
            kind: 'delete-registry-value',
            key: root.key,
            name: entry.name,
            expected: entry.value,
          },
        });
      }
    }
    return {
      actions,
      ...(actions.length === 0 ? { note: `No saved connection settings for ${address}.` } : {}),
    };
  },
};
