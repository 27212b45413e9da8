import { KB_STEPS } from '../../shared/findings';
import type { FindingId, FindingStatus, KbStepId } from '../../shared/findings';
import { REPAIR_STEPS } from '../../shared/repairs';

/** Names a helpdesk reads; shared by the report and the command line so both say the same. */
export const FINDING_TITLES: Record<FindingId, string> = {
  client: 'Lync / Skype for Business client',
  'sign-in-assistant': 'Microsoft Online Services Sign-In Assistant',
  'modern-authentication': 'Modern authentication (Lync 2013)',
  'sign-in-addresses': 'Sign-in addresses used on this PC',
  'endpoint-cache': 'Endpoint cache',
  'personal-certificate': 'Personal certificate (Communications Server)',
  'stored-credentials': 'Stored Lync credentials',
  'connection-settings': 'Saved connection settings',
  'machine-guid': 'MachineGuid',
  'dns-cache': 'DNS cache',
  'certificate-chain': 'Server certificate chain',
  'dns-records': 'DNS records',
  clock: 'Clock',
  profile: 'User profile the tool acts on',
};

export const STATUS_LABELS: Record<FindingStatus, string> = {
  ok: 'OK',
  problem: 'Problem',
  warning: 'Check',
  'not-applicable': 'Not applicable',
  unknown: 'Unknown',
};

export function findingTitle(id: string): string {
  return (FINDING_TITLES as Record<string, string>)[id] ?? id;
}

/** "Resolution for Lync 2013 — Delete the sign-in information"; the id itself when unknown. */
export function kbStepLabel(id: string): string {
  const step = (KB_STEPS as Record<string, { section: string; title: string } | undefined>)[id];
  return step ? `${step.section} — ${step.title}` : id;
}

export function repairStepTitle(id: string): string {
  const step = (REPAIR_STEPS as Record<string, { title: string } | undefined>)[id];
  return step ? step.title : id;
}

export type { KbStepId };
