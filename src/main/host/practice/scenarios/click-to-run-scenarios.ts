/**
 * Click-to-Run Skype for Business profiles: `sfb-m365-c2r` (Microsoft 365 Apps, 64-bit),
 * `sfb2019-onprem` (2019 volume, 32-bit, internal pool, a certificate whose key is gone, Lync and
 * UcMapi.exe running) and `msi-leftover-c2r` (a live Microsoft 365 Apps client beside the
 * Lync 2013 MSI key its uninstall left). The facts are in facts.ts.
 */
import { sep } from 'node:path';
import { MSI_LEFTOVER_C2R, SFB2019_ONPREM, SFB_M365_C2R } from './facts';
import {
  communicationsServerCertificate,
  CURRENT_USER_MY,
  daysFrom,
  plantCredential,
  plantDecoyCertificates,
  plantDecoyCredentials,
  plantMachineGuid,
  plantTrustStores,
} from './common-parts';
import { PRACTICE_MACHINE_GUID } from './facts';
import type { PracticeBuilder } from './practice-builder';

type ClickToRunFacts = typeof SFB_M365_C2R | typeof SFB2019_ONPREM;

/** Configuration key, virtual registry, App Paths and lync.exe with its version. */
function installClickToRun(pc: PracticeBuilder, facts: ClickToRunFacts): void {
  const root = pc.path(facts.installRoot);
  pc.setValues(facts.configurationKey, {
    InstallationPath: { type: 'REG_SZ', data: root },
    ...Object.fromEntries(
      Object.entries(facts.configuration).map(([name, data]) => [
        name,
        { type: 'REG_SZ' as const, data },
      ]),
    ),
  });
  pc.setValue(facts.virtualLyncKey, 'InstallationDirectory', {
    type: 'REG_SZ',
    data: `${pc.path(facts.installFolder)}${sep}`,
  });
  const executable = pc.path(facts.installFolder, facts.executableName);
  pc.setValue(facts.appPathsKey, '', { type: 'REG_SZ', data: executable });
  pc.file(executable, `MZ practice stand-in for lync.exe ${facts.clientVersion}\n`);
  pc.fileVersion(executable, facts.clientVersion);
  const ucmapi = pc.path(facts.installFolder, 'UcMapi.exe');
  pc.file(ucmapi, 'MZ practice stand-in for UcMapi.exe\n');
  pc.fileVersion(ucmapi, facts.clientVersion);
}

/** 16.0 settings, caches, Tracing, AccountProfiles.dat and credentials of the primary address. */
function plantSfb16Profile(pc: PracticeBuilder, facts: ClickToRunFacts): void {
  pc.setValues(facts.userSettingsKey, facts.userSettings);
  pc.setValues(
    { hive: 'HKCU', path: `${facts.userSettingsKey.path}\\${facts.primaryAddress}` },
    { AutoDiscoveredUrl: { type: 'REG_SZ', data: 'https://lyncdiscover.contoso.com/' } },
  );
  pc.upAndRunning('lync.exe', 0);
  const folders = facts.cacheFolders;
  pc.file(
    pc.path(folders.localPrimary, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool01.contoso.com:5061" stale="true"/>\n',
  );
  pc.file(
    pc.path(folders.localPrimary, 'GalContacts.db'),
    Uint8Array.from({ length: 2048 }, (_, i) => (i * 29) % 256),
  );
  for (const name of facts.tracingFiles) {
    pc.file(pc.path(folders.localTracing, name), `practice trace ${name}\n`);
  }
  pc.file(pc.path(folders.roamingPrimary, 'Settings.dat'), Uint8Array.from([0, 1, 2, 3, 255]));
  pc.file(
    pc.path(folders.roamingAccountProfiles),
    Uint8Array.from({ length: 96 }, (_, i) => (i * 7) % 256),
  );
  plantCredential(pc, facts.credentials.primaryOcs);
  plantCredential(pc, facts.credentials.primaryEws);
  plantDecoyCredentials(pc);
  plantMachineGuid(pc, PRACTICE_MACHINE_GUID);
}

export async function buildM365ClickToRun(pc: PracticeBuilder, now: Date) {
  installClickToRun(pc, SFB_M365_C2R);
  plantSfb16Profile(pc, SFB_M365_C2R);
  await plantTrustStores(pc, now);
  const expired = await communicationsServerCertificate(
    SFB_M365_C2R.primaryAddress,
    daysFrom(now, -200),
    daysFrom(now, -20),
  );
  pc.addCertificate(CURRENT_USER_MY, expired, { keyContainer: 'practice-sfb-user-key' });
  await plantDecoyCertificates(pc, now);
}

export async function buildSfb2019OnPrem(pc: PracticeBuilder, now: Date) {
  const facts = SFB2019_ONPREM;
  installClickToRun(pc, facts);
  plantSfb16Profile(pc, facts);
  await plantTrustStores(pc, now);
  const lostKey = await communicationsServerCertificate(
    facts.primaryAddress,
    daysFrom(now, -10),
    daysFrom(now, 170),
  );
  pc.addCertificate(CURRENT_USER_MY, lostKey, {
    keyContainer: facts.lostKeyContainer,
    keyUnusable: true,
  });
  await plantDecoyCertificates(pc, now);
  pc.process({
    ...facts.processes.lync,
    path: pc.path(facts.installFolder, facts.executableName),
    ownedByCurrentUser: true,
    ignoresClose: false,
    signedInAddress: facts.primaryAddress,
  });
  pc.process({
    ...facts.processes.ucmapi,
    path: pc.path(facts.installFolder, 'UcMapi.exe'),
    ownedByCurrentUser: true,
    ignoresClose: false,
  });
  pc.upAndRunning('lync.exe', 2);
}

export async function buildMsiLeftoverClickToRun(pc: PracticeBuilder, now: Date) {
  const facts = MSI_LEFTOVER_C2R;
  await buildM365ClickToRun(pc, now);
  // The Lync 2013 MSI key survived its uninstall; its program folder did not.
  pc.setValue(facts.leftoverInstallKey, 'InstallationDirectory', {
    type: 'REG_SZ',
    data: `${pc.path(facts.leftoverInstallFolder)}${sep}`,
  });
  pc.file(
    pc.path(facts.leftoverCache, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool01.contoso.com:5061" client="2013"/>\n',
  );
}
