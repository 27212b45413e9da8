import { KB_STEPS, type FindingId, type FindingStatus, type KbStepId } from '../findings';

/** What each finding is about, as a helpdesk names it (report, command line, helpdesk view). */
export const FINDING_TITLES: Record<FindingId, string> = {
  client: 'Lync / Skype for Business client',
  'sign-in-assistant': 'Microsoft Online Services Sign-In Assistant',
  'modern-authentication': 'Modern authentication (Lync 2013)',
  'sign-in-addresses': 'Sign-in addresses used on this PC',
  'endpoint-cache': 'Endpoint cache',
  'personal-certificate': 'Personal certificate (Communications Server)',
  'stored-credentials': 'Saved sign-in passwords',
  'connection-settings': 'Saved connection settings',
  'machine-guid': 'MachineGuid',
  'dns-cache': 'DNS cache',
  'certificate-chain': 'Server certificate chain',
  'dns-records': 'DNS records (pool discovery)',
  revocation: 'Certificate revocation addresses (CRL, OCSP)',
  clock: 'Clock',
  profile: 'User profile the tool acts on',
};

/**
 * A finding's state in one or two words, the same in the wizard, the report and the command
 * line. `fixed` is a problem an earlier scan found that the latest scan no longer finds.
 */
export type FindingState = FindingStatus | 'fixed';

export const STATUS_WORDS: Record<FindingState, string> = {
  ok: 'Looks fine',
  problem: 'Problem found',
  warning: 'Worth doing',
  'not-applicable': 'Does not apply',
  unknown: 'Could not tell',
  fixed: 'Fixed',
};

/** Whether a finding that was a problem before is one no longer: `fixed`, else its status. */
export function findingState(before: FindingStatus | undefined, now: FindingStatus): FindingState {
  return before === 'problem' && (now === 'ok' || now === 'not-applicable') ? 'fixed' : now;
}

export function findingTitle(id: string): string {
  return Object.hasOwn(FINDING_TITLES, id) ? FINDING_TITLES[id as FindingId] : id;
}

export function isKbStep(value: string): value is KbStepId {
  return Object.hasOwn(KB_STEPS, value);
}

/** "Resolution for Lync 2013 — Delete the sign-in information"; the id itself when unknown. */
export function kbStepLabel(id: string): string {
  if (!isKbStep(id)) return id;
  const step = KB_STEPS[id];
  return `${step.section} — ${step.title}`;
}
