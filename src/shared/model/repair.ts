/**
 * Plans, runs and what they leave behind, written once as schemas: the engine produces these
 * shapes, the journal stores runs in them, the IPC boundary validates them, the command line and
 * the wizard show them. The types are inferred; nothing restates them.
 */
import * as z from './zod';
import { hostKindSchema, kbStepIdSchema, repairStepIdSchema } from './diagnosis';
import { registryValueSchema } from './registry-value';

/** What one planned change touches, in enough detail for the user to read before confirming. */
export const actionTargetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('folder'),
    path: z.string(),
    fileCount: z.number(),
    totalBytes: z.number(),
    /** Set when `totalBytes` is estimated from a sample (a folder of very many files). */
    sizeEstimated: z.literal(true).optional(),
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
    before: registryValueSchema,
    after: registryValueSchema.optional(),
  }),
  z.object({ kind: z.literal('dns-cache') }),
]);
export type ActionTarget = z.infer<typeof actionTargetSchema>;

export const plannedActionSchema = z.object({
  /** Stable within the plan; the renderer may send a subset of these back to apply. */
  id: z.string(),
  stepId: repairStepIdSchema,
  /** Plain words: "Delete the folder sip_user@contoso.com (12 files, 48 KB)". */
  description: z.string(),
  target: actionTargetSchema,
  undoable: z.boolean(),
});
export type PlannedAction = z.infer<typeof plannedActionSchema>;

export const plannedStepSchema = z.object({
  stepId: repairStepIdSchema,
  kbStep: kbStepIdSchema,
  title: z.string(),
  actions: z.array(plannedActionSchema),
  /** Said when a step has nothing to do, e.g. "No endpoint cache for this address." */
  note: z.string().optional(),
});
export type PlannedStep = z.infer<typeof plannedStepSchema>;

export const repairPlanSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  hostKind: hostKindSchema,
  /** The SIP address this plan acts for; other addresses are never touched. */
  address: z.string().optional(),
  steps: z.array(plannedStepSchema),
  requiresClientClosed: z.boolean(),
  /** The client the scan found, as it names it ("Skype for Business 2019"); absent if none. */
  client: z.string().optional(),
  /** Whether it was running when the plan was made (a warning then says it must be closed). */
  clientRunning: z.boolean().optional(),
  requiresAdmin: z.boolean(),
  warnings: z.array(z.string()),
});
export type RepairPlan = z.infer<typeof repairPlanSchema>;

export const ACTION_OUTCOMES = ['applied', 'failed', 'skipped', 'undone', 'rolled-back'] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];

/** Why one action failed or was skipped, as the journal and the results carry it. */
export const actionErrorSchema = z.object({ code: z.string(), message: z.string() });

export const actionResultSchema = z.object({
  actionId: z.string(),
  stepId: repairStepIdSchema,
  description: z.string(),
  outcome: z.enum(ACTION_OUTCOMES),
  /** After applying: the change was checked to be in effect. */
  verified: z.boolean(),
  error: actionErrorSchema.optional(),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

export const RUN_STATUSES = [
  'applied',
  'partial',
  'failed',
  'undone',
  'partly-undone',
  'rolled-back',
] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** Why a run needs the user's attention; absent for a run that ended as it should. */
export const runAttentionSchema = z.object({
  /**
   * `interrupted`: stopped before its end, changes may be half done (put it back);
   * `recovery-failed`: putting it back failed, `stillChanged` says what is still changed;
   * `damaged`: its journal fails its integrity check: shown as far as it reads, never acted on;
   * `refused`: it names changes no repair step makes: never acted on;
   * `earlier-version`: recorded before journals were sealed, so it cannot be checked: shown
   * (time, steps), never acted on.
   */
  kind: z.enum(['interrupted', 'recovery-failed', 'damaged', 'refused', 'earlier-version']),
  /** Plain words: what happened and what can be done. */
  message: z.string(),
  stillChanged: z.array(z.string()).optional(),
});
export type RunAttention = z.infer<typeof runAttentionSchema>;

export const runRecordSchema = z.object({
  id: z.string(),
  planId: z.string(),
  address: z.string().optional(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  status: runStatusSchema,
  steps: z.array(repairStepIdSchema),
  actions: z.array(actionResultSchema),
  /** Set when the user deleted this run's backups: it can no longer be undone. */
  backupsPurgedAt: z.string().optional(),
  /**
   * Whether an undo would put something back: the run finished, its backups are kept, and at
   * least one change that can be undone is still in effect. A DNS flush alone never is. The
   * engine decides it (run-journal.ts); the wizard and the command line only read it.
   */
  undoable: z.boolean(),
  attention: runAttentionSchema.optional(),
  /** What the user should know about how it went, in plain words (undo's extra backups). */
  notes: z.array(z.string()).optional(),
  /**
   * The changes whose undo found newer data (a later sign-in's credential, key or cache) and
   * kept it, backed up with this run, before putting the old back. Absent when none.
   */
  newerKept: z.array(z.string()).optional(),
  /**
   * Set when undoing this run again undoes its undo: each change is made again and what the
   * undo kept (`newerKept`) is put back. The engine decides it, as `undoable`.
   */
  undoUndoable: z.literal(true).optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;

export const runSummarySchema = runRecordSchema
  .pick({
    id: true,
    address: true,
    startedAt: true,
    finishedAt: true,
    status: true,
    steps: true,
    backupsPurgedAt: true,
    undoable: true,
    attention: true,
    newerKept: true,
    undoUndoable: true,
  })
  .extend({ actionCount: z.number() });
export type RunSummary = z.infer<typeof runSummarySchema>;

/** One run's backups, as the user sees them before choosing what to delete. */
export const backupInfoSchema = z.object({
  runId: z.string(),
  /** ISO 8601, when the run started. */
  startedAt: z.string(),
  /** Bytes its backups take in the data folder (0 once purged). */
  sizeBytes: z.number(),
  /** Whether `undo` of this run can still restore something. */
  undoable: z.boolean(),
  /** ISO 8601, set once its backups were deleted. */
  purgedAt: z.string().optional(),
  /** Interrupted, damaged or refused: as `RunSummary.attention`. */
  attention: runAttentionSchema.optional(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

export const purgeResultSchema = z.object({
  purged: z.array(z.object({ runId: z.string(), freedBytes: z.number() })),
  /** Matching runs whose backups were kept, and why. */
  kept: z.array(z.object({ runId: z.string(), reason: z.string() })),
});
export type PurgeResult = z.infer<typeof purgeResultSchema>;

export const closeClientResultSchema = z.object({
  closed: z.boolean(),
  stillRunning: z.array(z.string()),
});
export type CloseClientResult = z.infer<typeof closeClientResultSchema>;

/** Why the client was not started again; `reason` says it in plain words. */
export const START_CLIENT_REFUSALS = [
  'no-client',
  'already-running',
  'wrong-profile',
  'elevated',
  'launch-failed',
  /** The caller asked for the client to be left closed (`--no-restart-client`). */
  'not-requested',
] as const;

export const startClientResultSchema = z.object({
  started: z.boolean(),
  /** The client started or meant: "Lync 2013". */
  client: z.string().optional(),
  /** Its executable as detected in the registry. */
  path: z.string().optional(),
  /** The new process, when it showed up in the process list. */
  pid: z.number().optional(),
  refusal: z.enum(START_CLIENT_REFUSALS).optional(),
  /** Why it was not started, fit for the user. */
  reason: z.string().optional(),
});
export type StartClientResult = z.infer<typeof startClientResultSchema>;
