/** `undo()`: restore a run, or one step of it, exactly from its backups. */
import type { RepairStepId, RunRecord } from '../../shared/repairs';
import { REPAIR_STEP_IDS, REPAIR_STEPS } from '../../shared/repairs';
import { HostError } from '../host/host-error';
import { executorFor } from './actions';
import { refuseWhileClientRuns, refuseWithoutAdmin } from './client-control';
import { refuseWrongProfile } from './profile-guard';
import { actionContext, type EngineState } from './engine-state';
import { expandSteps } from './repairs/table';
import { appender, errorEntry, readRun, type Append } from './run-helpers';
import type { FoldedAction } from './run-journal';

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
      await executor.restore(
        context,
        action.internal,
        state.store.backupReader(runId, action.actionId),
      );
      if (
        !(await executor.verifyRestored(
          context,
          action.internal,
          state.store.backupReader(runId, action.actionId),
        ))
      ) {
        throw new HostError(
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
    throw new HostError(
      'invalid-request',
      `Repair "${runId}" did not finish; it is recovered when the engine starts.`,
    );
  }
  if (run.record.backupsPurgedAt !== undefined) {
    throw new HostError(
      'invalid-request',
      `Repair "${runId}" can no longer be undone: its backups were deleted on ${run.record.backupsPurgedAt}. Nothing was changed.`,
      { runId },
    );
  }
  if (stepId !== undefined && !(REPAIR_STEP_IDS as string[]).includes(stepId)) {
    throw new HostError('invalid-request', `Unknown repair step: ${stepId}.`);
  }
  const parts = stepId ? expandSteps([stepId]) : undefined;
  if (parts && !parts.some((part) => run.start.steps.includes(part))) {
    throw new HostError(
      'invalid-request',
      `Repair "${runId}" did not include "${REPAIR_STEPS[stepId as RepairStepId].title}".`,
    );
  }
  const inScope = run.actions.filter((action) => !parts || parts.includes(action.stepId));
  const candidates = inScope.filter((action) => action.undoable && action.outcome === 'applied');
  if (candidates.length === 0) {
    throw new HostError(
      'invalid-request',
      inScope.some((action) => action.outcome === 'undone')
        ? `Repair "${runId}"${stepId ? ` (${stepId})` : ''} was already undone.`
        : `Repair "${runId}"${stepId ? ` (${stepId})` : ''} changed nothing that can be undone.`,
      { runId },
    );
  }
  const steps = new Set(candidates.map((action) => action.stepId));
  await refuseWrongProfile(state.host, steps);
  await refuseWhileClientRuns(state.host, steps);
  await refuseWithoutAdmin(state.host, steps, state.changeHost !== undefined);
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
