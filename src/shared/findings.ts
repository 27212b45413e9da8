/**
 * What a diagnosis says. Finding ids are stable: scripts, reports and the wizard key on them.
 */
export const FINDING_IDS = [
  'client',
  'sign-in-assistant',
  /** Lync 2013's modern authentication (ADAL) settings, reported only. */
  'modern-authentication',
  'sign-in-addresses',
  'endpoint-cache',
  'personal-certificate',
  'stored-credentials',
  'connection-settings',
  'machine-guid',
  'dns-cache',
  'certificate-chain',
  'dns-records',
  /** The chains' CRL and OCSP addresses, tried from this PC. */
  'revocation',
  'clock',
  /** Only present when the tool runs as another user than the one signed in. */
  'profile',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

export const FINDING_STATUSES = ['ok', 'problem', 'warning', 'not-applicable', 'unknown'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/**
 * The places in the KB article a finding or a repair belongs to. The wizard and the helpdesk
 * view use these to say "KB step ..." so both sides of a screen share follow the same text.
 */
export const KB_STEPS = {
  'lync2013-delete-sign-in-info': {
    section: 'Resolution for Lync 2013',
    title: 'Delete the sign-in information',
  },
  'lync2010-update-client': {
    section: 'Resolution for Lync 2010',
    title: '1. Update the Lync client',
  },
  'lync2010-update-sign-in-assistant': {
    section: 'Resolution for Lync 2010',
    title: '2. Update the Microsoft Online Services Sign-In Assistant',
  },
  'lync2010-clear-cache': {
    section: 'Resolution for Lync 2010',
    title: '3. Clear your cached certificates, credentials and connections',
  },
  'additional-endpoint-cache': {
    section: 'Additional troubleshooting steps',
    title: 'Delete the endpoint cache',
  },
  'additional-personal-certificate': {
    section: 'Additional troubleshooting steps',
    title: 'Delete the personal certificate',
  },
  'additional-stored-credentials': {
    section: 'Additional troubleshooting steps',
    title: "Remove the user's stored credentials",
  },
  'additional-dns-cache': {
    section: 'Additional troubleshooting steps',
    title: 'Flush the DNS cache',
  },
  'additional-machine-guid': {
    section: 'Additional troubleshooting steps',
    title: 'Remove braces from MachineGuid',
  },
  'sfb-procedure-tracing': {
    section: "Microsoft's current Skype for Business sign-in procedure",
    title: 'Delete the Tracing folder',
  },
  'sfb-procedure-account-profiles': {
    section: "Microsoft's current Skype for Business sign-in procedure",
    title: 'Delete AccountProfiles.dat',
  },
  'admin-certificate-chain': {
    section: 'Resolution for administrators',
    title: 'Validate the certificate chain',
  },
} as const;
export type KbStepId = keyof typeof KB_STEPS;

export const EVIDENCE_KINDS = [
  'path',
  'registry',
  'thumbprint',
  'certificate',
  'credential-target',
  'version',
  'process',
  'address',
  'host',
  'text',
] as const;

export const KB_STEP_IDS = Object.keys(KB_STEPS) as [KbStepId, ...KbStepId[]];

// The shapes themselves are schemas in model/diagnosis.ts; their inferred types are re-exported
// here for the many modules that only need the types.
export type {
  ClientKind,
  DetectedClient,
  DiagnosisReport,
  Evidence,
  Finding,
  KbPath,
  WrongProfile,
} from './model/diagnosis';
