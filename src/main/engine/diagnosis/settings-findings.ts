/** `connection-settings`: the per-user values and per-address keys; policies as evidence only. */
import type { FindingBase } from './context';
import type { Evidence, Finding } from '../../../shared/findings';
import { formatRegistryKey } from '../../../shared/registry-value';
import { valueOf } from '../inventory';
import { addressKey } from '../sip-address';
import { type DiagnosisContext, registryEvidence, signInRepair } from './context';

/** The values the client writes when it signs in (string-typed on a healthy PC). */
export const CONNECTION_VALUES: Record<string, 'REG_SZ' | 'REG_DWORD'> = {
  ServerSipUri: 'REG_SZ',
  ServerUsername: 'REG_SZ',
  SavePassword: 'REG_DWORD',
  FirstRun: 'REG_DWORD',
  ServerAddressInternal: 'REG_SZ',
  ServerAddressExternal: 'REG_SZ',
  Transport: 'REG_SZ',
};

export function connectionSettingsFinding(context: DiagnosisContext): Finding {
  const evidence: Evidence[] = [];
  const oddTypes: string[] = [];
  let found = false;
  for (const root of context.inventory.settings) {
    if (!root.contents) continue;
    for (const [name, expected] of Object.entries(CONNECTION_VALUES)) {
      const value = valueOf(root.contents, name);
      if (!value) continue;
      found = true;
      evidence.push(registryEvidence(root.key, name, value));
      if (value.type !== expected)
        oddTypes.push(
          `${formatRegistryKey(root.key)} ${name} is ${value.type}, expected ${expected}`,
        );
    }
    for (const key of root.addressKeys) {
      found = true;
      evidence.push({
        kind: 'registry',
        label: `Settings for ${key.address}`,
        value: `${formatRegistryKey(key.contents.key)} (${key.contents.values.length} values, ${key.contents.subkeys.length} subkeys)`,
      });
    }
  }
  for (const policy of context.inventory.policies) {
    for (const entry of policy.values) {
      evidence.push({
        ...registryEvidence(policy.key, entry.name, entry.value),
        label: `Policy (not changed): ${formatRegistryKey(policy.key)} ${entry.name}`,
      });
    }
  }
  const base: FindingBase = {
    id: 'connection-settings',
    kbStep: 'lync2013-delete-sign-in-info',
    repairs: [signInRepair(context), 'clear-connection-settings'],
  };
  if (!found) {
    return {
      ...base,
      status: 'ok',
      summary: 'No saved connection settings.',
      evidence,
      repairs: [],
    };
  }
  const current = context.currentAddress;
  if (current && context.brokenCertificateAddresses.has(addressKey(current))) {
    return {
      ...base,
      status: 'problem',
      summary: `The saved connection settings for ${current} belong to a sign-in that no longer works.`,
      detail:
        'Deleting the sign-in information clears them with the certificate and the saved password; the client asks for them again.',
      evidence,
    };
  }
  if (oddTypes.length > 0) {
    return {
      ...base,
      status: 'warning',
      summary: 'Some connection settings have an unexpected type.',
      detail: `${oddTypes.join('. ')}. The client may ignore or misread them.`,
      evidence,
    };
  }
  return {
    ...base,
    status: 'ok',
    summary: 'The saved connection settings look consistent.',
    evidence,
  };
}
