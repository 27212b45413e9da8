/**
 * The one operation table between the window and main. The preload exposes one method per entry;
 * the dispatcher validates every request and response against it, refuses practice-only
 * operations off the practice PC and marks the calls that change the PC in its audit log;
 * docs/operations.md is generated from it. (The command line calls the engine directly.)
 *
 * The renderer sends intentions: operation names, plan ids, step ids and action ids that main
 * produced. It never sends paths, registry keys or store names, so no schema here accepts one.
 */
import * as z from './model/zod';
import type { ErrorData } from './errors';
import { BRIDGE_GLOBAL, channelFor, OPERATION_NAME_LIST, PROGRESS_CHANNEL } from './channels';
import type { OperationNameInList } from './channels';
import {
  clientKindSchema,
  diagnosisReportSchema,
  findingSchema,
  hostKindSchema,
  repairStepIdSchema,
} from './model/diagnosis';
import {
  backupInfoSchema,
  closeClientResultSchema,
  purgeResultSchema,
  repairPlanSchema,
  runRecordSchema,
  runSummarySchema,
  startClientResultSchema,
} from './model/repair';
import { REPAIR_STEP_IDS } from './repairs';
import {
  checkDomain,
  checkTarget,
  domainMessage,
  MAX_ADMIN_TARGETS,
  targetMessage,
  TOO_MANY_TARGETS,
} from './admin-input';
import { EXTERNAL_LINK_IDS } from './external-links';

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

/** `host:port` an administrator adds to the certificate-chain check (AD FS, edge, proxy). */
export const probeTargetSchema = z
  .string()
  .trim()
  .max(260)
  .refine((value) => checkTarget(value).ok, {
    error: (issue) => targetMessage(String(issue.input)),
  });

/** The wizard's side of a report: whom the repairs were for, and "Did it work?" answers. */
export const reportContextSchema = z
  .object({
    address: sipAddressSchema.optional(),
    fixed: z.boolean().optional(),
    otherAccounts: z.enum(['yes', 'no', 'not-tried']).optional(),
  })
  .strict();
export type ReportContext = z.infer<typeof reportContextSchema>;

function operation<Req extends z.ZodType, Res extends z.ZodType>(spec: {
  request: Req;
  response: Res;
  /**
   * Changes the PC (a repair, an undo, closing the client): the audit log marks these calls, and
   * docs/operations.md lists them. Whether the client must be closed or administrator rights are
   * needed is decided per repair step (shared/repairs.ts), not per operation.
   */
  changesMachine: boolean;
  /** Only allowed while the app runs on the practice PC (the dispatcher refuses it elsewhere). */
  practiceOnly?: boolean;
  /** One line for docs/operations.md, which is generated from this table. */
  description: string;
}) {
  return { practiceOnly: false, ...spec };
}

