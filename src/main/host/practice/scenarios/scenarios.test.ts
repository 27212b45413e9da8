import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CertificateStoreRef, HostSystem, StoredCertificate } from '../../ports';
import {
  CLIENT_RUNNING,
  COMMUNICATIONS_SERVER_ISSUER,
  DECOYS,
  DEFAULT_PRACTICE_SCENARIO,
  HEALTHY,
  KB_LYNC2010,
  KB_LYNC2013,
  MACHINE_GUID_KEY,
  openPracticePc,
  PRACTICE_ROOTS,
  PRACTICE_SCENARIOS,
  resetPracticePc,
  SCALE_CACHE_SUBFOLDER,
  SCALE_CREDENTIAL_PREFIX,
  secretBytes,
  type FolderFact,
  SFB2019_ONPREM,
} from '..';
import { snapshotProfile } from '../../../../../testing/windows-proof/profile-snapshot';
import { unplant } from '../../../../../testing/windows-proof/unplant';
import { plantSfb2019Profile } from './click-to-run-scenarios';
import { practiceMachineSeeding } from './practice-machine-seeding';
import { ScenarioSeeder, type PlantedRecord } from './scenario-seeder';

const MY: CertificateStoreRef = { location: 'CurrentUser', name: 'My' };
let folder: string;
const hosts = new Map<string, HostSystem>();

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'practice-scenarios-'));
  for (const { name } of PRACTICE_SCENARIOS) {
    await resetPracticePc(join(folder, name), name);
    hosts.set(name, await openPracticePc(join(folder, name)));
  }
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function host(name: string): HostSystem {
  const found = hosts.get(name);
  if (!found) throw new Error(`no practice PC for ${name}`);
  return found;
}

async function pathOf(pc: HostSystem, fact: FolderFact, ...more: string[]): Promise<string> {
  const base = await pc.files.knownFolder(fact.knownFolder);
  if (!base) throw new Error(`unknown folder ${fact.knownFolder}`);
  return pc.files.join(base, ...fact.segments, ...more);
}

interface Parsed {
  stored: StoredCertificate;
  x509: X509Certificate;
}

async function certificates(pc: HostSystem, store = MY): Promise<Parsed[]> {
  return (await pc.certificates.list(store)).map((stored) => ({
    stored,
    x509: new X509Certificate(stored.der),
  }));
}

/** Node prints distinguished names one attribute a line: compare with the facts' "CN=a, O=b". */
function dn(text: string): string {
  return text.split('\n').join(', ');
}

function expired(certificate: X509Certificate): boolean {
  return new Date(certificate.validTo).getTime() < Date.now();
}

describe('the scenario list', () => {
  test('names the eight built-in scenarios with kb-lync2013 as the default', () => {
    expect(PRACTICE_SCENARIOS.map((scenario) => scenario.name).sort()).toEqual([
      'client-running',
      'healthy',
      'kb-lync2010',
      'kb-lync2013',
      'machine-guid-braces',
      'msi-leftover-c2r',
      'sfb-m365-c2r',
      'sfb2019-onprem',
    ]);
    expect(DEFAULT_PRACTICE_SCENARIO).toBe('kb-lync2013');
    for (const scenario of PRACTICE_SCENARIOS)
      expect(scenario.description.length).toBeGreaterThan(20);
  });
});

