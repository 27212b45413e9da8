/** What the finding builders share: the inventory plus a few answers derived from it once. */
import type { RepairStepId } from '../../../shared/repairs';
import type { Evidence, Finding } from '../../../shared/findings';
import { formatRegistryKey, type RegistryValue } from '../../../shared/registry-value';
import type { Inventory, InstalledClient } from '../inventory';
import type { PersonalCertificate } from '../inventory/certificates';
import { valueOf } from '../inventory';
import { CLIENT_ORDER, primaryClientOf } from '../inventory/clients';
import { addressKey } from '../sip-address';

export interface DiagnosisContext {
  inventory: Inventory;
  now: Date;
  /** Installed clients, the primary one first. */
  clients: InstalledClient[];
  /** The user's client (see primaryClientOf): what the KB path and the folders are chosen for. */
  primary?: InstalledClient;
  currentAddress?: string;
  /**
   * Address keys whose Communications Server certificate is expired, not yet valid, or has a
   * private key that is missing or cannot be opened.
   */
  brokenCertificateAddresses: Set<string>;
}

const KEY_PROBLEMS = {
  missing: 'its private key is missing',
  unusable: 'its private key cannot be opened',
} as const;

/** Why the client cannot sign in with this certificate; `undefined` when it can. */
export function certificateProblem(
  certificate: Pick<PersonalCertificate, 'notBefore' | 'notAfter' | 'privateKey'>,
  now: Date,
): string | undefined {
  if (certificate.notAfter.getTime() < now.getTime()) return 'expired';
  if (certificate.notBefore.getTime() > now.getTime()) return 'not yet valid';
  if (certificate.privateKey === 'missing' || certificate.privateKey === 'unusable') {
    return KEY_PROBLEMS[certificate.privateKey];
  }
  return undefined;
}

export function createContext(inventory: Inventory, now: Date): DiagnosisContext {
  const primary = primaryClientOf(inventory.clients);
  const clients = primary
    ? [primary, ...inventory.clients.filter((client) => client !== primary)]
    : [];
  const roots = [...inventory.settings].sort((a, b) => {
    const rank = (kind: InstalledClient['kind']) => {
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
    if (certificateProblem(certificate, now) !== undefined) {
      for (const address of certificate.addresses)
        brokenCertificateAddresses.add(addressKey(address));
    }
  }
  return {
    inventory,
    now,
    clients,
    ...(primary ? { primary } : {}),
    ...(currentAddress !== undefined ? { currentAddress } : {}),
    brokenCertificateAddresses,
  };
}

/** The composite repair that matches the installed client's KB path. */
export function signInRepair(context: DiagnosisContext): RepairStepId {
  return context.primary?.kind === 'lync2010' ? 'clear-cached-sign-in' : 'delete-sign-in-info';
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

export type FindingBase = Pick<Finding, 'id' | 'kbStep' | 'repairs'>;
