/**
 * The one operation table. The preload exposes one method per entry, the IPC wrapper validates
 * every request and response against it, the CLI and the docs are derived from it.
 *
 * The renderer sends intentions: operation names, plan ids, step ids and action ids that main
 * produced. It never sends paths, registry keys or store names, so no schema here accepts one.
 */
import { z } from 'zod';
import { FINDING_IDS, FINDING_STATUSES, KB_STEPS } from './findings';
import { ERROR_CODES } from './errors';
import { REPAIR_STEP_IDS } from './repairs';
import type { DiagnosisReport } from './findings';
import { BRIDGE_GLOBAL, channelFor, OPERATION_NAME_LIST, PROGRESS_CHANNEL } from './channels';
import type { OperationNameInList } from './channels';
import type { RepairPlan, RunRecord, RunSummary } from './repairs';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id of letters, digits, - and _');

/** A SIP address as the user might type it: bounded, no control characters, no path syntax. */
export const sipAddressSchema = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(
    // eslint-disable-next-line no-control-regex -- control characters are exactly what it rejects
    /^(sip:)?[^\s@\\/:*?"<>|\u0000-\u001f]+@[^\s@\\/:*?"<>|\u0000-\u001f]+$/u,
    'a SIP address like user@contoso.com',
  );

const repairStepId = z.enum(REPAIR_STEP_IDS as [string, ...string[]]);
const kbStepId = z.enum(Object.keys(KB_STEPS) as [string, ...string[]]);

const evidenceSchema = z.object({ kind: z.string(), label: z.string(), value: z.string() });
const findingSchema = z.object({
  id: z.enum(FINDING_IDS),
  status: z.enum(FINDING_STATUSES),
  kbStep: kbStepId,
  summary: z.string(),
  detail: z.string().optional(),
  evidence: z.array(evidenceSchema),
  repairs: z.array(z.string()),
});
const clientKind = z.enum(['lync2010', 'lync2013', 'sfb2016']);
const clientSchema = z.object({
  kind: clientKind,
  displayName: z.string(),
  version: z.string().optional(),
  executablePath: z.string().optional(),
  running: z.boolean(),
  registryView: z.enum(['64', '32']),
  installType: z.enum(['msi', 'click-to-run']),
  bitness: z.enum(['64', '32']).optional(),
});
const diagnosisSchema = z.object({
  id: z.string(),
  generatedAt: z.string(),
  hostKind: z.enum(['windows', 'practice']),
  practiceScenario: z.string().optional(),
  clients: z.array(clientSchema),
  primaryClient: clientSchema.optional(),
  currentAddress: z.string().optional(),
  addresses: z.array(z.string()),
  findings: z.array(findingSchema),
});

const actionTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('folder'),
    path: z.string(),
    fileCount: z.number(),
    totalBytes: z.number(),
  }),
  z.object({ kind: z.literal('file'), path: z.string(), size: z.number() }),
  z.object({
    kind: z.literal('certificate'),
    store: z.string(),
    thumbprint: z.string(),
    subject: z.string(),
    issuer: z.string(),
    notAfter: z.string(),
  }),
  z.object({
    kind: z.literal('credential'),
    targetName: z.string(),
    userName: z.string(),
    credentialType: z.string(),
  }),
  z.object({
    kind: z.literal('registry-key'),
    key: z.string(),
    valueCount: z.number(),
    subkeyCount: z.number(),
  }),
  z.object({
    kind: z.literal('registry-value'),
    key: z.string(),
    name: z.string(),
    before: z.object({ type: z.string() }).passthrough(),
    after: z.object({ type: z.string() }).passthrough().optional(),
  }),
  z.object({ kind: z.literal('dns-cache') }),
]);
const planSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  hostKind: z.enum(['windows', 'practice']),
  address: z.string().optional(),
  steps: z.array(
    z.object({
      stepId: repairStepId,
      kbStep: kbStepId,
      title: z.string(),
      note: z.string().optional(),
      actions: z.array(
        z.object({
          id: z.string(),
          stepId: repairStepId,
          description: z.string(),
          target: actionTargetSchema,
          undoable: z.boolean(),
        }),
      ),
    }),
  ),
  requiresClientClosed: z.boolean(),
  requiresAdmin: z.boolean(),
  warnings: z.array(z.string()),
});
const actionResultSchema = z.object({
  actionId: z.string(),
  stepId: repairStepId,
  description: z.string(),
  outcome: z.enum(['applied', 'failed', 'skipped', 'undone', 'rolled-back']),
  verified: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
const runStatus = z.enum([
  'applied',
  'partial',
  'failed',
  'undone',
  'partly-undone',
  'rolled-back',
]);
const runSchema = z.object({
  id: z.string(),
  planId: z.string(),
  address: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  status: runStatus,
  steps: z.array(repairStepId),
  actions: z.array(actionResultSchema),
  backupsPurgedAt: z.string().optional(),
});
const runSummarySchema = z.object({
  id: z.string(),
  address: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  status: runStatus,
  steps: z.array(repairStepId),
  actionCount: z.number(),
  backupsPurgedAt: z.string().optional(),
});

const backupInfoSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  sizeBytes: z.number(),
  undoable: z.boolean(),
  purgedAt: z.string().optional(),
});
const purgeResultSchema = z.object({
  purged: z.array(z.object({ runId: z.string(), freedBytes: z.number() })),
  kept: z.array(z.object({ runId: z.string(), reason: z.string() })),
});