describe('kb-lync2013', () => {
  const pc = () => host('kb-lync2013');

  test('has Lync 2013 installed in the 32-bit registry view with lync.exe 15.0.4569.1506', async () => {
    const install = await pc().registry.getValue(KB_LYNC2013.installKey, 'InstallationDirectory');
    const folderPath = await pathOf(pc(), KB_LYNC2013.installFolder);
    expect(install).toEqual({ type: 'REG_SZ', data: folderPath + '/' });
    expect(
      await pc().registry.getValue(KB_LYNC2013.installKeyPhysical, 'InstallationDirectory'),
    ).toEqual(install);
    expect(
      await pc().registry.getValue(
        { ...KB_LYNC2013.installKey, view: '64' },
        'InstallationDirectory',
      ),
    ).toBeUndefined();
    const exe = pc().files.join(folderPath, 'lync.exe');
    expect(await pc().files.fileVersion(exe)).toBe('15.0.4569.1506');
    expect(await pc().processes.find(['lync.exe', 'communicator.exe'])).toEqual([]);
  });

  test('has the per-user settings, both address subkeys and exact value types', async () => {
    const settings = await pc().registry.listValues(KB_LYNC2013.userSettingsKey);
    expect(settings).toEqual(
      Object.entries(KB_LYNC2013.userSettings).map(([name, value]) => ({ name, value })),
    );
    expect(await pc().registry.listSubkeys(KB_LYNC2013.userSettingsKey)).toEqual([
      'other@fabrikam.com',
      'user@contoso.com',
    ]);
    const primary = {
      hive: 'HKCU',
      path: `${KB_LYNC2013.userSettingsKey.path}\\user@contoso.com`,
    } as const;
    const types = (await pc().registry.listValues(primary))?.map((entry) => entry.value.type);
    expect(types).toEqual(expect.arrayContaining(['REG_SZ', 'REG_QWORD', 'REG_BINARY']));
    expect(await pc().registry.listSubkeys(primary)).toEqual(['Autodiscovery']);
    expect(await pc().registry.getValue(KB_LYNC2013.runningStateKey, 'UpAndRunning')).toEqual({
      type: 'REG_DWORD',
      data: 0,
    });
  });

  test('has a policy key, a bare MachineGuid in the 64-bit view', async () => {
    expect(await pc().registry.getValue(KB_LYNC2013.policyKey, 'SavePassword')).toEqual({
      type: 'REG_DWORD',
      data: 1,
    });
    expect(await pc().registry.getValue(MACHINE_GUID_KEY, 'MachineGuid')).toEqual({
      type: 'REG_SZ',
      data: KB_LYNC2013.machineGuid,
    });
  });

  test('has the endpoint caches, the roaming folder, tracing and the Lync 2010 leftover', async () => {
    for (const file of KB_LYNC2013.primaryCacheFiles) {
      const info = await pc().files.stat(
        await pathOf(pc(), KB_LYNC2013.cacheFolders.localPrimary, ...file.split('/')),
      );
      expect(info?.kind, file).toBe('file');
    }
    for (const fact of [
      KB_LYNC2013.cacheFolders.localSecond,
      KB_LYNC2013.cacheFolders.localTracing,
      KB_LYNC2013.cacheFolders.roamingPrimary,
      KB_LYNC2013.cacheFolders.lync2010Leftover,
    ]) {
      const listed = await pc().files.list(await pathOf(pc(), fact));
      expect(listed?.length, fact.segments.join('/')).toBeGreaterThan(0);
    }
    const profiles = await pc().files.stat(
      await pathOf(pc(), KB_LYNC2013.cacheFolders.roamingAccountProfiles),
    );
    expect(profiles?.kind).toBe('file');
  });

  test('has the expired and valid Communications Server certificates and the decoys in My', async () => {
    const all = await certificates(pc());
    const lync = all.filter((entry) => entry.x509.issuer === COMMUNICATIONS_SERVER_ISSUER);
    expect(lync).toHaveLength(2);
    const primary = lync.find((entry) => entry.x509.subject === 'CN=user@contoso.com');
    const second = lync.find((entry) => entry.x509.subject === 'CN=other@fabrikam.com');
    expect(primary && expired(primary.x509)).toBe(true);
    expect(primary?.x509.subjectAltName).toBe('URI:sip:user@contoso.com');
    expect(primary?.stored.hasPrivateKey).toBe(true);
    expect(second && expired(second.x509)).toBe(false);
    expect(second?.x509.subjectAltName).toBe('URI:sip:other@fabrikam.com');

    const vpn = all.find(
      (entry) => dn(entry.x509.issuer) === 'CN=Contoso Issuing CA 01, O=Contoso',
    );
    expect(vpn?.stored.friendlyName).toBe(DECOYS.vpnCertificate.friendlyName);
    expect(vpn?.stored.hasPrivateKey).toBe(true);
    const smime = all.find((entry) => dn(entry.x509.issuer) === DECOYS.smimeCertificate.issuer);
    expect(dn(smime?.x509.subject ?? '')).toBe(DECOYS.smimeCertificate.subject);
    expect(smime?.x509.subjectAltName).toBe('email:user@contoso.com');
    expect(all).toHaveLength(4);
  });

  test('has trust stores whose chains verify, and empty Disallowed stores', async () => {
    const userRoots = await certificates(pc(), { location: 'CurrentUser', name: 'Root' });
    expect(userRoots.map((entry) => dn(entry.x509.subject))).toEqual([
      ...PRACTICE_ROOTS.currentUserRoots,
    ]);
    const machineRoots = await certificates(pc(), { location: 'LocalMachine', name: 'Root' });
    expect(machineRoots.map((entry) => dn(entry.x509.subject)).sort()).toEqual(
      [...PRACTICE_ROOTS.localMachineRoots].sort(),
    );
    const [intermediate] = await certificates(pc(), { location: 'LocalMachine', name: 'CA' });
    const contosoRoot = machineRoots.find(
      (entry) => dn(entry.x509.subject) === PRACTICE_ROOTS.contosoRoot,
    );
    expect(intermediate && contosoRoot && intermediate.x509.checkIssued(contosoRoot.x509)).toBe(
      true,
    );
    expect(intermediate?.x509.verify(contosoRoot!.x509.publicKey)).toBe(true);
    const vpn = (await certificates(pc())).find(
      (entry) => dn(entry.x509.issuer) === PRACTICE_ROOTS.contosoIssuing,
    );
    expect(vpn?.x509.verify(intermediate!.x509.publicKey)).toBe(true);
    expect(await pc().certificates.list({ location: 'CurrentUser', name: 'Disallowed' })).toEqual(
      [],
    );
    expect(await pc().certificates.list({ location: 'LocalMachine', name: 'Disallowed' })).toEqual(
      [],
    );
  });

  test('has the Microsoft_OC1 credentials with known secrets and the decoys', async () => {
    const lync = await pc().credentials.list('Microsoft_OC1:*');
    expect(lync.map((entry) => entry.targetName).sort()).toEqual(
      Object.values(KB_LYNC2013.credentials)
        .map((fact) => fact.targetName)
        .sort(),
    );
    for (const fact of [
      ...Object.values(KB_LYNC2013.credentials),
      ...KB_LYNC2013.decoyCredentials,
    ]) {
      const record = await pc().credentials.read(fact.targetName, fact.type);
      expect(record?.userName, fact.targetName).toBe(fact.userName);
      expect(Buffer.from(record!.secret).equals(Buffer.from(secretBytes(fact.secret)))).toBe(true);
    }
    expect(await pc().credentials.list()).toHaveLength(6);
  });
});

