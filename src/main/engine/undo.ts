/**
 * `undo()`: restore a run, or one step of it, exactly from its backups. Newer data found where
 * the old goes back is copied into the run first (sealed), so the undo destroys nothing; undo
 * of a run whose undo kept such data undoes that undo (run-redo.ts).
 */
import type { RepairStepId, RunRecord } from '../../shared/repairs';
import { REPAIR_STEP_IDS, REPAIR_STEPS } from '../../shared/repairs';
import { AppError } from '../../shared/errors';
import { executorFor } from './actions';
import { refuseWhileClientRuns, refuseWithoutAdmin } from './client-control';
import { refuseWrongProfile } from './profile-guard';
import { actionContext, type EngineState } from './engine-state';
import { expandRepairSteps } from '../../shared/repairs';
import { appender, backupReader, errorEntry, readRun, type Append } from './run-helpers';
import { keptByUndo, type FoldedAction, type FoldedRun } from './run-journal';
import { redoActions } from './run-redo';
import { refuseOutOfScope } from './scope';

/**
 * The checks before undo or recovery change anything, in one place: every action of the run
 * is one its step can plan for this profile (a planted run is refused whole), and the steps it
 * would restore pass the profile, client and administrator checks apply passes. The steps come
 * from the checked actions, never from the journal's own step list.
 */
export async function refuseUnsafeRestore(
  state: EngineState,
  run: FoldedRun,
  restoring: FoldedAction[],
): Promise<void> {
  await refuseOutOfScope(state.host, `repair "${run.record.id}"`, run.actions);
  const steps = new Set(restoring.map((action) => action.stepId));
  await refuseWrongProfile(state.host, steps);
  await refuseWhileClientRuns(state.host, steps);
  await refuseWithoutAdmin(state.host, steps, state.changeHost !== undefined);
}

/**
 * Before an undo overwrites a target, what is there now (written after the repair: a new
 * sign-in's credential, key, certificate or cache) is copied into the same run and sealed, so
 * the undo destroys nothing and can itself be undone. A folder is copied, never moved: the undo
 * puts the old files back over it and leaves the new ones. `false` when that backup failed:
 * the target is then left as it is.
 */
async function backUpNewer(
  state: EngineState,
  runId: string,
  append: Append,
  action: FoldedAction,
): Promise<boolean> {
  const context = actionContext(state);
  const executor = executorFor(action.internal);
  if ((await executor.check(context, action.internal)) === 'gone') return true;
  const backupId = `${action.actionId}-u${action.undoBackups.length + 1}`;
  try {
    await executor.backup(context, action.internal, state.store.copyBackupWriter(runId, backupId));
  } catch (error) {
    const { message } = errorEntry(error);
    await append({
      type: 'undo-failed',
      actionId: action.actionId,
      error: {
        code: 'backup-failed',
        message: `Not put back: what is there now could not be backed up first, so it was left as it is. ${message}`,
      },
    });
    return false;
  }
  const digests = state.store.digestBackup(runId, backupId);
  await append({ type: 'undo-backed-up', actionId: action.actionId, backupId, digests });
  return true;
}

/** Restores the given actions, last applied first, journalling each. */
export async function restoreActions(
  state: EngineState,
  runId: string,
  append: Append,
  actions: FoldedAction[],
): Promise<void> {
  const context = actionContext(state);
  for (const [index, action] of [...actions].reverse().entries()) {
    state.progress({
      message: `Undoing: ${action.description}`,
      done: index,
      total: actions.length,
    });
    const executor = executorFor(action.internal);
    try {
      // An interrupted undo being finished may already have kept what was there.
      if (!action.keptInOpenUndo && !(await backUpNewer(state, runId, append, action))) continue;
      const reader = backupReader(
        state,
        runId,
        action.actionId,
        action.backupDigests,
        action.internal,
      );
      await executor.restore(context, action.internal, reader);
      if (!(await executor.verifyRestored(context, action.internal, reader))) {
        throw new AppError(
          'verification-failed',
          `After undoing "${action.description}", it is not as it was.`,
        );
      }
      await append({ type: 'undone', actionId: action.actionId });
    } catch (error) {
      await append({ type: 'undo-failed', actionId: action.actionId, error: errorEntry(error) });
    }
  }
}

export async function undoRun(
  state: EngineState,
  runId: string,
  stepId?: RepairStepId,
): Promise<RunRecord> {
  const run = readRun(state, runId);
  if (!run.ended || run.openUndo) {
    throw new AppError(
      'invalid-request',
      `Repair "${runId}" did not finish; put back what it changed with "recover" (the app: Put it back).`,
      { runId },
    );
  }
  if (run.record.backupsPurgedAt !== undefined) {
    throw new AppError(
      'invalid-request',
      `Repair "${runId}" can no longer be undone: its backups were deleted on ${run.record.backupsPurgedAt}. Nothing was changed.`,
      { runId },
    );
  }
  if (stepId !== undefined && !(REPAIR_STEP_IDS as string[]).includes(stepId)) {
    throw new AppError('invalid-request', `Unknown repair step: ${stepId}.`);
  }
  const parts = stepId ? expandRepairSteps([stepId]) : undefined;
  if (parts && !parts.some((part) => run.start.steps.includes(part))) {
    throw new AppError(
      'invalid-request',
      `Repair "${runId}" did not include "${REPAIR_STEPS[stepId as RepairStepId].title}".`,
    );
  }
  const inScope = run.actions.filter((action) => !parts || parts.includes(action.stepId));
  const candidates = inScope.filter((action) => action.undoable && action.outcome === 'applied');
  const undone = inScope.filter((action) => action.undoable && action.outcome === 'undone');
  if (candidates.length === 0 && undone.some((action) => keptByUndo(action) !== undefined)) {
    return undoTheUndo(state, run, undone);
  }
  if (candidates.length === 0) {
    throw new AppError(
      'invalid-request',
      inScope.some((action) => action.outcome === 'undone')
        ? `Repair "${runId}"${stepId ? ` (${stepId})` : ''} was already undone.`
        : `Repair "${runId}"${stepId ? ` (${stepId})` : ''} changed nothing that can be undone.`,
      { runId },
    );
  }
  await refuseUnsafeRestore(state, run, candidates);
  const hook = state.hooks.afterJournalEntry;
  const journal = state.store.openJournal(runId, hook ? (entry) => hook(runId, entry) : undefined);
  const append = appender(journal);
  try {
    await append({
      type: 'undo-start',
      actionIds: candidates.map((action) => action.actionId),
      at: state.now().toISOString(),
    });
    await restoreActions(state, runId, append, candidates);
    await append({ type: 'undo-end', at: state.now().toISOString() });
  } finally {
    journal.close();
  }
  return readRun(state, runId).record;
}

/** Undoes the undo of `actions`: the changes made again, what the undo kept put back. */
async function undoTheUndo(
  state: EngineState,
  run: FoldedRun,
  actions: FoldedAction[],
): Promise<RunRecord> {
  const runId = run.record.id;
  await refuseUnsafeRestore(state, run, actions);
  const hook = state.hooks.afterJournalEntry;
  const journal = state.store.openJournal(runId, hook ? (entry) => hook(runId, entry) : undefined);
  const append = appender(journal);
  try {
    await append({
      type: 'redo-start',
      actionIds: actions.map((action) => action.actionId),
      at: state.now().toISOString(),
    });
    await redoActions(state, runId, append, actions);
    await append({ type: 'redo-end', at: state.now().toISOString() });
  } finally {
    journal.close();
  }
  return readRun(state, runId).record;
}
