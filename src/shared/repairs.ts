import type { KbStepId } from './findings';
import type { RegistryValue } from './registry-value';

/**
 * One repair per KB step. Composite steps (Lync 2013 "delete sign-in info", Lync 2010 "clear
 * cached certificates, credentials and connections") expand into the single steps they list.
 */
export const REPAIR_STEPS = {
  'delete-sign-in-info': {
    kbStep: 'lync2013-delete-sign-in-info',
    title: 'Delete my sign-in information',
    composite: [
      'remove-stored-credentials',
      'remove-personal-certificate',
      'clear-connection-settings',
    ],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'clear-cached-sign-in': {
    kbStep: 'lync2010-clear-cache',
    title: 'Clear cached certificates, credentials and connections',
    composite: [
      'remove-personal-certificate',
      'remove-stored-credentials',
      'clear-connection-settings',
    ],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'clear-endpoint-cache': {
    kbStep: 'additional-endpoint-cache',
    title: 'Delete the endpoint cache',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'clear-tracing-folder': {
    kbStep: 'sfb-procedure-tracing',
    title: "Delete the client's Tracing folder",
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'remove-account-profiles': {
    kbStep: 'sfb-procedure-account-profiles',
    title: 'Delete AccountProfiles.dat',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'remove-personal-certificate': {
    kbStep: 'additional-personal-certificate',
    title: 'Delete the personal certificate issued by Communications Server',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'remove-stored-credentials': {
    kbStep: 'additional-stored-credentials',
    title: 'Remove the stored Lync credentials',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'clear-connection-settings': {
    kbStep: 'lync2013-delete-sign-in-info',
    title: 'Clear the saved connection settings',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'flush-dns-cache': {
    kbStep: 'additional-dns-cache',
    title: 'Flush the DNS cache',
    composite: [],
    needsClientClosed: false,
    needsAdmin: false,
  },
  'remove-distrusted-root': {
    kbStep: 'admin-certificate-chain',
    title: 'Remove the user-level copy of a root that Windows treats as distrusted',
    composite: [],
    needsClientClosed: false,
    needsAdmin: false,
  },
  'fix-machine-guid': {
    kbStep: 'additional-machine-guid',
    title: 'Remove the braces around MachineGuid',
    composite: [],
    needsClientClosed: true,
    needsAdmin: true,
  },
} as const satisfies Record<
  string,
  {
    kbStep: KbStepId;
    title: string;
    composite: readonly string[];
    needsClientClosed: boolean;
    needsAdmin: boolean;
  }
>;

export type RepairStepId = keyof typeof REPAIR_STEPS;
export const REPAIR_STEP_IDS = Object.keys(REPAIR_STEPS) as RepairStepId[];

/** What one planned change touches, in enough detail for the user to read before confirming. */
export type ActionTarget =
  | { kind: 'folder'; path: string; fileCount: number; totalBytes: number }
  | { kind: 'file'; path: string; size: number }
  | {
      kind: 'certificate';
      store: string;
      thumbprint: string;
      subject: string;
      issuer: string;
      notAfter: string;
    }
  | { kind: 'credential'; targetName: string; userName: string; credentialType: string }
  | { kind: 'registry-key'; key: string; valueCount: number; subkeyCount: number }
  | {
      kind: 'registry-value';
      key: string;
      name: string;
      before: RegistryValue;
      after?: RegistryValue;
    }
  | { kind: 'dns-cache' };

export interface PlannedAction {
  /** Stable within the plan; the renderer may send a subset of these back to apply. */
  id: string;
  stepId: RepairStepId;
  /** Plain words: "Delete the folder sip_user@contoso.com (12 files, 48 KB)". */
  description: string;
  target: ActionTarget;
  undoable: boolean;
}

export interface PlannedStep {
  stepId: RepairStepId;
  kbStep: KbStepId;
  title: string;
  actions: PlannedAction[];
  /** Said when a step has nothing to do, e.g. "No endpoint cache for this address." */
  note?: string;
}

export interface RepairPlan {
  id: string;
  createdAt: string;
  hostKind: 'windows' | 'practice';
  /** The SIP address this plan acts for; other addresses are never touched. */
  address?: string;
  steps: PlannedStep[];
  requiresClientClosed: boolean;
  requiresAdmin: boolean;
  warnings: string[];
}

export type ActionOutcome = 'applied' | 'failed' | 'skipped' | 'undone' | 'rolled-back';

export interface ActionResult {
  actionId: string;
  stepId: RepairStepId;
  description: string;
  outcome: ActionOutcome;
  /** After applying: the change was checked to be in effect. */
  verified: boolean;
  error?: { code: string; message: string };
}

export type RunStatus =
  'applied' | 'partial' | 'failed' | 'undone' | 'partly-undone' | 'rolled-back';

export interface RunRecord {
  id: string;
  planId: string;
  address?: string;
  startedAt: string;
  finishedAt?: string;
  status: RunStatus;
  steps: RepairStepId[];
  actions: ActionResult[];
  /** Set when the user deleted this run's backups: it can no longer be undone. */
  backupsPurgedAt?: string;
}

export type RunSummary = Pick<
  RunRecord,
  'id' | 'address' | 'startedAt' | 'finishedAt' | 'status' | 'steps' | 'backupsPurgedAt'
> & { actionCount: number };
