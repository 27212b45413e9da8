/**
 * Seeds a fresh Wine prefix with the KB article's broken Lync 2013 profile, through the Win32
 * adapters themselves: the same facts as the practice PC's `kb-lync2013` scenario (facts.ts),
 * except that MachineGuid carries braces, so the repair has every kind of target. Answers with
 * what it planted (thumbprints, paths) for the end-to-end checks.
 */
import { createHash } from 'node:crypto';
import { createWindowsHost } from '../../src/main/host/windows/index';
import type { HostSystem } from '../../src/main/host/ports';
import type { RegistryKeyRef } from '../../src/shared/registry-value';
import {
  KB_LYNC2013,
  DECOYS,
  MACHINE_GUID_KEY,
  PRACTICE_MACHINE_GUID,
  secretBytes,
  type CredentialFact,
  type FolderFact,
} from '../../src/main/host/practice/scenarios/facts';
import { EKU, issueCertificate } from '../../src/main/host/practice/scenarios/certificate-factory';
import {
  communicationsServerCertificate,
  daysFrom,
} from '../../src/main/host/practice/scenarios/common-parts';
import { certificateEntryFor } from '../../src/main/host/practice/certificate-entry';
import { linkKeyContainer } from './key-link';
import { peWithVersion } from './pe-with-version';
import { runEntry } from './entry';

const MY = { location: 'CurrentUser', name: 'My' } as const;

export interface SeededProfile {
  machineGuid: string;
  lyncExe: string;
  certificates: { expiredPrimary: string; validSecond: string; vpn: string; smime: string };
  folders: Record<string, string>;
}

function bytes(seed: number, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) =>
    index % 7 === 0 ? 0 : (seed * 31 + index * 17) % 256,
  );
}

async function folder(host: HostSystem, fact: FolderFact, ...more: string[]): Promise<string> {
  const base = await host.files.knownFolder(fact.knownFolder);
  if (!base) throw new Error(`Known folder ${fact.knownFolder} is missing in this prefix`);
  return host.files.join(base, ...fact.segments, ...more);
}

async function addCertificate(
  host: HostSystem,
  der: Uint8Array,
  options: { friendlyName?: string; keyContainer?: string } = {},
): Promise<string> {
  await host.certificates.importEntry(
    MY,
    certificateEntryFor(der, options.friendlyName ? { friendlyName: options.friendlyName } : {}),
  );
  const thumbprint = createHash('sha1').update(der).digest('hex').toUpperCase();
  if (options.keyContainer) linkKeyContainer(MY, thumbprint, options.keyContainer);
  return thumbprint;
}

async function addCredential(host: HostSystem, fact: CredentialFact): Promise<void> {
  await host.credentials.write({
    targetName: fact.targetName,
    type: fact.type,
    userName: fact.userName,
    persist: 'local-machine',
    lastWritten: new Date().toISOString(),
    secret: secretBytes(fact.secret),
  });
}

async function setValues(
  host: HostSystem,
  key: RegistryKeyRef,
  values: Record<string, Parameters<HostSystem['registry']['setValue']>[2]>,
) {
  for (const [name, value] of Object.entries(values))
    await host.registry.setValue(key, name, value);
}

