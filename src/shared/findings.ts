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

export type EvidenceKind =
  | 'path'
  | 'registry'
  | 'thumbprint'
  | 'certificate'
  | 'credential-target'
  | 'version'
  | 'process'
  | 'address'
  | 'host'
  | 'text';

/** One fact behind a finding. Never a secret: credential secrets and keys are not evidence. */
export interface Evidence {
  kind: EvidenceKind;
  label: string;
  value: string;
}

export interface Finding {
  id: FindingId;
  status: FindingStatus;
  kbStep: KbStepId;
  /** One line, plain words, fit for an end user. */
  summary: string;
  /** Longer explanation for the helpdesk view and the report. */
  detail?: string;
  evidence: Evidence[];
  /** Repair steps that address this finding (see repair-steps.ts). */
  repairs: RepairStepIdRef[];
}

/** Re-declared here to keep findings.ts free of a cycle; repair-steps.ts owns the list. */
export type RepairStepIdRef = string;

/** The client family, which decides the per-user folders and keys (Communicator, 15.0, 16.0). */
export type ClientKind = 'lync2010' | 'lync2013' | 'sfb2016';

export interface DetectedClient {
  kind: ClientKind;
  /** "Lync 2013 / Skype for Business 2015", "Skype for Business 2019", ... */
  displayName: string;
  /** The program's file version. */
  version?: string;
  executablePath?: string;
  running: boolean;
  /** Which registry view the installation was found in. */
  registryView: '64' | '32';
  /** Windows Installer (MSI) or Click-to-Run. */
  installType: 'msi' | 'click-to-run';
  /** Whether the program is a 64-bit or a 32-bit build, where that is known. */
  bitness?: '64' | '32';
}

export interface DiagnosisReport {
  id: string;
  generatedAt: string;
  hostKind: 'windows' | 'practice';
  /** The scenario name when hostKind is practice. */
  practiceScenario?: string;
  /** Installed sign-in clients whose program exists, the primary one first. */
  clients: DetectedClient[];
  /**
   * The user's client: the one the KB path, "start again" and the folders are chosen for. The
   * newest sign-in client whose program exists; never the Lync 2010 Attendee.
   */
  primaryClient?: DetectedClient;
  /** The address the client last signed in with (repairs default to it). */
  currentAddress?: string;
  addresses: string[];
  findings: Finding[];
}
