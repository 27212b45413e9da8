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
  plantCredential,
  plantDecoyCertificates,
  plantDecoyCredentials,
  plantMachineGuid,
  plantTrustStores,
} from './common-parts';
import type { PracticeBuilder } from './practice-builder';

export async function buildKbLync2010(pc: PracticeBuilder, now: Date) {
  const facts = KB_LYNC2010;
  installClient(pc, {
    installKey: { hive: 'HKLM', path: facts.installKey.path, view: '32' },
    folder: pc.path(facts.installFolder),
    executable: facts.executableName,
    version: facts.clientVersion,
  });
  pc.setValue(facts.signInAssistantKey, 'MSOIDCRLVersion', {
    type: 'REG_SZ',
    data: facts.signInAssistantVersion,
  });
  pc.service({ ...facts.signInAssistantService });

  pc.setValues(facts.userSettingsKey, facts.userSettings);
  pc.upAndRunning('communicator.exe', 0);
  plantMachineGuid(pc, facts.machineGuid);

  const cache = facts.cacheFolders.localPrimary;
  pc.file(
    pc.path(cache, 'EndpointConfiguration.cache'),
    '<EndpointConfiguration home="pool01.contoso.com:5061" stale="true"/>\n',
  );
  pc.file(
    pc.path(cache, 'GalContacts.db'),
    Uint8Array.from({ length: 1024 }, (_, i) => (i * 13) % 256),
  );

  await plantTrustStores(pc, now);
  const expired = await communicationsServerCertificate(
    facts.primaryAddress,
    daysFrom(now, -200),
    daysFrom(now, -20),
  );
  pc.addCertificate(CURRENT_USER_MY, expired, { keyContainer: 'practice-lync-user-key' });
  await plantDecoyCertificates(pc, now);

  plantCredential(pc, facts.credentials.primaryOcs);
  plantCredential(pc, facts.credentials.primaryEws);
  plantDecoyCredentials(pc);
}