async function seedLync2013(host: HostSystem, now = new Date()): Promise<SeededProfile> {
  const facts = KB_LYNC2013;
  const primary = facts.primaryAddress;
  const second = facts.secondAddress;

  // The client: install key in the 32-bit view, lync.exe with a real version resource.
  const installDir = await folder(host, facts.installFolder);
  const lyncExe = host.files.join(installDir, facts.executableName);
  await host.files.writeFile(lyncExe, peWithVersion(facts.clientVersion));
  await host.registry.setValue(facts.installKey, 'InstallationDirectory', {
    type: 'REG_SZ',
    data: `${installDir}\\`,
  });

  // Per-user settings, per-address subkeys, running state, a policy that must never change.
  await setValues(host, facts.userSettingsKey, facts.userSettings);
  const primaryKey = { hive: 'HKCU', path: `${facts.userSettingsKey.path}\\${primary}` } as const;
  await setValues(host, primaryKey, {
    AutoDiscoveredUrl: { type: 'REG_SZ', data: 'https://lyncdiscover.contoso.com/' },
    LastSignInTime: { type: 'REG_QWORD', data: '133474262400000000' },
    UserSettingsBlob: { type: 'REG_BINARY', data: Buffer.from(bytes(1, 48)).toString('base64') },
  });
  await setValues(
    host,
    { hive: 'HKCU', path: `${primaryKey.path}\\Autodiscovery` },
    {
      ServerCandidates: {
        type: 'REG_MULTI_SZ',
        data: ['sipinternal.contoso.com', 'sip.contoso.com'],
      },
      TracingPath: {
        type: 'REG_EXPAND_SZ',
        data: '%LOCALAPPDATA%\\Microsoft\\Office\\15.0\\Lync\\Tracing',
      },
    },
  );
  await setValues(
    host,
    { hive: 'HKCU', path: `${facts.userSettingsKey.path}\\${second}` },
    {
      AutoDiscoveredUrl: { type: 'REG_SZ', data: 'https://lyncdiscover.fabrikam.com/' },
      LastSignInTime: { type: 'REG_QWORD', data: '18446744073709551615' },
      UserSettingsBlob: { type: 'REG_BINARY', data: Buffer.from(bytes(2, 24)).toString('base64') },
    },
  );
  await host.registry.setValue(facts.runningStateKey, 'UpAndRunning', {
    type: 'REG_DWORD',
    data: 0,
  });
  await host.registry.setValue(facts.policyKey, 'SavePassword', { type: 'REG_DWORD', data: 1 });
  const machineGuid = `{${PRACTICE_MACHINE_GUID}}`;
  await host.registry.setValue(MACHINE_GUID_KEY, 'MachineGuid', {
    type: 'REG_SZ',
    data: machineGuid,
  });

  // Endpoint caches of two accounts, the tracing folder, roaming data, a Lync 2010 leftover.
  const folders = facts.cacheFolders;
  const write = async (fact: FolderFact, name: string, data: Uint8Array | string) =>
    host.files.writeFile(
      await folder(host, fact, ...name.split('/')),
      typeof data === 'string' ? new Uint8Array(Buffer.from(data)) : data,
    );
  await write(
    folders.localPrimary,
    'EndpointConfiguration.cache',
    '<EndpointConfiguration home="pool01.contoso.com:5061" stale="true"/>\n',
  );
  await write(folders.localPrimary, 'GalContacts.db', bytes(3, 4096));
  await write(folders.localPrimary, 'GalContacts.db.idx', bytes(4, 512));
  await write(folders.localPrimary, 'ABS/GalContacts.lsabs', bytes(5, 1024));
  await write(
    folders.localSecond,
    'EndpointConfiguration.cache',
    '<EndpointConfiguration home="pool.fabrikam.com:5061"/>\n',
  );
  await write(folders.localSecond, 'GalContacts.db', bytes(6, 2048));
  await write(folders.localTracing, 'Lync-UccApi-0.UccApilog', 'trace line\n');
  await write(folders.roamingPrimary, 'Settings.dat', bytes(7, 256));
  await host.files.writeFile(await folder(host, folders.roamingAccountProfiles), bytes(8, 128));
  await write(
    folders.lync2010Leftover,
    'EndpointConfiguration.cache',
    '<EndpointConfiguration home="ocs2007.contoso.com:5061" client="2010"/>\n',
  );

  // CurrentUser\My: the expired Communications Server certificate (the KB's target), a valid
  // one for the second account, and two unrelated certificates that must survive.
  const certificates = {
    expiredPrimary: await addCertificate(
      host,
      await communicationsServerCertificate(primary, daysFrom(now, -200), daysFrom(now, -20)),
      {
        keyContainer: 'lync-user-key',
      },
    ),
    validSecond: await addCertificate(
      host,
      await communicationsServerCertificate(second, daysFrom(now, -10), daysFrom(now, 170)),
      {
        keyContainer: 'lync-other-key',
      },
    ),
    vpn: await addCertificate(
      host,
      await issueCertificate({
        subject: DECOYS.vpnCertificate.subject,
        issuer: DECOYS.vpnCertificate.issuer,
        notBefore: daysFrom(now, -100),
        notAfter: daysFrom(now, 265),
        usages: [EKU.clientAuth],
      }),
      { friendlyName: DECOYS.vpnCertificate.friendlyName, keyContainer: 'vpn-key' },
    ),
    smime: await addCertificate(
      host,
      await issueCertificate({
        subject: DECOYS.smimeCertificate.subject,
        issuer: DECOYS.smimeCertificate.issuer,
        notBefore: daysFrom(now, -30),
        notAfter: daysFrom(now, 700),
        email: DECOYS.smimeCertificate.email,
        usages: [EKU.emailProtection],
      }),
      { friendlyName: DECOYS.smimeCertificate.friendlyName },
    ),
  };

  // Lync's stored credentials for both accounts, and other software's that must survive.
  for (const fact of Object.values(facts.credentials)) await addCredential(host, fact);
  for (const fact of DECOYS.credentials) await addCredential(host, fact);

  const resolved: Record<string, string> = {};
  for (const [name, fact] of Object.entries(folders)) resolved[name] = await folder(host, fact);
  return { machineGuid, lyncExe, certificates, folders: resolved };
}

runEntry(async () => {
  const host = await createWindowsHost();
  try {
    return await seedLync2013(host);
  } finally {
    await host.close();
  }
});
