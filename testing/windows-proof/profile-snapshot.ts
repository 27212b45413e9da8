/**
 * A complete, comparable picture of everything the repair may touch (and its neighbours that
 * it must not): registry trees, CurrentUser\My with full DER and properties, every credential
 * with its secret, the cache folders file by file. Two snapshots compared show exactly what a
 * repair changed and whether undo put it all back.
 */
import { createHash } from 'node:crypto';
import type { HostSystem } from '../../src/main/host/ports';
import type { RegistryKeyRef, RegistryKeySnapshot } from '../../src/shared/registry-value';
import { KB_LYNC2013, MACHINE_GUID_KEY } from '../../src/main/host/practice/scenarios/facts';

export interface ProfileSnapshot {
  registry: Record<string, RegistryKeySnapshot | null>;
  machineGuid: unknown;
  certificates: Array<{
    thumbprint: string;
    der: string;
    hasPrivateKey: boolean;
    friendlyName?: string;
  }>;
  credentials: Array<{
    targetName: string;
    type: string;
    userName: string;
    persist: string;
    secret: string;
  }>;
  files: Record<string, Record<string, string> | null>;
  lyncVersion: string | null;
}

async function keyTree(
  host: HostSystem,
  key: RegistryKeyRef,
  name: string,
): Promise<RegistryKeySnapshot | null> {
  const values = await host.registry.listValues(key);
  if (!values) return null;
  const subkeys: RegistryKeySnapshot[] = [];
  for (const sub of (await host.registry.listSubkeys(key)) ?? []) {
    const child = await keyTree(host, { ...key, path: `${key.path}\\${sub}` }, sub);
    if (child) subkeys.push(child);
  }
  values.sort((a, b) => a.name.localeCompare(b.name));
  subkeys.sort((a, b) => a.name.localeCompare(b.name));
  return { name, values, subkeys };
}

async function fileTree(
  host: HostSystem,
  dir: string,
  prefix = '',
  into: Record<string, string> = {},
): Promise<Record<string, string> | null> {
  const entries = await host.files.list(dir);
  if (!entries) return prefix === '' ? null : into;
  for (const entry of entries) {
    const path = host.files.join(dir, entry.name);
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.kind === 'directory') {
      into[`${rel}/`] = 'dir';
      await fileTree(host, path, rel, into);
    } else {
      into[rel] = createHash('sha256')
        .update(await host.files.readFile(path))
        .digest('hex');
    }
  }
  return into;
}

export async function snapshotProfile(host: HostSystem): Promise<ProfileSnapshot> {
  const facts = KB_LYNC2013;
  const keys: Record<string, RegistryKeyRef> = {
    userSettings: facts.userSettingsKey,
    install: facts.installKey,
    policy: facts.policyKey,
    runningState: facts.runningStateKey,
  };
  const registry: ProfileSnapshot['registry'] = {};
  for (const [label, key] of Object.entries(keys))
    registry[label] = await keyTree(host, key, key.path);

  const certificates = (await host.certificates.list({ location: 'CurrentUser', name: 'My' }))
    .map((c) => ({
      thumbprint: c.thumbprint,
      der: Buffer.from(c.der).toString('base64'),
      hasPrivateKey: c.hasPrivateKey,
      ...(c.friendlyName === undefined ? {} : { friendlyName: c.friendlyName }),
    }))
    .sort((a, b) => a.thumbprint.localeCompare(b.thumbprint));

  const credentials: ProfileSnapshot['credentials'] = [];
  for (const summary of await host.credentials.list()) {
    const record = await host.credentials.read(summary.targetName, summary.type);
    if (!record) continue;
    credentials.push({
      targetName: record.targetName,
      type: record.type,
      userName: record.userName,
      persist: record.persist,
      secret: Buffer.from(record.secret).toString('base64'),
    });
  }
  credentials.sort((a, b) => a.targetName.localeCompare(b.targetName));

  const local = (await host.files.knownFolder('LocalAppData')) ?? '';
  const roaming = (await host.files.knownFolder('RoamingAppData')) ?? '';
  const files: ProfileSnapshot['files'] = {
    localLync: await fileTree(host, host.files.join(local, 'Microsoft', 'Office', '15.0', 'Lync')),
    roamingLync: await fileTree(
      host,
      host.files.join(roaming, 'Microsoft', 'Office', '15.0', 'Lync'),
    ),
    localCommunicator: await fileTree(host, host.files.join(local, 'Microsoft', 'Communicator')),
  };

  const programFilesX86 = (await host.files.knownFolder('ProgramFilesX86')) ?? '';
  const lyncExe = host.files.join(
    programFilesX86,
    ...facts.installFolder.segments,
    facts.executableName,
  );
  return {
    registry,
    machineGuid: (await host.registry.getValue(MACHINE_GUID_KEY, 'MachineGuid')) ?? null,
    certificates,
    credentials,
    files,
    lyncVersion: (await host.files.fileVersion(lyncExe)) ?? null,
  };
}
