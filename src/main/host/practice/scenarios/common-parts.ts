/** Parts several scenarios share: trust stores, decoys, the machine GUID, installed clients. */
import { sep } from 'node:path';
import {
  secretBytes,
  DECOYS,
  MACHINE_GUID_KEY,
  PRACTICE_ROOTS,
  type CredentialFact,
} from './facts';
import { EKU, issueCertificate } from './certificate-factory';
import type { PracticeBuilder } from './practice-builder';

export const DAY_MS = 86_400_000;

export function daysFrom(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

export const CURRENT_USER_MY = { location: 'CurrentUser', name: 'My' } as const;

/** Roots in both Root stores and the Contoso intermediate in LocalMachine\CA. */
export async function plantTrustStores(pc: PracticeBuilder, now: Date): Promise<void> {
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
    pc.addCertificate({ location: 'LocalMachine', name: 'Root' }, der);
    if ((PRACTICE_ROOTS.currentUserRoots as readonly string[]).includes(subject)) {
      pc.addCertificate({ location: 'CurrentUser', name: 'Root' }, der);
    }
  }
  const intermediate = await issueCertificate({
    subject: PRACTICE_ROOTS.contosoIssuing,
    issuer: PRACTICE_ROOTS.contosoRoot,
    notBefore: daysFrom(now, -1000),
    notAfter: daysFrom(now, 2000),
    ca: true,
  });
  pc.addCertificate({ location: 'LocalMachine', name: 'CA' }, intermediate);
}

/** The VPN and S/MIME certificates in CurrentUser\My that no repair may touch. */
export async function plantDecoyCertificates(pc: PracticeBuilder, now: Date): Promise<void> {
  const vpn = await issueCertificate({
    subject: DECOYS.vpnCertificate.subject,
    issuer: DECOYS.vpnCertificate.issuer,
    notBefore: daysFrom(now, -100),
    notAfter: daysFrom(now, 265),
    usages: [EKU.clientAuth],
  });
  pc.addCertificate(CURRENT_USER_MY, vpn, {
    friendlyName: DECOYS.vpnCertificate.friendlyName,
    keyContainer: 'practice-vpn-key',
  });
  const smime = await issueCertificate({
    subject: DECOYS.smimeCertificate.subject,
    issuer: DECOYS.smimeCertificate.issuer,
    notBefore: daysFrom(now, -30),
    notAfter: daysFrom(now, 700),
    email: DECOYS.smimeCertificate.email,
    usages: [EKU.emailProtection],
  });
  pc.addCertificate(CURRENT_USER_MY, smime, {
    friendlyName: DECOYS.smimeCertificate.friendlyName,
    keyContainer: 'practice-smime-key',
  });
}

export function plantCredential(pc: PracticeBuilder, fact: CredentialFact, comment?: string): void {
  pc.addCredential({
    targetName: fact.targetName,
    type: fact.type,
    userName: fact.userName,
    persist: 'local-machine',
    ...(comment === undefined ? {} : { comment }),
    secret: secretBytes(fact.secret),
  });
}

export function plantDecoyCredentials(pc: PracticeBuilder): void {
  for (const fact of DECOYS.credentials) plantCredential(pc, fact);
}

export function plantMachineGuid(pc: PracticeBuilder, guid: string): void {
  pc.setValue(MACHINE_GUID_KEY, 'MachineGuid', { type: 'REG_SZ', data: guid });
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
export function installClient(
  pc: PracticeBuilder,
  options: {
    installKey: { hive: 'HKLM'; path: string; view?: '32' | '64' };
    folder: string;
    executable: string;
    version: string;
  },
): string {
  pc.setValue(options.installKey, 'InstallationDirectory', {
    type: 'REG_SZ',
    data: options.folder + sep,
  });
  const executable = `${options.folder}${sep}${options.executable}`;
  pc.file(executable, `MZ practice stand-in for ${options.executable} ${options.version}\n`);
  pc.fileVersion(executable, options.version);
  return executable;
}
