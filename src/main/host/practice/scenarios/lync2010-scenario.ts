/**
 * `kb-lync2010`: an old Lync 2010 build with the RTW Sign-In Assistant whose service is stopped,
 * an expired certificate, stored credentials and a stale endpoint cache.
 */
import { KB_LYNC2010 } from './facts';
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

export async function buildKbLync2010(seed: ScenarioSeeder, now: Date) {
  const facts = KB_LYNC2010;
  await installClient(seed, {
    installKey: facts.installKey,
    folder: facts.installFolder,
    executable: facts.executableName,
    version: facts.clientVersion,
  });
  await seed.setValue(facts.signInAssistantKey, 'MSOIDCRLVersion', {
    type: 'REG_SZ',
    data: facts.signInAssistantVersion,
  });
  await seed.installService({ ...facts.signInAssistantService });

  await seed.setValues(facts.userSettingsKey, facts.userSettings);
  await seed.setValue(facts.runningStateKey, 'UpAndRunning', { type: 'REG_DWORD', data: 0 });
  await plantMachineGuid(seed, facts.machineGuid);

  const cache = facts.cacheFolders.localPrimary;
  await seed.file(
    seed.path(cache, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool01.contoso.com:5061" stale="true"/>\n',
  );
  await seed.file(
    seed.path(cache, 'GalContacts.db'),
    Uint8Array.from({ length: 1024 }, (_, i) => (i * 13) % 256),
  );

  await plantTrustStores(seed, now);
  const expired = await communicationsServerCertificate(
    facts.primaryAddress,
    daysFrom(now, -200),
    daysFrom(now, -20),
  );
  await seed.addCertificate(CURRENT_USER_MY, expired, {
    key: { container: 'practice-lync-user-key' },
    label: 'expiredPrimary',
  });
  await plantDecoyCertificates(seed, now);

  await seed.addCredential(facts.credentials.primaryOcs);
  await seed.addCredential(facts.credentials.primaryEws);
  await plantDecoyCredentials(seed);
}
