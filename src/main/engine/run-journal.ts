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
  z.object({ type: z.literal('backed-up'), actionId: z.string() }),
  z.object({ type: z.literal('backup-failed'), actionId: z.string(), error: errorSchema }),
  z.object({ type: z.literal('apply-start'), actionId: z.string() }),
  z.object({ type: z.literal('applied'), actionId: z.string(), verified: z.boolean() }),
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
  z.object({ type: z.literal('undone'), actionId: z.string() }),
  z.object({ type: z.literal('undo-failed'), actionId: z.string(), error: errorSchema }),
  z.object({ type: z.literal('undo-end'), at: z.string(), recovered: z.boolean().optional() }),
  /** The user deleted the run's backups; written before they are deleted. */
  z.object({ type: z.literal('backups-purged'), at: z.string() }),
]);
export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type RunStart = Extract<JournalEntry, { type: 'run-start' }>;

export function parseJournal(raw: unknown[], where: string): JournalEntry[] {
  return raw.map((entry, index) => {
    const parsed = journalEntrySchema.safeParse(entry);
    if (!parsed.success) throw new Error(`Entry ${index + 1} of ${where} is not a journal entry.`);
    return parsed.data;
  });
}

export interface FoldedAction extends ActionResult {
  undoable: boolean;
  internal: JournalAction['internal'];
  backedUp: boolean;
  applyStarted: boolean;
  rolledBack: boolean;
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
  }));
  const byId = new Map(actions.map((action) => [action.actionId, action]));
  let endStatus: RunStatus | undefined;
  let finishedAt: string | undefined;
  let openUndo: string[] | undefined;
  let backupsPurgedAt: string | undefined;
  for (const entry of entries) {
    const action = 'actionId' in entry ? byId.get(entry.actionId) : undefined;
    switch (entry.type) {
      case 'skipped':
      case 'backup-failed':
        if (action) action.error = entry.error;
        break;
      case 'backed-up':
        if (action) action.backedUp = true;
        break;
      case 'apply-start':
        if (action) action.applyStarted = true;
        break;
      case 'applied':
        if (action) Object.assign(action, { outcome: 'applied', verified: entry.verified });
        break;
      case 'apply-failed':
        if (action) Object.assign(action, { outcome: 'failed', error: entry.error });
        break;
      case 'rolled-back':
        if (action) {
          action.rolledBack = true;
          if (action.outcome !== 'failed') action.outcome = 'rolled-back';
        }
        break;
      case 'rollback-failed':
        if (action) action.error = entry.error;
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
  };
  return {
    start,
    actions,
    ended: endStatus !== undefined,
    ...(openUndo ? { openUndo } : {}),
    record,
  };
}