describe('kb-lync2010', () => {
  const pc = () => host('kb-lync2010');

  test('has an old Lync 2010, the RTW Sign-In Assistant and its service stopped', async () => {
    const install = await pc().registry.getValue(KB_LYNC2010.installKey, 'InstallationDirectory');
    expect(install?.type).toBe('REG_SZ');
    const exe = pc().files.join(await pathOf(pc(), KB_LYNC2010.installFolder), 'communicator.exe');
    expect(install?.data).toBe((await pathOf(pc(), KB_LYNC2010.installFolder)) + '/');
    expect(await pc().files.fileVersion(exe)).toBe('4.0.7577.0');
    expect(await pc().registry.getValue(KB_LYNC2010.signInAssistantKey, 'MSOIDCRLVersion')).toEqual(
      {
        type: 'REG_SZ',
        data: '7.250.4303.0',
      },
    );
    expect(await pc().services.query('MSOIDSVC')).toEqual({
      name: 'msoidsvc',
      state: 'stopped',
      startType: 'automatic',
    });
    expect(
      await pc().registry.listSubkeys({
        hive: 'HKLM',
        path: 'SOFTWARE\\Microsoft\\Office',
        view: '32',
      }),
    ).toBeUndefined();
  });

  test('has the Communicator settings, cache, expired certificate and credentials', async () => {
    expect(await pc().registry.listValues(KB_LYNC2010.userSettingsKey)).toEqual(
      Object.entries(KB_LYNC2010.userSettings).map(([name, value]) => ({ name, value })),
    );
    const cache = await pc().files.list(await pathOf(pc(), KB_LYNC2010.cacheFolders.localPrimary));
    expect(cache?.map((entry) => entry.name).sort()).toEqual(
      [...KB_LYNC2010.primaryCacheFiles].sort(),
    );
    const lync = (await certificates(pc())).filter(
      (entry) => entry.x509.issuer === COMMUNICATIONS_SERVER_ISSUER,
    );
    expect(lync).toHaveLength(1);
    expect(expired(lync[0]!.x509)).toBe(true);
    expect(
      (await pc().credentials.list('Microsoft_OC1:*')).map((entry) => entry.targetName).sort(),
    ).toEqual([
      KB_LYNC2010.credentials.primaryEws.targetName,
      KB_LYNC2010.credentials.primaryOcs.targetName,
    ]);
    expect((await pc().credentials.list('MicrosoftOffice1*')).length).toBe(2);
  });
});