export const OPERATIONS = {
  'session.info': operation({
    description: 'Who and where: host kind, practice scenario, identity, support code.',
    request: z.object({}).strict(),
    response: z.object({
      hostKind: hostKindSchema,
      practiceScenario: z.string().optional(),
      hostDescription: z.string(),
      userName: z.string(),
      elevated: z.boolean(),
      supportCode: z.string(),
      appVersion: z.string(),
    }),
    changesMachine: false,
  }),
  'diagnosis.run': operation({
    description: 'Scan the PC for everything the KB article checks.',
    request: z.object({}).strict(),
    response: diagnosisReportSchema,
    changesMachine: false,
  }),
  'admin.check': operation({
    description: "The administrators' step: certificate chain, DNS records and clock.",
    request: z
      .object({
        domain: z
          .string()
          .trim()
          .max(253)
          .refine((value) => checkDomain(value).ok, {
            error: (issue) => domainMessage(String(issue.input)),
          })
          .optional(),
        targets: z
          .array(probeTargetSchema)
          .max(MAX_ADMIN_TARGETS, { error: TOO_MANY_TARGETS })
          .default([]),
      })
      .strict(),
    response: z.object({ findings: z.array(findingSchema) }),
    changesMachine: false,
  }),
  'repair.plan': operation({
    description: 'Work out exactly what the chosen steps would change, without changing anything.',
    request: z
      .object({
        steps: z.array(repairStepIdSchema).min(1).max(REPAIR_STEP_IDS.length),
        address: sipAddressSchema.optional(),
      })
      .strict(),
    response: repairPlanSchema,
    changesMachine: false,
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
    response: runRecordSchema,
    changesMachine: true,
  }),
  'client.status': operation({
    description: 'Whether Lync or Skype for Business is running for this user.',
    request: z.object({}).strict(),
    response: z.object({
      running: z.array(z.object({ pid: z.number(), name: z.string() })),
    }),
    changesMachine: false,
  }),
  'client.close': operation({
    description: 'Ask the running client to close; end it only when forced.',
    request: z.object({ force: z.boolean().default(false) }).strict(),
    response: closeClientResultSchema,
    changesMachine: true,
  }),
  'client.start': operation({
    // Starts only the executable found under the client's own install key: the request can
    // name which installed client, never a path.
    description:
      'Start Lync or Skype for Business again for this user after a repair closed it, so the user can sign in.',
    request: z.object({ kind: clientKindSchema.optional() }).strict(),
    response: startClientResultSchema,
    changesMachine: false,
  }),
  'runs.list': operation({
    description: 'Earlier repairs that can be undone.',
    request: z.object({}).strict(),
    response: z.object({ runs: z.array(runSummarySchema) }),
    changesMachine: false,
  }),
  'runs.recover': operation({
    description:
      'Put back what an interrupted repair changed, from its backups (checked as undo is).',
    request: z.object({ runId: id }).strict(),
    response: runRecordSchema,
    changesMachine: true,
  }),
  'runs.undo': operation({
    description: 'Restore what a repair (or one step of it) changed, exactly.',
    request: z.object({ runId: id, stepId: repairStepIdSchema.optional() }).strict(),
    response: runRecordSchema,
    changesMachine: true,
  }),
  'backups.list': operation({
    description:
      "Each repair's backups in the app's data folder: size, and whether undo still works.",
    request: z.object({}).strict(),
    response: z.object({ backups: z.array(backupInfoSchema) }),
    changesMachine: false,
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
  }),
  'report.build': operation({
    description: 'A report of the session without secrets, as HTML or JSON.',
    request: z
      .object({
        format: z.enum(['html', 'json']),
        /** What only the wizard knows: the address it acted for and the user's answers. */
        context: reportContextSchema.optional(),
      })
      .strict(),
    response: z.object({
      fileName: z.string(),
      mimeType: z.string(),
      content: z.string(),
      /** The summary as plain text, sized for a helpdesk ticket. */
      summary: z.string(),
    }),
    changesMachine: false,
  }),
  'practice.list': operation({
    description: 'The practice scenarios.',
    request: z.object({}).strict(),
    response: z.object({
      current: z.string().optional(),
      scenarios: z.array(z.object({ name: z.string(), description: z.string() })),
    }),
    changesMachine: false,
  }),
  'practice.reset': operation({
    description: 'Start the practice PC afresh from a scenario.',
    request: z.object({ name: z.string().regex(/^[a-z0-9-]{1,40}$/) }).strict(),
    response: z.object({ scenario: z.string() }),
    changesMachine: false,
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
  }),
  'app.openExternal': operation({
    // A link name, never an address: main opens only the allow-listed Microsoft pages.
    description: 'Open one of the allow-listed Microsoft download pages in the default browser.',
    request: z.object({ link: z.enum(EXTERNAL_LINK_IDS) }).strict(),
    response: z.object({
      /** False where no browser can be started (the practice PC in tests): `url` says where. */
      opened: z.boolean(),
      url: z.string(),
    }),
    changesMachine: false,
  }),
  'lock.break': operation({
    // The renderer sends back what main said about the lock (its computer and since when), so
    // main breaks that lock only, never one that appeared since the user read about it.
    description:
      'Break the data folder lock held by SfB Sign-in Repair on another computer, once the user says that copy no longer runs.',
    request: z
      .object({
        host: z
          .string()
          .min(1)
          .max(255)
          // eslint-disable-next-line no-control-regex -- control characters are exactly what it rejects
          .regex(/^[^\u0000-\u001f]+$/u, 'a computer name'),
        since: z
          .string()
          .min(1)
          .max(64)
          // eslint-disable-next-line no-control-regex -- control characters are exactly what it rejects
          .regex(/^[^\u0000-\u001f]+$/u, 'the time the lock was taken'),
      })
      .strict(),
    response: z.object({
      /** False when no lock from another computer was left to break. */
      broken: z.boolean(),
    }),
    changesMachine: false,
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
  { ok: true; value: OperationResponse<N> } | { ok: false; error: ErrorData };

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

// Compile-time check that the transport's name list and the table agree.
type Assert<T extends true> = T;
type _ChannelListAgrees = Assert<
  [OperationName] extends [OperationNameInList]
    ? [OperationNameInList] extends [OperationName]
      ? true
      : false
    : false
>;
