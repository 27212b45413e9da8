/**
 * The entries a run writes to its journal, and how a RunRecord is read back from them. The
 * journal is the only source of truth: run lists, undo and crash recovery all fold it.
 */
import * as z from 'zod';
import { type ActionResult, type RunRecord, type RunStatus } from '../../shared/repairs';
import { repairStepIdSchema as stepId } from '../../shared/model/diagnosis';
import { actionErrorSchema as errorSchema, runStatusSchema } from '../../shared/model/repair';
import { internalTargetSchema } from './actions/internal-target';

export const journalActionSchema = z.object({
  id: z.string(),
  stepId,
  description: z.string(),
  undoable: z.boolean(),
  internal: internalTargetSchema,
});
export type JournalAction = z.infer<typeof journalActionSchema>;

export const journalEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-start'),
    runId: z.string(),
    planId: z.string(),
    address: z.string().optional(),
    startedAt: z.string(),
    steps: z.array(stepId),
    actions: z.array(journalActionSchema),
  }),
  z.object({ type: z.literal('skipped'), actionId: z.string(), error: errorSchema }),
  /** `digests`: SHA-256 of each backup file, so only the files written here are restored. */
  z.object({
    type: z.literal('backed-up'),
    actionId: z.string(),
    digests: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ type: z.literal('backup-failed'), actionId: z.string(), error: errorSchema }),
  z.object({ type: z.literal('apply-start'), actionId: z.string() }),
  /**
   * `digests` when the apply itself wrote to the backup (a cache folder that could not be moved
   * aside is packed, then deleted): the backup as it stands after the change.
   */
  z.object({
    type: z.literal('applied'),
    actionId: z.string(),
    verified: z.boolean(),
    digests: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ type: z.literal('apply-failed'), actionId: z.string(), error: errorSchema }),
  z.object({ type: z.literal('rolled-back'), actionId: z.string() }),
  z.object({ type: z.literal('rollback-failed'), actionId: z.string(), error: errorSchema }),
  z.object({
    type: z.literal('run-end'),
    status: runStatusSchema,
    finishedAt: z.string(),
    recovered: z.boolean().optional(),
  }),
  z.object({ type: z.literal('undo-start'), actionIds: z.array(z.string()), at: z.string() }),
  /** Before an undo overwrote what was there since (a new sign-in), it was backed up here. */
  z.object({
    type: z.literal('undo-backed-up'),
    actionId: z.string(),
    backupId: z.string(),
    digests: z.record(z.string(), z.string()),
  }),
  z.object({ type: z.literal('undone'), actionId: z.string() }),
  z.object({ type: z.literal('undo-failed'), actionId: z.string(), error: errorSchema }),
  z.object({ type: z.literal('undo-end'), at: z.string(), recovered: z.boolean().optional() }),
  /** The user deleted the run's backups; written before they are deleted. */
  z.object({ type: z.literal('backups-purged'), at: z.string() }),
]);
export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type RunStart = Extract<JournalEntry, { type: 'run-start' }>;

/**
 * Whether unsealed journal lines have the form an earlier version wrote, before journals were
 * sealed: backups were then recorded without digests. A journal that records digests was
 * written since, so an unsealed one of that form is damage, not age.
 */
export function hasEarlierForm(readable: unknown[]): boolean {
  return (
    readable.length > 0 &&
    readable.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        !('digests' in entry) &&
        (entry as { type?: unknown }).type !== 'undo-backed-up',
    )
  );
}

/** The entries, or the number (from 1) of the first that is not a journal entry. */
export function parseJournal(raw: unknown[]): JournalEntry[] | { badEntry: number } {
  const entries: JournalEntry[] = [];
  for (const [index, entry] of raw.entries()) {
    const parsed = journalEntrySchema.safeParse(entry);
    if (!parsed.success) return { badEntry: index + 1 };
    entries.push(parsed.data);
  }
  return entries;
}

export interface FoldedAction extends ActionResult {
  undoable: boolean;
  internal: JournalAction['internal'];
  backedUp: boolean;
  /** What the backup files' SHA-256 were when they were written. */
  backupDigests?: Record<string, string>;
  applyStarted: boolean;
  rolledBack: boolean;
  rollbackFailed: boolean;
  /** What an undo backed up before overwriting it (newest last). */
  undoBackups: Array<{ backupId: string; digests: Record<string, string> }>;
}

