/**
 * Lync 2013 profiles: `healthy`, `kb-lync2013` (the KB article's case: expired certificate,
 * stale caches, stored credentials, a second account), `client-running` and
 * `machine-guid-braces`. The facts are in facts.ts.
 */
import { CLIENT_RUNNING, HEALTHY, KB_LYNC2013, MACHINE_GUID_BRACES } from './facts';
import {
  communicationsServerCertificate,
  CURRENT_USER_MY,
  daysFrom,
  installClient,
  plantDecoyCertificates,
  plantDecoyCredentials,
  plantMachineGuid,
  plantTrustStores,
} from './common-parts';
import type { ScenarioSeeder } from './scenario-seeder';

export function installLync2013(
  seed: ScenarioSeeder,
  version: string = KB_LYNC2013.clientVersion,
): Promise<string> {
  return installClient(seed, {
    installKey: KB_LYNC2013.installKey,
    folder: KB_LYNC2013.installFolder,
    executable: KB_LYNC2013.executableName,
    version,
  });
}

/** Bytes that include zeros and high values, so a backup that mangles binary data shows it. */
function binaryBlob(seed: number, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, index) =>
    index % 7 === 0 ? 0 : (seed * 31 + index * 17) % 256,
  );
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export async function buildHealthy(
  seed: ScenarioSeeder,
  now: Date,
  machineGuid: string = HEALTHY.machineGuid,
) {
  await installLync2013(seed, HEALTHY.clientVersion);
  await seed.setValues(HEALTHY.userSettingsKey, HEALTHY.userSettings);
  await seed.setValue(KB_LYNC2013.runningStateKey, 'UpAndRunning', { type: 'REG_DWORD', data: 0 });
  await plantMachineGuid(seed, machineGuid);
  await plantTrustStores(seed, now);
  const valid = await communicationsServerCertificate(
    HEALTHY.primaryAddress,
    daysFrom(now, -10),
    daysFrom(now, 170),
  );
  await seed.addCertificate(CURRENT_USER_MY, valid, {
    key: { container: 'practice-lync-user-key' },
    label: 'validPrimary',
  });
  await plantDecoyCertificates(seed, now);
  await plantDecoyCredentials(seed);
}

export async function buildMachineGuidBraces(seed: ScenarioSeeder, now: Date) {
  await buildHealthy(seed, now, MACHINE_GUID_BRACES.machineGuid);
}

export async function buildKbLync2013(seed: ScenarioSeeder, now: Date) {
  const facts = KB_LYNC2013;
  const primary = facts.primaryAddress;
  const second = facts.secondAddress;
  await installLync2013(seed);

  await seed.setValues(facts.userSettingsKey, facts.userSettings);
  const primaryKey = { hive: 'HKCU', path: `${facts.userSettingsKey.path}\\${primary}` } as const;
  await seed.setValues(primaryKey, {
    AutoDiscoveredUrl: { type: 'REG_SZ', data: 'https://lyncdiscover.contoso.com/' },
    LastSignInTime: { type: 'REG_QWORD', data: '133474262400000000' },
    UserSettingsBlob: { type: 'REG_BINARY', data: base64(binaryBlob(1, 48)) },
  });
  await seed.setValues(
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
  await seed.setValues(
    { hive: 'HKCU', path: `${facts.userSettingsKey.path}\\${second}` },
    {
      AutoDiscoveredUrl: { type: 'REG_SZ', data: 'https://lyncdiscover.fabrikam.com/' },
      LastSignInTime: { type: 'REG_QWORD', data: '18446744073709551615' },
      UserSettingsBlob: { type: 'REG_BINARY', data: base64(binaryBlob(2, 24)) },
    },
  );
  await seed.setValue(facts.runningStateKey, 'UpAndRunning', { type: 'REG_DWORD', data: 0 });
  await seed.setValue(facts.policyKey, 'SavePassword', { type: 'REG_DWORD', data: 1 });
  await plantMachineGuid(seed, facts.machineGuid);

  const folders = facts.cacheFolders;
  await seed.file(
    seed.path(folders.localPrimary, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool01.contoso.com:5061" stale="true"/>\n',
  );
  await seed.file(seed.path(folders.localPrimary, 'GalContacts.db'), binaryBlob(3, 4096));
  await seed.file(seed.path(folders.localPrimary, 'GalContacts.db.idx'), binaryBlob(4, 512));
  await seed.file(seed.path(folders.localPrimary, 'ABS', 'GalContacts.lsabs'), binaryBlob(5, 1024));
  await seed.file(
    seed.path(folders.localSecond, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool.fabrikam.com:5061"/>\n',
  );
  await seed.file(seed.path(folders.localSecond, 'GalContacts.db'), binaryBlob(6, 2048));
  await seed.file(
    seed.path(folders.localTracing, 'Lync-UccApi-0.UccApilog'),
    'practice trace line\n',
  );
  await seed.file(seed.path(folders.roamingPrimary, 'Settings.dat'), binaryBlob(7, 256));
  await seed.file(seed.path(folders.roamingAccountProfiles), binaryBlob(8, 128));
  await seed.file(
    seed.path(folders.lync2010Leftover, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="ocs2007.contoso.com:5061" client="2010"/>\n',
  );
  await seed.file(seed.path(folders.lync2010Leftover, 'GalContacts.db'), binaryBlob(9, 1024));

  await plantTrustStores(seed, now);
  const expired = await communicationsServerCertificate(
    primary,
    daysFrom(now, -200),
    daysFrom(now, -20),
  );
  await seed.addCertificate(CURRENT_USER_MY, expired, {
    key: { container: 'practice-lync-user-key' },
    label: 'expiredPrimary',
  });
  const valid = await communicationsServerCertificate(
    second,
    daysFrom(now, -10),
    daysFrom(now, 170),
  );
  await seed.addCertificate(CURRENT_USER_MY, valid, {
    key: { container: 'practice-lync-other-key' },
    label: 'validSecond',
  });
  await plantDecoyCertificates(seed, now);

  await seed.addCredential(facts.credentials.primaryOcs);
  await seed.addCredential(facts.credentials.primaryEws);
  await seed.addCredential(facts.credentials.secondOcs);
  await plantDecoyCredentials(seed);
}

export async function buildClientRunning(seed: ScenarioSeeder, now: Date) {
  await buildKbLync2013(seed, now);
  await seed.startProcess({
    pid: CLIENT_RUNNING.process.pid,
    name: CLIENT_RUNNING.process.name,
    path: seed.path(KB_LYNC2013.installFolder, KB_LYNC2013.executableName),
    ownedByCurrentUser: true,
    ignoresClose: false,
    signedInAddress: CLIENT_RUNNING.primaryAddress,
  });
  await seed.setValue(KB_LYNC2013.runningStateKey, 'UpAndRunning', {
    type: 'REG_DWORD',
    data: CLIENT_RUNNING.upAndRunning,
  });
}
