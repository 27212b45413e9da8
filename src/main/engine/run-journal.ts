/**
 * The entries a run writes to its journal, and how a RunRecord is read back from them. The
 * journal is the only source of truth: run lists, undo and crash recovery all fold it.
 */
import * as z from '../../shared/model/zod';
import { type ActionResult, type RunRecord, type RunStatus } from '../../shared/repairs';
import { newerKeptNote, newerPutBackNote } from '../../shared/wording';
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
  /**
   * Before an undo overwrote what was there since (a new sign-in), it was backed up here: a
   * copy, sealed before anything is overwritten. Undoing the undo puts it back.
   */
  z.object({
    type: z.literal('undo-backed-up'),
    actionId: z.string(),
    backupId: z.string(),
    digests: z.record(z.string(), z.string()),
  }),
  z.object({ type: z.literal('undone'), actionId: z.string() }),
  z.object({ type: z.literal('undo-failed'), actionId: z.string(), error: errorSchema }),
  z.object({ type: z.literal('undo-end'), at: z.string(), recovered: z.boolean().optional() }),
  /**
   * The undo of an undo: each change is made again (what the undo restored goes back into the
   * run's backup: `redo-applied`), then what that undo kept is put back (`redone`, naming the
   * undo backup it came from).
   */
  z.object({ type: z.literal('redo-start'), actionIds: z.array(z.string()), at: z.string() }),
  z.object({ type: z.literal('redo-applied'), actionId: z.string() }),
  z.object({ type: z.literal('redone'), actionId: z.string(), backupId: z.string().optional() }),
  z.object({ type: z.literal('redo-failed'), actionId: z.string(), error: errorSchema }),
  z.object({ type: z.literal('redo-end'), at: z.string(), recovered: z.boolean().optional() }),
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
  /**
   * What an undo backed up before overwriting it (newest last); `putBack` once an undo of that
   * undo restored it.
   */
  undoBackups: UndoBackup[];
  /**
   * The undo now open (interrupted) already kept what was there: finishing it must not back up
   * again, since by then the target may hold what the undo itself restored.
   */
  keptInOpenUndo: boolean;
  /** In the undo of an undo now open: the change was made again (only the put-back is left). */
  remade: boolean;
}

export interface UndoBackup {
  backupId: string;
  digests: Record<string, string>;
  putBack: boolean;
}

/** What the action's last undo kept and nothing has put back yet: undoing that undo would. */
export function keptByUndo(action: FoldedAction): UndoBackup | undefined {
  const last = action.undoBackups.at(-1);
  return action.outcome === 'undone' && last !== undefined && !last.putBack ? last : undefined;
}

export interface FoldedRun {
  start: RunStart;
  actions: FoldedAction[];
  ended: boolean;
  /** Set while an undo (or the undo of an undo) started and did not finish (a crash). */
  openUndo?: string[];
  /** The open one is the undo of an undo. */
  openRedo?: true;
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
    keptInOpenUndo: false,
    remade: false,
  }));
  const byId = new Map(actions.map((action) => [action.actionId, action]));
  let endStatus: RunStatus | undefined;
  let finishedAt: string | undefined;
  let openUndo: string[] | undefined;
  let openRedo = false;
  let backupsPurgedAt: string | undefined;
  const putBack: FoldedAction[] = [];
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
          action.undoBackups.push({
            backupId: entry.backupId,
            digests: entry.digests,
            putBack: false,
          });
          action.keptInOpenUndo = true;
        }
        break;
      case 'redo-start':
        openUndo = entry.actionIds;
        openRedo = true;
        for (const each of actions)
          if (entry.actionIds.includes(each.actionId)) each.remade = false;
        break;
      case 'redo-applied':
        if (action) action.remade = true;
        break;
      case 'redone':
        if (action) {
          Object.assign(action, { outcome: 'applied', error: undefined, remade: false });
          const kept = action.undoBackups.find((each) => each.backupId === entry.backupId);
          if (kept) {
            kept.putBack = true;
            putBack.push(action);
          }
        }
        break;
      case 'redo-failed':
        if (action) action.error = entry.error;
        break;
      case 'redo-end':
        openUndo = undefined;
        openRedo = false;
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
        for (const each of actions) each.keptInOpenUndo = false;
        break;
      case 'undone':
        if (action) Object.assign(action, { outcome: 'undone', error: undefined });
        break;
      case 'undo-failed':
        if (action) action.error = entry.error;
        break;
      case 'undo-end':
        openUndo = undefined;
        for (const each of actions) each.keptInOpenUndo = false;
        break;
      case 'backups-purged':
        backupsPurgedAt = entry.at;
        break;
      case 'run-start':
        break;
    }
  }
  const kept = actions.filter((action) => keptByUndo(action) !== undefined);
  const undoable =
    endStatus !== undefined &&
    openUndo === undefined &&
    backupsPurgedAt === undefined &&
    actions.some((action) => action.undoable && action.outcome === 'applied');
  const notes = [
    ...kept.map((action) => newerKeptNote(action.description)),
    ...putBack
      .filter((action) => keptByUndo(action) === undefined)
      .map((action) => newerPutBackNote(action.description)),
  ];
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
    undoable,
    ...(notes.length > 0 ? { notes } : {}),
    ...(kept.length > 0 ? { newerKept: kept.map((action) => action.description) } : {}),
    ...(!undoable &&
    kept.length > 0 &&
    endStatus !== undefined &&
    openUndo === undefined &&
    backupsPurgedAt === undefined
      ? { undoUndoable: true }
      : {}),
  };
  return {
    start,
    actions,
    ended: endStatus !== undefined,
    ...(openUndo ? { openUndo } : {}),
    ...(openRedo ? { openRedo: true as const } : {}),
    record,
  };
}