export interface FoldedRun {
  start: RunStart;
  actions: FoldedAction[];
  ended: boolean;
  /** Set while an undo started and did not finish (a crash). */
  openUndo?: string[];
  record: RunRecord;
}

function settle(actions: FoldedAction[], ended: RunStatus | undefined): RunStatus {
  const undoable = actions.filter((action) => action.undoable);
  const undone = actions.filter((action) => action.outcome === 'undone');
  if (undone.length > 0) {
    return undoable.every((action) => action.outcome === 'undone' || action.outcome !== 'applied')
      ? 'undone'
      : 'partly-undone';
  }
  return ended ?? 'partial';
}

export function foldJournal(entries: JournalEntry[]): FoldedRun | undefined {
  const start = entries.find((entry): entry is RunStart => entry.type === 'run-start');
  if (!start) return undefined;
  const actions: FoldedAction[] = start.actions.map((action) => ({
    actionId: action.id,
    stepId: action.stepId,
    description: action.description,
    outcome: 'skipped',
    verified: false,
    undoable: action.undoable,
    internal: action.internal,
    backedUp: false,
    applyStarted: false,
    rolledBack: false,
    rollbackFailed: false,
    undoBackups: [],
  }));
  const byId = new Map(actions.map((action) => [action.actionId, action]));
  let endStatus: RunStatus | undefined;
  let finishedAt: string | undefined;
  let openUndo: string[] | undefined;
  let backupsPurgedAt: string | undefined;
  const notes: string[] = [];
  for (const entry of entries) {
    const action = 'actionId' in entry ? byId.get(entry.actionId) : undefined;
    switch (entry.type) {
      case 'skipped':
      case 'backup-failed':
        if (action) action.error = entry.error;
        break;
      case 'backed-up':
        if (action) {
          action.backedUp = true;
          if (entry.digests) action.backupDigests = entry.digests;
        }
        break;
      case 'undo-backed-up':
        if (action) {
          action.undoBackups.push({ backupId: entry.backupId, digests: entry.digests });
          notes.push(
            `Before undoing "${action.description}", what was there since the repair (from a later sign-in) was backed up first; the backup "${entry.backupId}" is kept with this repair.`,
          );
        }
        break;
      case 'apply-start':
        if (action) action.applyStarted = true;
        break;
      case 'applied':
        if (action) {
          Object.assign(action, { outcome: 'applied', verified: entry.verified });
          if (entry.digests) action.backupDigests = entry.digests;
        }
        break;
      case 'apply-failed':
        if (action) Object.assign(action, { outcome: 'failed', error: entry.error });
        break;
      case 'rolled-back':
        if (action) {
          action.rolledBack = true;
          action.rollbackFailed = false;
          if (action.outcome !== 'failed') action.outcome = 'rolled-back';
        }
        break;
      case 'rollback-failed':
        if (action) {
          action.error = entry.error;
          action.rollbackFailed = true;
        }
        break;
      case 'run-end':
        endStatus = entry.status;
        finishedAt = entry.finishedAt;
        break;
      case 'undo-start':
        openUndo = entry.actionIds;
        break;
      case 'undone':
        if (action) Object.assign(action, { outcome: 'undone', error: undefined });
        break;
      case 'undo-failed':
        if (action) action.error = entry.error;
        break;
      case 'undo-end':
        openUndo = undefined;
        break;
      case 'backups-purged':
        backupsPurgedAt = entry.at;
        break;
      case 'run-start':
        break;
    }
  }
  const record: RunRecord = {
    id: start.runId,
    planId: start.planId,
    ...(start.address !== undefined ? { address: start.address } : {}),
    startedAt: start.startedAt,
    ...(finishedAt !== undefined ? { finishedAt } : {}),
    status: settle(actions, endStatus),
    steps: start.steps,
    actions: actions.map((action) => ({
      actionId: action.actionId,
      stepId: action.stepId,
      description: action.description,
      outcome: action.outcome,
      verified: action.verified,
      ...(action.error ? { error: action.error } : {}),
    })),
    ...(backupsPurgedAt !== undefined ? { backupsPurgedAt } : {}),
    undoable:
      endStatus !== undefined &&
      openUndo === undefined &&
      backupsPurgedAt === undefined &&
      actions.some((action) => action.undoable && action.outcome === 'applied'),
    ...(notes.length > 0 ? { notes } : {}),
  };
  return {
    start,
    actions,
    ended: endStatus !== undefined,
    ...(openUndo ? { openUndo } : {}),
    record,
  };
}
