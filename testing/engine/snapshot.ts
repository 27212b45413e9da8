/**
 * A complete picture of a PC as the host ports see it: every file under the known folders (with
 * SHA-256 of its bytes), the registry trees the product could touch (both views of HKLM), every
 * certificate store entry (DER and exported entry), every credential with its secret. Two
 * snapshots compare equal exactly when nothing observable changed. Works on any HostSystem (the
 * practice PC here, the Windows adapters under Wine).
 */
import { createHash } from 'node:crypto';
import type { RegistryKeyRef, RegistryValue } from '../../src/shared/registry-value';
import type { CertificateStoreRef, HostSystem, KnownFolderId } from '../../src/main/host/ports';

export interface PcSnapshot {
  files: Record<string, string>;
  registry: Record<string, RegistryValue | 'key'>;
  certificates: Record<
    string,
    { der: string; entry: string; hasPrivateKey: boolean; friendlyName?: string }
  >;
  credentials: Record<
    string,
    { userName: string; persist: string; comment?: string; secret: string }
  >;
}

const KNOWN_FOLDERS: KnownFolderId[] = [
  'Profile',
  'LocalAppData',
  'RoamingAppData',
  'ProgramFiles',
  'ProgramFilesX86',
];
const STORES: CertificateStoreRef[] = (['CurrentUser', 'LocalMachine'] as const).flatMap(
  (location) => (['My', 'Root', 'CA', 'Disallowed'] as const).map((name) => ({ location, name })),
);
/** Registry roots to walk; HKLM\SOFTWARE's 64-bit view contains WOW6432Node (the 32-bit view). */
const REGISTRY_ROOTS: RegistryKeyRef[] = [
  { hive: 'HKCU', path: 'Software' },
  { hive: 'HKCU', path: 'SOFTWARE\\Policies' },
  { hive: 'HKLM', path: 'SOFTWARE', view: '64' },
];

/** Where MachineGuid sits in `PcSnapshot.registry` (labels are lower-case, as Windows compares). */
export const MACHINE_GUID_SNAPSHOT_KEY = 'hklm\\software\\microsoft\\cryptography :: machineguid';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function snapshotFiles(host: HostSystem, into: PcSnapshot['files']): Promise<void> {
  for (const id of KNOWN_FOLDERS) {
    const root = await host.files.knownFolder(id);
    if (!root) continue;
    const pending: string[][] = [[]];
    while (pending.length > 0) {
      const relative = pending.pop() as string[];
      for (const entry of (await host.files.list(host.files.join(root, ...relative))) ?? []) {
        const path = [...relative, entry.name];
        const label = `${id}/${path.join('/')}`;
        if (entry.kind === 'directory') {
          into[`${label}/`] = 'dir';
          pending.push(path);
        } else {
          into[label] = sha256(await host.files.readFile(host.files.join(root, ...path)));
        }
      }
    }
  }
}

async function snapshotKey(host: HostSystem, key: RegistryKeyRef, into: PcSnapshot['registry']) {
  const values = await host.registry.listValues(key);
  if (values === undefined) return;
  const label = `${key.hive}\\${key.path}`.toLowerCase();
  into[label] = 'key';
  for (const entry of values) into[`${label} :: ${entry.name.toLowerCase()}`] = entry.value;
  for (const child of (await host.registry.listSubkeys(key)) ?? []) {
    await snapshotKey(host, { ...key, path: `${key.path}\\${child}` }, into);
  }
}

export async function snapshotPc(host: HostSystem): Promise<PcSnapshot> {
  const snapshot: PcSnapshot = { files: {}, registry: {}, certificates: {}, credentials: {} };
  await snapshotFiles(host, snapshot.files);
  for (const root of REGISTRY_ROOTS) await snapshotKey(host, root, snapshot.registry);
  for (const store of STORES) {
    for (const certificate of await host.certificates.list(store)) {
      const entry = await host.certificates.exportEntry(store, certificate.thumbprint);
      snapshot.certificates[`${store.location}\\${store.name}\\${certificate.thumbprint}`] = {
        der: sha256(certificate.der),
        entry: entry ? sha256(entry) : 'none',
        hasPrivateKey: certificate.hasPrivateKey,
        ...(certificate.friendlyName !== undefined
          ? { friendlyName: certificate.friendlyName }
          : {}),
      };
    }
  }
  for (const summary of await host.credentials.list()) {
    const record = await host.credentials.read(summary.targetName, summary.type);
    if (!record) continue;
    snapshot.credentials[`${summary.type}:${summary.targetName}`] = {
      userName: record.userName,
      persist: record.persist,
      ...(record.comment !== undefined ? { comment: record.comment } : {}),
      secret: Buffer.from(record.secret).toString('base64'),
    };
  }
  return snapshot;
}

/** Keys whose value differs between two snapshots, for readable test failures. */
export function snapshotDifferences(before: PcSnapshot, after: PcSnapshot): string[] {
  const differences: string[] = [];
  for (const part of ['files', 'registry', 'certificates', 'credentials'] as const) {
    const keys = new Set([...Object.keys(before[part]), ...Object.keys(after[part])]);
    for (const key of keys) {
      const a = JSON.stringify(before[part][key]);
      const b = JSON.stringify(after[part][key]);
      if (a !== b) differences.push(`${part}: ${key} ${a ?? 'absent'} -> ${b ?? 'absent'}`);
    }
  }
  return differences.sort();
}
