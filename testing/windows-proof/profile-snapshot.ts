/**
 * A complete, comparable picture of everything the repair may touch (and its neighbours that
 * it must not): registry trees, CurrentUser\My with full DER and properties, every credential
 * with its secret, the cache folders file by file. Two snapshots compared show exactly what a
 * repair changed and whether undo put it all back. Two profiles, each named from its scenario's
 * facts: the Lync 2013 one (`kb-lync2013`) and the Click-to-Run one (`sfb2019-onprem`).
 */
import { createHash } from 'node:crypto';
import type { HostSystem } from '../../src/main/host/ports';
import type { RegistryKeyRef, RegistryKeySnapshot } from '../../src/shared/registry-value';
import {
  KB_LYNC2013,
  MACHINE_GUID_KEY,
  SFB2019_ONPREM,
  type FolderFact,
} from '../../src/main/host/practice/scenarios/facts';

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

/** What a profile's snapshot covers: registry trees, folders, and the client executable. */
interface ProfileParts {
  registry: Record<string, RegistryKeyRef>;
  folders: Record<string, FolderFact>;
  installFolder: FolderFact;
  executableName: string;
}

/** The folder a fact's file or folder sits in (e.g. the Lync folder above `sip_<address>`). */
function parentOf(fact: FolderFact): FolderFact {
  return { knownFolder: fact.knownFolder, segments: fact.segments.slice(0, -1) };
}

export const PROFILES = {
  lync2013: {
    registry: {
      userSettings: KB_LYNC2013.userSettingsKey,
      install: KB_LYNC2013.installKey,
      policy: KB_LYNC2013.policyKey,
      runningState: KB_LYNC2013.runningStateKey,
    },
    folders: {
      localLync: parentOf(KB_LYNC2013.cacheFolders.localPrimary),
      roamingLync: parentOf(KB_LYNC2013.cacheFolders.roamingPrimary),
      localCommunicator: parentOf(KB_LYNC2013.cacheFolders.lync2010Leftover),
    },
    installFolder: KB_LYNC2013.installFolder,
    executableName: KB_LYNC2013.executableName,
  },
  clickToRun: {
    registry: {
      userSettings: SFB2019_ONPREM.userSettingsKey,
      configuration: SFB2019_ONPREM.configurationKey,
      virtualLync: SFB2019_ONPREM.virtualLyncKey,
      appPaths: SFB2019_ONPREM.appPathsKey,
      runningState: SFB2019_ONPREM.runningStateKey,
    },
    folders: {
      localLync: parentOf(SFB2019_ONPREM.cacheFolders.localPrimary),
      roamingLync: parentOf(SFB2019_ONPREM.cacheFolders.roamingPrimary),
    },
    installFolder: SFB2019_ONPREM.installFolder,
    executableName: SFB2019_ONPREM.executableName,
  },
} satisfies Record<string, ProfileParts>;

export type ProfileName = keyof typeof PROFILES;

export function isProfileName(name: string | undefined): name is ProfileName {
  return name !== undefined && Object.hasOwn(PROFILES, name);
}

async function folderPath(host: HostSystem, fact: FolderFact): Promise<string> {
  const base = await host.files.knownFolder(fact.knownFolder);
  if (!base) throw new Error(`Known folder ${fact.knownFolder} is missing`);
  return host.files.join(base, ...fact.segments);
}

export async function snapshotProfile(
  host: HostSystem,
  profile: ProfileName,
): Promise<ProfileSnapshot> {
  const parts: ProfileParts = PROFILES[profile];
  const registry: ProfileSnapshot['registry'] = {};
  for (const [label, key] of Object.entries(parts.registry))
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

  const files: ProfileSnapshot['files'] = {};
  for (const [label, fact] of Object.entries(parts.folders))
    files[label] = await fileTree(host, await folderPath(host, fact));

  const executable = host.files.join(
    await folderPath(host, parts.installFolder),
    parts.executableName,
  );
  return {
    registry,
    machineGuid: (await host.registry.getValue(MACHINE_GUID_KEY, 'MachineGuid')) ?? null,
    certificates,
    credentials,
    files,
    lyncVersion: (await host.files.stat(executable))
      ? ((await host.files.fileVersion(executable)) ?? null)
      : null,
  };
}
