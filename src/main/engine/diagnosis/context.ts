/** What the finding builders share: the inventory plus a few answers derived from it once. */
import type { RepairStepId } from '../../../shared/repairs';
import type { Evidence, Finding } from '../../../shared/findings';
import { formatRegistryKey, type RegistryValue } from '../../../shared/registry-value';
import type { Inventory, InstalledClient } from '../inventory';
import { valueOf } from '../inventory';
import { addressKey } from '../sip-address';

export interface DiagnosisContext {
  inventory: Inventory;
  now: Date;
  /** Newest installed client first. */
  clients: InstalledClient[];
  currentAddress?: string;
  /** Address keys whose Communications Server certificate is expired or not yet valid. */
  brokenCertificateAddresses: Set<string>;
}

const CLIENT_ORDER = ['sfb2016', 'lync2013', 'lync2010'];

export function certificateIsCurrent(notBefore: Date, notAfter: Date, now: Date): boolean {
  return notBefore.getTime() <= now.getTime() && now.getTime() <= notAfter.getTime();
}

export function createContext(inventory: Inventory, now: Date): DiagnosisContext {
  const clients = [...inventory.clients].sort(
    (a, b) => CLIENT_ORDER.indexOf(a.kind) - CLIENT_ORDER.indexOf(b.kind),
  );
  const roots = [...inventory.settings].sort((a, b) => {
    const rank = (kind: string) => {
      const installed = clients.findIndex((client) => client.kind === kind);
      return installed === -1 ? 10 + CLIENT_ORDER.indexOf(kind) : installed;
    };
    return rank(a.spec.kind) - rank(b.spec.kind);
  });
  let currentAddress: string | undefined;
  for (const root of roots) {
    const uri = valueOf(root.contents, 'ServerSipUri');
    if (uri?.type === 'REG_SZ' && uri.data.trim() !== '') {
      currentAddress = uri.data.trim().replace(/^sip:/i, '');
      break;
    }
  }
  const brokenCertificateAddresses = new Set<string>();
  for (const certificate of inventory.certificates.communicationsServer) {
    if (!certificateIsCurrent(certificate.notBefore, certificate.notAfter, now)) {
      for (const address of certificate.addresses)
        brokenCertificateAddresses.add(addressKey(address));
    }
  }
  return {
    inventory,
    now,
    clients,
    ...(currentAddress !== undefined ? { currentAddress } : {}),
    brokenCertificateAddresses,
  };
}

/** The composite repair that matches the installed client's KB path. */
export function signInRepair(context: DiagnosisContext): RepairStepId {
  const newest = context.clients[0];
  return newest?.kind === 'lync2010' ? 'clear-cached-sign-in' : 'delete-sign-in-info';
}

export function describeValue(value: RegistryValue): string {
  switch (value.type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return `${value.data} (${value.type})`;
    case 'REG_DWORD':
      return `${value.data} (REG_DWORD)`;
    case 'REG_QWORD':
      return `${value.data} (REG_QWORD)`;
    case 'REG_MULTI_SZ':
      return `${value.data.join('; ')} (REG_MULTI_SZ)`;
    case 'REG_BINARY':
      return `${Buffer.from(value.data, 'base64').byteLength} bytes (REG_BINARY)`;
    case 'REG_RAW':
      return `${Buffer.from(value.data, 'base64').byteLength} bytes (type ${value.rawType})`;
  }
}

export function registryEvidence(
  key: Parameters<typeof formatRegistryKey>[0],
  name: string,
  value: RegistryValue,
): Evidence {
  return {
    kind: 'registry',
    label: `${formatRegistryKey(key)} ${name || '(Default)'}`,
    value: describeValue(value),
  };
}

export function finding(value: Finding): Finding {
  return value;
}

export type FindingBase = Pick<Finding, 'id' | 'kbStep' | 'repairs'>;