describe('healthy and machine-guid-braces', () => {
  test('healthy has a valid certificate and nothing stale', async () => {
    const pc = host('healthy');
    const lync = (await certificates(pc)).filter(
      (entry) => entry.x509.issuer === COMMUNICATIONS_SERVER_ISSUER,
    );
    expect(lync).toHaveLength(1);
    expect(expired(lync[0]!.x509)).toBe(false);
    expect(await pc.credentials.list('Microsoft_OC1:*')).toEqual([]);
    expect(await pc.files.list(await pathOf(pc, HEALTHY.primaryCacheFolder))).toBeUndefined();
    const local = await pc.files.knownFolder('LocalAppData');
    expect(await pc.files.list(pc.files.join(local!, 'Microsoft', 'Communicator'))).toBeUndefined();
    expect(await pc.registry.getValue(MACHINE_GUID_KEY, 'MachineGuid')).toEqual({
      type: 'REG_SZ',
      data: HEALTHY.machineGuid,
    });
    expect(await pc.registry.listValues(HEALTHY.userSettingsKey)).toEqual(
      Object.entries(HEALTHY.userSettings).map(([name, value]) => ({ name, value })),
    );
  });

  test('machine-guid-braces differs from healthy only by the braces', async () => {
    const pc = host('machine-guid-braces');
    expect(await pc.registry.getValue(MACHINE_GUID_KEY, 'MachineGuid')).toEqual({
      type: 'REG_SZ',
      data: '{c1cbd94c-0d35-414c-89ef-dd092b984883}',
    });
    expect((await pc.certificates.list(MY)).length).toBe(
      (await host('healthy').certificates.list(MY)).length,
    );
  });
});

describe('client-running', () => {
  test('runs a cooperative lync.exe of the current user with UpAndRunning 2', async () => {
    const pc = host('client-running');
    const [lync] = await pc.processes.find(['LYNC.EXE']);
    expect(lync).toMatchObject({
      name: 'lync.exe',
      pid: CLIENT_RUNNING.process.pid,
      ownedByCurrentUser: true,
    });
    expect(await pc.registry.getValue(CLIENT_RUNNING.runningStateKey, 'UpAndRunning')).toEqual({
      type: 'REG_DWORD',
      data: 2,
    });
    expect((await pc.credentials.list('Microsoft_OC1:*')).length).toBe(3);
  });
});

