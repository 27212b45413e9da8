import type { KbStepId } from './findings';

/**
 * One repair per KB step. Composite steps (Lync 2013 "delete sign-in info", Lync 2010 "clear
 * cached certificates, credentials and connections") expand into the single steps they list.
 */
export const REPAIR_STEPS = {
  'delete-sign-in-info': {
    kbStep: 'lync2013-delete-sign-in-info',
    title: 'Delete my sign-in information',
    scope: 'user',
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
    scope: 'user',
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
    scope: 'user',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'clear-tracing-folder': {
    kbStep: 'sfb-procedure-tracing',
    title: "Delete the client's Tracing folder",
    scope: 'user',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'remove-account-profiles': {
    kbStep: 'sfb-procedure-account-profiles',
    title: 'Delete AccountProfiles.dat',
    scope: 'user',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'remove-personal-certificate': {
    kbStep: 'additional-personal-certificate',
    title: 'Delete the personal certificate issued by Communications Server',
    scope: 'user',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'remove-stored-credentials': {
    kbStep: 'additional-stored-credentials',
    title: 'Remove the saved sign-in passwords',
    scope: 'user',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'clear-connection-settings': {
    kbStep: 'lync2013-delete-sign-in-info',
    title: 'Clear the saved connection settings',
    scope: 'user',
    composite: [],
    needsClientClosed: true,
    needsAdmin: false,
  },
  'flush-dns-cache': {
    kbStep: 'additional-dns-cache',
    title: 'Flush the DNS cache',
    scope: 'machine',
    composite: [],
    needsClientClosed: false,
    needsAdmin: false,
  },
  'remove-distrusted-root': {
    kbStep: 'admin-certificate-chain',
    title: 'Remove the user-level copy of a root that Windows treats as distrusted',
    scope: 'user',
    composite: [],
    needsClientClosed: false,
    needsAdmin: false,
  },
  'fix-machine-guid': {
    kbStep: 'additional-machine-guid',
    title: 'Remove the braces around MachineGuid',
    scope: 'machine',
    composite: [],
    needsClientClosed: true,
    needsAdmin: true,
  },
} as const satisfies Record<
  string,
  {
    kbStep: KbStepId;
    title: string;
    /**
     * `user`: acts on the signed-in user's profile (refused when the app runs as another
     * account); `machine`: acts on the whole PC, so it is right whoever runs it.
     */
    scope: StepScope;
    composite: readonly string[];
    needsClientClosed: boolean;
    needsAdmin: boolean;
  }
>;

export type RepairStepId = keyof typeof REPAIR_STEPS;
export type StepScope = 'user' | 'machine';
export const REPAIR_STEP_IDS = Object.keys(REPAIR_STEPS) as [RepairStepId, ...RepairStepId[]];

/**
 * Composites replaced by their parts, in order, each step once: what a set of steps changes. The
 * engine plans these; the wizard compares them (a card's change against what a finding offers).
 */
export function expandRepairSteps(steps: readonly RepairStepId[]): RepairStepId[] {
  const expanded: RepairStepId[] = [];
  const visit = (step: RepairStepId) => {
    const parts = REPAIR_STEPS[step].composite as readonly RepairStepId[];
    if (parts.length > 0) parts.forEach(visit);
    else if (!expanded.includes(step)) expanded.push(step);
  };
  steps.forEach(visit);
  return expanded;
}

/** Whether a step acts on a user's profile, so it must run as the signed-in user. */
export function isPerUserStep(step: RepairStepId): boolean {
  return REPAIR_STEPS[step].scope === 'user';
}

/** The steps among `steps` that need administrator rights. */
export function stepsNeedingAdmin(steps: readonly RepairStepId[]): RepairStepId[] {
  return steps.filter((step) => REPAIR_STEPS[step].needsAdmin);
}

// The shapes themselves are schemas in model/repair.ts; their inferred types are re-exported
// here for the many modules that only need the types.
export type {
  ActionOutcome,
  ActionResult,
  ActionTarget,
  BackupInfo,
  CloseClientResult,
  PlannedAction,
  PlannedStep,
  PurgeResult,
  RepairPlan,
  RunAttention,
  RunRecord,
  RunStatus,
  RunSummary,
  StartClientResult,
} from './model/repair';