/** `host:port` an administrator adds to the certificate-chain check (AD FS, edge, proxy). */
export const probeTargetSchema = z
  .string()
  .trim()
  .max(260)
  .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'a host name with an optional :port');

function operation<Req extends z.ZodType, Res extends z.ZodType>(spec: {
  request: Req;
  response: Res;
  /** Changes the machine: confirmed by the user, journalled, undoable. */
  changesMachine: boolean;
  needsClientClosed: boolean;
  needsAdmin: boolean;
  /** Only allowed while the app runs on the practice PC. */
  practiceOnly?: boolean;
  description: string;
}) {
  return { practiceOnly: false, ...spec };
}

export const OPERATIONS = {
  'session.info': operation({
    description: 'Who and where: host kind, practice scenario, identity, support code.',
    request: z.object({}).strict(),
    response: z.object({
      hostKind: z.enum(['windows', 'practice']),
      practiceScenario: z.string().optional(),
      hostDescription: z.string(),
      userName: z.string(),
      elevated: z.boolean(),
      supportCode: z.string(),
      appVersion: z.string(),
    }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'diagnosis.run': operation({
    description: 'Scan the PC for everything the KB article checks.',
    request: z.object({}).strict(),
    response: diagnosisSchema,
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'admin.check': operation({
    description: "The administrators' step: certificate chain, DNS records and clock.",
    request: z
      .object({
        domain: z
          .string()
          .trim()
          .max(253)
          .regex(/^[A-Za-z0-9.-]+$/)
          .optional(),
        targets: z.array(probeTargetSchema).max(16).default([]),
      })
      .strict(),
    response: z.object({ findings: z.array(findingSchema) }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'repair.plan': operation({
    description: 'Work out exactly what the chosen steps would change, without changing anything.',
    request: z
      .object({
        steps: z.array(repairStepId).min(1).max(REPAIR_STEP_IDS.length),
        address: sipAddressSchema.optional(),
      })
      .strict(),
    response: planSchema,
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'repair.apply': operation({
    description: 'Back up, apply and verify a plan the user has read and confirmed.',
    request: z
      .object({
        planId: id,
        /** A subset of the plan's action ids; all when absent. */
        actionIds: z.array(id).max(10_000).optional(),
      })
      .strict(),
    response: runSchema,
    changesMachine: true,
    needsClientClosed: true,
    needsAdmin: false,
  }),
  'client.status': operation({
    description: 'Whether Lync or Skype for Business is running for this user.',
    request: z.object({}).strict(),
    response: z.object({
      running: z.array(z.object({ pid: z.number(), name: z.string() })),
    }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'client.close': operation({
    description: 'Ask the running client to close; end it only when forced.',
    request: z.object({ force: z.boolean().default(false) }).strict(),
    response: z.object({ closed: z.boolean(), stillRunning: z.array(z.string()) }),
    changesMachine: true,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'client.start': operation({
    // Starts only the executable found under the client's own install key: the request can
    // name which installed client, never a path.
    description:
      'Start Lync or Skype for Business again for this user after a repair closed it, so the user can sign in.',
    request: z.object({ kind: clientKind.optional() }).strict(),
    response: z.object({
      started: z.boolean(),
      client: z.string().optional(),
      path: z.string().optional(),
      pid: z.number().optional(),
      refusal: z
        .enum(['no-client', 'already-running', 'wrong-profile', 'elevated', 'launch-failed'])
        .optional(),
      reason: z.string().optional(),
    }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'runs.list': operation({
    description: 'Earlier repairs that can be undone.',
    request: z.object({}).strict(),
    response: z.object({ runs: z.array(runSummarySchema) }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'runs.undo': operation({
    description: 'Restore what a repair (or one step of it) changed, exactly.',
    request: z.object({ runId: id, stepId: repairStepId.optional() }).strict(),
    response: runSchema,
    changesMachine: true,
    needsClientClosed: true,
    needsAdmin: false,
  }),
  'backups.list': operation({
    description:
      "Each repair's backups in the app's data folder: size, and whether undo still works.",
    request: z.object({}).strict(),
    response: z.object({ backups: z.array(backupInfoSchema) }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'backups.purge': operation({
    // Deletes only the app's own backups, never anything on the PC; the wizard still asks first,
    // since the repairs they belong to can no longer be undone afterwards.
    description: 'Delete the backups of repairs older than a number of days, or of named repairs.',
    request: z
      .object({
        olderThanDays: z.number().int().min(0).max(36_500).optional(),
        runIds: z.array(id).min(1).max(1_000).optional(),
      })
      .strict()
      .refine((request) => request.olderThanDays !== undefined || request.runIds !== undefined, {
        message: 'say which backups: olderThanDays or runIds',
      }),
    response: purgeResultSchema,
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'report.build': operation({
    description: 'A report of the session without secrets, as HTML or JSON.',
    request: z.object({ format: z.enum(['html', 'json']) }).strict(),
    response: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'practice.list': operation({
    description: 'The practice scenarios.',
    request: z.object({}).strict(),
    response: z.object({
      current: z.string().optional(),
      scenarios: z.array(z.object({ name: z.string(), description: z.string() })),
    }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
  'practice.reset': operation({
    description: 'Start the practice PC afresh from a scenario.',
    request: z.object({ name: z.string().regex(/^[a-z0-9-]{1,40}$/) }).strict(),
    response: z.object({ scenario: z.string() }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
    practiceOnly: true,
  }),
  'app.restartAsUser': operation({
    // Starts nothing on the practice PC: it says what it would do. When the process runs as
    // another account than the signed-in one, it only explains how to start the app normally.
    description:
      'Start the app again as the signed-in user, without administrator rights, so the per-user repairs act on the right profile.',
    request: z.object({}).strict(),
    response: z.object({
      /** `restarting`: asked Windows to start it and closes this window (practice: would). */
      outcome: z.enum(['restarting', 'start-it-yourself', 'not-needed']),
      /** On the practice PC nothing is started: `message` says what would happen. */
      practice: z.boolean(),
      runningAs: z.string(),
      signedIn: z.string().optional(),
      message: z.string(),
    }),
    changesMachine: false,
    needsClientClosed: false,
    needsAdmin: false,
  }),
} as const;

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES: readonly OperationName[] = OPERATION_NAME_LIST;
export type OperationRequest<N extends OperationName> = z.input<(typeof OPERATIONS)[N]['request']>;
export type OperationResponse<N extends OperationName> = z.output<
  (typeof OPERATIONS)[N]['response']
>;

/** What every IPC call resolves to: data or plain error data, never a thrown class. */
export type OperationResult<N extends OperationName> =
  | { ok: true; value: OperationResponse<N> }
  | {
      ok: false;
      error: {
        code: (typeof ERROR_CODES)[number];
        message: string;
        details?: Record<string, string | number | boolean | null>;
      };
    };

/** The client the renderer's store is created with: the preload's bridge, or a test fake. */
export type RepairClient = {
  [N in OperationName]: (request: OperationRequest<N>) => Promise<OperationResult<N>>;
} & {
  /** Progress of long operations; returns an unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
};

export interface ProgressEvent {
  operation: OperationName;
  message: string;
  done?: number;
  total?: number;
}

/** Channel names are derived, never typed by hand. */
export { channelFor, PROGRESS_CHANNEL, BRIDGE_GLOBAL };

// Compile-time checks that the schemas and the domain types agree.
type Assert<T extends true> = T;
export type _DiagnosisAgrees = Assert<
  DiagnosisReport extends z.infer<typeof diagnosisSchema> ? true : false
>;
export type _PlanAgrees = Assert<RepairPlan extends z.infer<typeof planSchema> ? true : false>;
export type _RunAgrees = Assert<RunRecord extends z.infer<typeof runSchema> ? true : false>;
export type _RunSummaryAgrees = Assert<
  RunSummary extends z.infer<typeof runSummarySchema> ? true : false
>;

export type _ChannelListAgrees = Assert<
  [OperationName] extends [OperationNameInList]
    ? [OperationNameInList] extends [OperationName]
      ? true
      : false
    : false
>;