describe('scale options', () => {
  test('add distinct valid certificates, unrelated credentials and cache files', async () => {
    const root = join(folder, 'scaled');
    await resetPracticePc(root, 'kb-lync2013', { certificates: 25, credentials: 7, cacheFiles: 9 });
    const pc = await openPracticePc(root);
    const all = await certificates(pc);
    const bulk = all.filter((entry) => entry.x509.issuer.includes('Practice Bulk Issuing CA'));
    expect(bulk).toHaveLength(25);
    expect(new Set(bulk.map((entry) => entry.stored.thumbprint)).size).toBe(25);
    expect(new Set(bulk.map((entry) => entry.x509.serialNumber)).size).toBe(25);
    expect(new Set(bulk.map((entry) => entry.x509.subject)).size).toBe(25);
    for (const entry of bulk) expect(entry.x509.verify(bulk[0]!.x509.publicKey)).toBe(true);
    expect(await pc.credentials.list(`${SCALE_CREDENTIAL_PREFIX}*`)).toHaveLength(7);
    expect(await pc.credentials.list('Microsoft_OC1:*')).toHaveLength(3);
    const files = await pc.files.list(
      await pathOf(pc, KB_LYNC2013.cacheFolders.localPrimary, SCALE_CACHE_SUBFOLDER),
    );
    expect(files).toHaveLength(9);
  });

  test('refuse counts that are not whole numbers', async () => {
    await expect(
      resetPracticePc(join(folder, 'bad-scale'), 'healthy', { certificates: -1 }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(
      resetPracticePc(join(folder, 'bad-scale'), 'healthy', { cacheFiles: 1.5 }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });
});

describe("the seeder's record of what it planted", () => {
  test('takes a scenario planted on top of another off again: what it made goes, what it replaced comes back', async () => {
    const root = join(folder, 'record-round-trip');
    await resetPracticePc(root, 'healthy');
    const pc = await openPracticePc(root);
    const picture = async () => ({
      lync2013: await snapshotProfile(pc, 'lync2013'),
      clickToRun: await snapshotProfile(pc, 'clickToRun'),
      machineRoots: (await pc.certificates.list({ location: 'LocalMachine', name: 'Root' }))
        .map((entry) => entry.thumbprint)
        .sort(),
    });
    const before = await picture();
    const now = new Date();
    const seed = await ScenarioSeeder.open(pc, practiceMachineSeeding(root), now);
    await plantSfb2019Profile(seed, now);

    const planted = await picture();
    expect(planted.clickToRun.lyncVersion).toBe(SFB2019_ONPREM.clientVersion);
    const guidChange = seed.planted.changedValues.find((change) => change.name === 'MachineGuid');
    expect(guidChange?.previous).toEqual({ type: 'REG_SZ', data: HEALTHY.machineGuid });
    // The decoy credentials were there already: the record keeps them to put back.
    const decoy = seed.planted.credentials.find(
      (entry) => entry.targetName === DECOYS.credentials[0]?.targetName,
    );
    expect(decoy?.previous?.secret).toBe(
      Buffer.from(secretBytes(DECOYS.credentials[0]?.secret ?? '')).toString('base64'),
    );
    // Each created tree is recorded once, at its top.
    const paths = seed.planted.createdPaths;
    for (const path of paths)
      expect(paths.filter((other) => path.startsWith(`${other}${sep}`))).toEqual([]);

    await unplant(pc, JSON.parse(JSON.stringify(seed.planted)) as PlantedRecord);
    expect(await picture()).toEqual(before);
  });
});
