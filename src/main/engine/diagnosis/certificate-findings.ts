/** `personal-certificate` and `stored-credentials`. */
import type { FindingBase } from './context';
import type { Evidence, Finding } from '../../../shared/findings';
import { addressKey } from '../sip-address';
import { collectAddresses } from './addresses';
import { certificateProblem, type DiagnosisContext, signInRepair } from './context';
import { clientNameOf, countOf } from '../../../shared/wording';

export function personalCertificateFinding(context: DiagnosisContext): Finding {
  const { communicationsServer, unreadable } = context.inventory.certificates;
  const evidence: Evidence[] = [];
  const broken: string[] = [];
  for (const certificate of communicationsServer) {
    const problem = certificateProblem(certificate, context.now);
    const state = problem ?? 'valid';
    if (problem)
      broken.push(`${certificate.addresses.join(', ') || certificate.subject} (${state})`);
    evidence.push({
      kind: 'certificate',
      label: `${certificate.subject}, ${state}, valid ${certificate.notBefore.toISOString()} to ${certificate.notAfter.toISOString()}`,
      value: certificate.thumbprint,
    });
  }
  for (const damaged of unreadable) {
    evidence.push({
      kind: 'text',
      label: `Unreadable certificate ${damaged.thumbprint} in CurrentUser\\My (left alone)`,
      value: damaged.reason,
    });
  }
  const base: FindingBase = {
    id: 'personal-certificate',
    kbStep: 'additional-personal-certificate',
    repairs: [signInRepair(context), 'remove-personal-certificate'],
  };
  if (broken.length > 0) {
    return {
      ...base,
      status: 'problem',
      summary: `The sign-in certificate is not valid: ${broken.join('; ')}.`,
      detail: `${clientNameOf(context.primary)} cannot sign in with a certificate issued by Communications Server that is expired, not yet valid, or whose private key is missing or cannot be opened. Deleting it is safe: the client gets a new one at the next sign-in.`,
      evidence,
    };
  }
  if (unreadable.length > 0) {
    return {
      ...base,
      status: 'warning',
      summary: `${unreadable.length} certificate${unreadable.length === 1 ? '' : 's'} in the personal store could not be read.`,
      detail: 'Damaged certificates are reported only; the repair never touches them.',
      evidence,
    };
  }
  if (communicationsServer.length === 0) {
    return {
      ...base,
      status: 'ok',
      summary: 'No certificate issued by Communications Server; the client gets one at sign-in.',
      evidence,
      repairs: [],
    };
  }
  return { ...base, status: 'ok', summary: validCertificatesSummary(context), evidence };
}

/**
 * Every Communications Server certificate is valid: say whose, and name the addresses this
 * profile has used that have none (the certificate was deleted and another account's remains),
 * so "Fixed" after a repair does not read as "your certificate is valid".
 */
function validCertificatesSummary(context: DiagnosisContext): string {
  const certificates = context.inventory.certificates.communicationsServer;
  const owners = [
    ...new Set(
      certificates.map((certificate) => certificate.addresses.join(', ') || certificate.subject),
    ),
  ];
  const certified = new Set(
    certificates.flatMap((certificate) => certificate.addresses.map(addressKey)),
  );
  const without = collectAddresses(context)
    .list()
    .map((entry) => entry.address)
    .filter((address) => !certified.has(addressKey(address)));
  const valid =
    owners.length === 1
      ? `The sign-in certificate for ${owners[0]} is valid`
      : `The sign-in certificates for ${owners.join('; ')} are valid`;
  if (without.length === 0) return `${valid}.`;
  return without.length === 1
    ? `${valid}; ${without[0]} has none: the client gets one when it signs in with it.`
    : `${valid}; ${without.join(', ')} have none: the client gets one for each when it signs in with it.`;
}

const savedPasswords = (count: number) =>
  countOf(count, 'saved sign-in password', 'saved sign-in passwords');

export function storedCredentialsFinding(context: DiagnosisContext): Finding {
  const credentials = context.inventory.credentials;
  // The client the user knows: never "Lync" on a Skype for Business PC.
  const client = clientNameOf(context.primary);
  const evidence: Evidence[] = credentials.map((credential) => ({
    kind: 'credential-target',
    label: `user ${credential.userName || '(none)'}`,
    value: credential.targetName,
  }));
  const base: FindingBase = {
    id: 'stored-credentials',
    kbStep: 'additional-stored-credentials',
    repairs: [signInRepair(context), 'remove-stored-credentials'],
  };
  if (credentials.length === 0) {
    return {
      ...base,
      status: 'ok',
      summary: `No saved sign-in passwords for ${client}.`,
      evidence,
      repairs: [],
    };
  }
  const stale = credentials.filter(
    (credential) =>
      credential.address && context.brokenCertificateAddresses.has(addressKey(credential.address)),
  );
  if (stale.length > 0) {
    return {
      ...base,
      status: 'problem',
      summary: `${savedPasswords(stale.length)} for ${client} ${stale.length === 1 ? 'belongs' : 'belong'} to a sign-in that no longer works.`,
      detail:
        'Remove them so the client asks for the password again and requests a new certificate.',
      evidence,
    };
  }
  // Whose they are, and the verdict in the problem's own words: "Fixed" on a card whose passwords
  // were just put back (their certificate stays removed), or where only another account's are
  // left, then reads as what it is, not as a contradiction.
  return {
    ...base,
    status: 'ok',
    summary: `Saved sign-in passwords for ${client}: ${passwordsByAddress(credentials)}. None belongs to a sign-in that no longer works.`,
    evidence,
  };
}

/** "2 for user@contoso.com, 1 for other@fabrikam.com". */
function passwordsByAddress(credentials: ReadonlyArray<{ address?: string }>): string {
  const counts = new Map<string, { address: string | undefined; count: number }>();
  for (const { address } of credentials) {
    const key = address === undefined ? '' : addressKey(address);
    const entry = counts.get(key) ?? { address, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  // The address with the most first, so the account in use usually leads.
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || (a.address ?? '').localeCompare(b.address ?? '', 'en'))
    .map(({ address, count }) =>
      address === undefined ? `${count} not for a sign-in address` : `${count} for ${address}`,
    )
    .join(', ');
}
