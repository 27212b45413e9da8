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
  plantCredential,
  plantDecoyCertificates,
  plantDecoyCredentials,
  plantMachineGuid,
  plantTrustStores,
} from './common-parts';
import type { PracticeBuilder } from './practice-builder';

export function installLync2013(
  pc: PracticeBuilder,
  version: string = KB_LYNC2013.clientVersion,
): string {
  return installClient(pc, {
    installKey: { hive: 'HKLM', path: KB_LYNC2013.installKey.path, view: '32' },
    folder: pc.path(KB_LYNC2013.installFolder),
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

export async function buildHealthy(
  pc: PracticeBuilder,
  now: Date,
  machineGuid: string = HEALTHY.machineGuid,
) {
  installLync2013(pc, HEALTHY.clientVersion);
  pc.setValues(HEALTHY.userSettingsKey, HEALTHY.userSettings);
  pc.upAndRunning('lync.exe', 0);
  plantMachineGuid(pc, machineGuid);
  await plantTrustStores(pc, now);
  const valid = await communicationsServerCertificate(
    HEALTHY.primaryAddress,
    daysFrom(now, -10),
    daysFrom(now, 170),
  );
  pc.addCertificate(CURRENT_USER_MY, valid, { keyContainer: 'practice-lync-user-key' });
  await plantDecoyCertificates(pc, now);
  plantDecoyCredentials(pc);
}

export async function buildMachineGuidBraces(pc: PracticeBuilder, now: Date) {
  await buildHealthy(pc, now, MACHINE_GUID_BRACES.machineGuid);
}

export async function buildKbLync2013(pc: PracticeBuilder, now: Date) {
  const facts = KB_LYNC2013;
  const primary = facts.primaryAddress;
  const second = facts.secondAddress;
  installLync2013(pc);

  pc.setValues(facts.userSettingsKey, facts.userSettings);
  const primaryKey = { hive: 'HKCU', path: `${facts.userSettingsKey.path}\\${primary}` } as const;
  pc.setValues(primaryKey, {
    AutoDiscoveredUrl: { type: 'REG_SZ', data: 'https://lyncdiscover.contoso.com/' },
    LastSignInTime: { type: 'REG_QWORD', data: '133474262400000000' },
    UserSettingsBlob: {
      type: 'REG_BINARY',
      data: Buffer.from(binaryBlob(1, 48)).toString('base64'),
    },
  });
  pc.setValues(
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
  pc.setValues(
    { hive: 'HKCU', path: `${facts.userSettingsKey.path}\\${second}` },
    {
      AutoDiscoveredUrl: { type: 'REG_SZ', data: 'https://lyncdiscover.fabrikam.com/' },
      LastSignInTime: { type: 'REG_QWORD', data: '18446744073709551615' },
      UserSettingsBlob: {
        type: 'REG_BINARY',
        data: Buffer.from(binaryBlob(2, 24)).toString('base64'),
      },
    },
  );
  pc.upAndRunning('lync.exe', 0);
  pc.setValue(facts.policyKey, 'SavePassword', { type: 'REG_DWORD', data: 1 });
  plantMachineGuid(pc, facts.machineGuid);

  const folders = facts.cacheFolders;
  pc.file(
    pc.path(folders.localPrimary, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool01.contoso.com:5061" stale="true"/>\n',
  );
  pc.file(pc.path(folders.localPrimary, 'GalContacts.db'), binaryBlob(3, 4096));
  pc.file(pc.path(folders.localPrimary, 'GalContacts.db.idx'), binaryBlob(4, 512));
  pc.file(pc.path(folders.localPrimary, 'ABS', 'GalContacts.lsabs'), binaryBlob(5, 1024));
  pc.file(
    pc.path(folders.localSecond, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool.fabrikam.com:5061"/>\n',
  );
  pc.file(pc.path(folders.localSecond, 'GalContacts.db'), binaryBlob(6, 2048));
  pc.file(pc.path(folders.localTracing, 'Lync-UccApi-0.UccApilog'), 'practice trace line\n');
  pc.file(pc.path(folders.roamingPrimary, 'Settings.dat'), binaryBlob(7, 256));
  pc.file(pc.path(folders.roamingAccountProfiles), binaryBlob(8, 128));
  pc.file(
    pc.path(folders.lync2010Leftover, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="ocs2007.contoso.com:5061" client="2010"/>\n',
  );
  pc.file(pc.path(folders.lync2010Leftover, 'GalContacts.db'), binaryBlob(9, 1024));

  await plantTrustStores(pc, now);
  const expired = await communicationsServerCertificate(
    primary,
    daysFrom(now, -200),
    daysFrom(now, -20),
  );
  pc.addCertificate(CURRENT_USER_MY, expired, { keyContainer: 'practice-lync-user-key' });
  const valid = await communicationsServerCertificate(
    second,
    daysFrom(now, -10),
    daysFrom(now, 170),
  );
  pc.addCertificate(CURRENT_USER_MY, valid, { keyContainer: 'practice-lync-other-key' });
  await plantDecoyCertificates(pc, now);

  plantCredential(pc, facts.credentials.primaryOcs);
  plantCredential(pc, facts.credentials.primaryEws);
  plantCredential(pc, facts.credentials.secondOcs);
  plantDecoyCredentials(pc);
}

export async function buildClientRunning(pc: PracticeBuilder, now: Date) {
  await buildKbLync2013(pc, now);
  pc.process({
    pid: CLIENT_RUNNING.process.pid,
    name: CLIENT_RUNNING.process.name,
    path: pc.path(KB_LYNC2013.installFolder, KB_LYNC2013.executableName),
    ownedByCurrentUser: true,
    ignoresClose: false,
    signedInAddress: CLIENT_RUNNING.primaryAddress,
  });
  pc.upAndRunning('lync.exe', CLIENT_RUNNING.upAndRunning);
}
