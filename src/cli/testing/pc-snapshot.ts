/**
 * Everything on a (practice) PC that a repair may touch, read through the host ports: the
 * registry trees under HKCU\Software and HKLM\SOFTWARE (both views), every certificate store,
 * every credential with its secret, and every file under the profile's AppData folders.
 * Two snapshots are equal when the PC is the same byte for byte where it matters.
 */
import { createHash } from 'node:crypto';
import type { CertificateStoreRef, HostSystem } from '../../main/host/ports';
import type { RegistryKeyRef } from '../../shared/registry-value';

export type PcSnapshot = Record<string, string>;

async function registry(host: HostSystem, key: RegistryKeyRef, into: PcSnapshot): Promise<void> {
  const values = (await host.registry.listValues(key)) ?? [];
  const where = `reg:${key.hive}${key.view ? `(${key.view})` : ''}\\${key.path}`;
  into[where] = 'key';
  for (const entry of values) into[`${where}:${entry.name}`] = JSON.stringify(entry.value);
  for (const sub of (await host.registry.listSubkeys(key)) ?? []) {
    await registry(host, { ...key, path: `${key.path}\\${sub}` }, into);
  }
}

async function files(host: HostSystem, dir: string, into: PcSnapshot): Promise<void> {
  for (const entry of (await host.files.list(dir)) ?? []) {
    const path = host.files.join(dir, entry.name);
    if (entry.kind === 'directory') {
      into[`dir:${path}`] = 'dir';
      await files(host, path, into);
    } else {
      const bytes = await host.files.readFile(path);
      into[`file:${path}`] = createHash('sha256').update(bytes).digest('hex');
    }
  }
}

const STORES: CertificateStoreRef[] = (['CurrentUser', 'LocalMachine'] as const).flatMap(
  (location) => (['My', 'Root', 'CA', 'Disallowed'] as const).map((name) => ({ location, name })),
);

export async function snapshotPc(host: HostSystem): Promise<PcSnapshot> {
  const into: PcSnapshot = {};
  await registry(host, { hive: 'HKCU', path: 'Software' }, into);
  await registry(host, { hive: 'HKLM', path: 'SOFTWARE', view: '64' }, into);
  await registry(host, { hive: 'HKLM', path: 'SOFTWARE', view: '32' }, into);
  for (const store of STORES) {
    for (const cert of await host.certificates.list(store)) {
      into[`cert:${store.location}\\${store.name}\\${cert.thumbprint}`] = JSON.stringify({
        der: Buffer.from(cert.der).toString('base64'),
        hasPrivateKey: cert.hasPrivateKey,
        friendlyName: cert.friendlyName ?? null,
      });
    }
  }
  for (const summary of await host.credentials.list()) {
    const record = await host.credentials.read(summary.targetName, summary.type);
    into[`cred:${summary.type}:${summary.targetName}`] = JSON.stringify({
      userName: record?.userName,
      persist: record?.persist,
      comment: record?.comment ?? null,
      secret: record ? Buffer.from(record.secret).toString('base64') : null,
    });
  }
  for (const id of ['LocalAppData', 'RoamingAppData'] as const) {
    const dir = await host.files.knownFolder(id);
    if (dir) await files(host, dir, into);
  }
  return into;
}

/** Keys whose values differ or exist on one side only: the readable form of a failed equality. */
export function snapshotDifferences(a: PcSnapshot, b: PcSnapshot): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).sort();
}
