/** Parts several scenarios share: trust stores, decoys, the machine GUID, installed clients. */
import type { RegistryKeyRef } from '../../../../shared/registry-value';
import { DECOYS, MACHINE_GUID_KEY, PRACTICE_ROOTS, type FolderFact } from './facts';
import { EKU, issueCertificate } from './certificate-factory';
import type { ScenarioSeeder } from './scenario-seeder';

export const DAY_MS = 86_400_000;

export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

export const CURRENT_USER_MY = { location: 'CurrentUser', name: 'My' } as const;

/** Roots in both Root stores and the Contoso intermediate in LocalMachine\CA. */
export async function plantTrustStores(seed: ScenarioSeeder, now: Date): Promise<void> {
  const root = (subject: string) =>
    issueCertificate({
      subject,
      issuer: subject,
      notBefore: daysFrom(now, -3650),
      notAfter: daysFrom(now, 3650),
      ca: true,
    });
  const roots = new Map<string, Uint8Array>();
  for (const subject of PRACTICE_ROOTS.localMachineRoots) roots.set(subject, await root(subject));
  for (const [subject, der] of roots) {
    await seed.addCertificate({ location: 'LocalMachine', name: 'Root' }, der);
    if ((PRACTICE_ROOTS.currentUserRoots as readonly string[]).includes(subject)) {
      await seed.addCertificate({ location: 'CurrentUser', name: 'Root' }, der);
    }
  }
  const intermediate = await issueCertificate({
    subject: PRACTICE_ROOTS.contosoIssuing,
    issuer: PRACTICE_ROOTS.contosoRoot,
    notBefore: daysFrom(now, -1000),
    notAfter: daysFrom(now, 2000),
    ca: true,
  });
  await seed.addCertificate({ location: 'LocalMachine', name: 'CA' }, intermediate);
}

/** The VPN and S/MIME certificates in CurrentUser\My that no repair may touch. */
export async function plantDecoyCertificates(seed: ScenarioSeeder, now: Date): Promise<void> {
  const vpn = await issueCertificate({
    subject: DECOYS.vpnCertificate.subject,
    issuer: DECOYS.vpnCertificate.issuer,
    notBefore: daysFrom(now, -100),
    notAfter: daysFrom(now, 265),
    usages: [EKU.clientAuth],
  });
  await seed.addCertificate(CURRENT_USER_MY, vpn, {
    friendlyName: DECOYS.vpnCertificate.friendlyName,
    key: { container: 'practice-vpn-key' },
    label: 'vpn',
  });
  const smime = await issueCertificate({
    subject: DECOYS.smimeCertificate.subject,
    issuer: DECOYS.smimeCertificate.issuer,
    notBefore: daysFrom(now, -30),
    notAfter: daysFrom(now, 700),
    email: DECOYS.smimeCertificate.email,
    usages: [EKU.emailProtection],
  });
  await seed.addCertificate(CURRENT_USER_MY, smime, {
    friendlyName: DECOYS.smimeCertificate.friendlyName,
    key: { container: 'practice-smime-key' },
    label: 'smime',
  });
}

export async function plantDecoyCredentials(seed: ScenarioSeeder): Promise<void> {
  for (const fact of DECOYS.credentials) await seed.addCredential(fact);
}

export async function plantMachineGuid(seed: ScenarioSeeder, guid: string): Promise<void> {
  await seed.setValue(MACHINE_GUID_KEY, 'MachineGuid', { type: 'REG_SZ', data: guid });
}

/** A Communications Server certificate as Lync keeps it: CN and SIP URI of the address. */
export async function communicationsServerCertificate(
  address: string,
  notBefore: Date,
  notAfter: Date,
): Promise<Uint8Array> {
  return issueCertificate({
    subject: `CN=${address}`,
    issuer: 'CN=Communications Server',
    notBefore,
    notAfter,
    sipUri: `sip:${address}`,
    usages: [EKU.clientAuth],
  });
}

/** An installed client: its install key (32-bit view) and its executable with a version. */
export async function installClient(
  seed: ScenarioSeeder,
  options: {
    installKey: RegistryKeyRef;
    folder: FolderFact;
    executable: string;
    version: string;
  },
): Promise<string> {
  await seed.setValue(options.installKey, 'InstallationDirectory', {
    type: 'REG_SZ',
    data: seed.folderValue(options.folder),
  });
  const executable = seed.path(options.folder, options.executable);
  await seed.executable(executable, options.version);
  return executable;
}
