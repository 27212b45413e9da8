/**
 * Click-to-Run Skype for Business profiles: `sfb-m365-c2r` (Microsoft 365 Apps, 64-bit),
 * `sfb2019-onprem` (2019 volume, 32-bit, internal pool, a certificate whose key is gone, Lync and
 * UcMapi.exe running) and `msi-leftover-c2r` (a live Microsoft 365 Apps client beside the
 * Lync 2013 MSI key its uninstall left). The facts are in facts.ts.
 */
import { MSI_LEFTOVER_C2R, PRACTICE_MACHINE_GUID, SFB2019_ONPREM, SFB_M365_C2R } from './facts';
import {
  communicationsServerCertificate,
  CURRENT_USER_MY,
  daysFrom,
  plantDecoyCertificates,
  plantDecoyCredentials,
  plantMachineGuid,
  plantTrustStores,
} from './common-parts';
import type { ScenarioSeeder } from './scenario-seeder';

type ClickToRunFacts = typeof SFB_M365_C2R | typeof SFB2019_ONPREM;

/** Configuration key, virtual registry, App Paths and lync.exe with its version. */
async function installClickToRun(seed: ScenarioSeeder, facts: ClickToRunFacts): Promise<void> {
  await seed.setValues(facts.configurationKey, {
    InstallationPath: { type: 'REG_SZ', data: seed.path(facts.installRoot) },
    ...Object.fromEntries(
      Object.entries(facts.configuration).map(([name, data]) => [
        name,
        { type: 'REG_SZ' as const, data },
      ]),
    ),
  });
  await seed.setValue(facts.virtualLyncKey, 'InstallationDirectory', {
    type: 'REG_SZ',
    data: seed.folderValue(facts.installFolder),
  });
  const executable = seed.path(facts.installFolder, facts.executableName);
  await seed.setValue(facts.appPathsKey, '', { type: 'REG_SZ', data: executable });
  await seed.executable(executable, facts.clientVersion);
  await seed.executable(seed.path(facts.installFolder, 'UcMapi.exe'), facts.clientVersion);
}

/** 16.0 settings, caches, Tracing, AccountProfiles.dat and credentials of the primary address. */
async function plantSfb16Profile(seed: ScenarioSeeder, facts: ClickToRunFacts): Promise<void> {
  await seed.setValues(facts.userSettingsKey, facts.userSettings);
  await seed.setValues(
    { hive: 'HKCU', path: `${facts.userSettingsKey.path}\\${facts.primaryAddress}` },
    { AutoDiscoveredUrl: { type: 'REG_SZ', data: 'https://lyncdiscover.contoso.com/' } },
  );
  await seed.setValue(facts.runningStateKey, 'UpAndRunning', { type: 'REG_DWORD', data: 0 });
  const folders = facts.cacheFolders;
  await seed.file(
    seed.path(folders.localPrimary, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool01.contoso.com:5061" stale="true"/>\n',
  );
  await seed.file(
    seed.path(folders.localPrimary, 'GalContacts.db'),
    Uint8Array.from({ length: 2048 }, (_, i) => (i * 29) % 256),
  );
  for (const name of facts.tracingFiles) {
    await seed.file(seed.path(folders.localTracing, name), `practice trace ${name}\n`);
  }
  await seed.file(
    seed.path(folders.roamingPrimary, 'Settings.dat'),
    Uint8Array.from([0, 1, 2, 3, 255]),
  );
  await seed.file(
    seed.path(folders.roamingAccountProfiles),
    Uint8Array.from({ length: 96 }, (_, i) => (i * 7) % 256),
  );
  await seed.addCredential(facts.credentials.primaryOcs);
  await seed.addCredential(facts.credentials.primaryEws);
  await plantDecoyCredentials(seed);
  await plantMachineGuid(seed, PRACTICE_MACHINE_GUID);
}

export async function buildM365ClickToRun(seed: ScenarioSeeder, now: Date) {
  await installClickToRun(seed, SFB_M365_C2R);
  await plantSfb16Profile(seed, SFB_M365_C2R);
  await plantTrustStores(seed, now);
  const expired = await communicationsServerCertificate(
    SFB_M365_C2R.primaryAddress,
    daysFrom(now, -200),
    daysFrom(now, -20),
  );
  await seed.addCertificate(CURRENT_USER_MY, expired, {
    key: { container: 'practice-sfb-user-key' },
    label: 'expiredPrimary',
  });
  await plantDecoyCertificates(seed, now);
}

/**
 * `sfb2019-onprem` at rest: the install, the profile and the in-date certificate whose key is
 * gone, with the client not running (what a machine without processes of its own can hold).
 */
export async function plantSfb2019Profile(seed: ScenarioSeeder, now: Date) {
  const facts = SFB2019_ONPREM;
  await installClickToRun(seed, facts);
  await plantSfb16Profile(seed, facts);
  await plantTrustStores(seed, now);
  const lostKey = await communicationsServerCertificate(
    facts.primaryAddress,
    daysFrom(now, -10),
    daysFrom(now, 170),
  );
  await seed.addCertificate(CURRENT_USER_MY, lostKey, {
    key: { container: facts.lostKeyContainer, usable: false },
    label: 'lostKeyPrimary',
  });
  await plantDecoyCertificates(seed, now);
}

export async function buildSfb2019OnPrem(seed: ScenarioSeeder, now: Date) {
  const facts = SFB2019_ONPREM;
  await plantSfb2019Profile(seed, now);
  await seed.startProcess({
    ...facts.processes.lync,
    path: seed.path(facts.installFolder, facts.executableName),
    ownedByCurrentUser: true,
    ignoresClose: false,
    signedInAddress: facts.primaryAddress,
  });
  await seed.startProcess({
    ...facts.processes.ucmapi,
    path: seed.path(facts.installFolder, 'UcMapi.exe'),
    ownedByCurrentUser: true,
    ignoresClose: false,
  });
  await seed.setValue(facts.runningStateKey, 'UpAndRunning', { type: 'REG_DWORD', data: 2 });
}

export async function buildMsiLeftoverClickToRun(seed: ScenarioSeeder, now: Date) {
  const facts = MSI_LEFTOVER_C2R;
  await buildM365ClickToRun(seed, now);
  // The Lync 2013 MSI key survived its uninstall; its program folder did not.
  await seed.setValue(facts.leftoverInstallKey, 'InstallationDirectory', {
    type: 'REG_SZ',
    data: seed.folderValue(facts.leftoverInstallFolder),
  });
  await seed.file(
    seed.path(facts.leftoverCache, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool01.contoso.com:5061" client="2013"/>\n',
  );
}
