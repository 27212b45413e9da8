/**
 * Recovery of an interrupted run, only when the user asks for it (`recover`, the wizard's "Put
 * it back"): never on start-up, never from a command that only reads. A run whose journal shows
 * changes started but no end is rolled back from its backups; an undo that started and did not
 * end is completed. The run must pass every check undo passes (`refuseUnsafeRestore`). Restores
 * are idempotent, so a recovery that fails half-way can be asked for again; until it succeeds
 * the run stays marked `recovery-failed` with what is still changed.
 */
import type { RunRecord } from '../../shared/repairs';
import { AppError } from '../../shared/errors';
import { executorFor } from './actions';
import { actionContext, type EngineState } from './engine-state';
import { appender, backupReader, errorEntry, readRun, type Append } from './run-helpers';
import type { FoldedAction } from './run-journal';
import { redoActions } from './run-redo';
import { refuseUnsafeRestore, restoreActions } from './undo';

async function rollBackInterrupted(
  state: EngineState,
  runId: string,
  append: Append,
  touched: FoldedAction[],
): Promise<boolean> {
  const context = actionContext(state);
  let clean = true;
  for (const action of [...touched].reverse()) {
    if (!action.undoable) continue;
    const executor = executorFor(action.internal);
    const reader = backupReader(
      state,
      runId,
      action.actionId,
      action.backupDigests,
      action.internal,
    );
    try {
      await executor.restore(context, action.internal, reader);
      if (!(await executor.verifyRestored(context, action.internal, reader))) {
        throw new AppError(
          'verification-failed',
          `"${action.description}" could not be put back as it was.`,
        );
      }
      await append({ type: 'rolled-back', actionId: action.actionId });
    } catch (error) {
      clean = false;
      await append({
        type: 'rollback-failed',
        actionId: action.actionId,
        error: errorEntry(error),
      });
    }
  }
  return clean;
}

export async function recoverRun(state: EngineState, runId: string): Promise<RunRecord> {
  const run = readRun(state, runId);
  if (run.ended && !run.openUndo) {
    throw new AppError(
      'invalid-request',
      `Repair "${runId}" was not interrupted; there is nothing to recover (undo puts back a finished repair).`,
      { runId },
    );
  }
  // What the open undo (or undo of an undo) did not finish, or what the run started changing.
  const unfinished = (action: FoldedAction) =>
    run.openUndo?.includes(action.actionId) === true &&
    (run.openRedo ? action.outcome === 'undone' : action.outcome !== 'undone');
  const touched = run.ended
    ? run.actions.filter(unfinished)
    : run.actions.filter((action) => action.applyStarted && !action.rolledBack);
  await refuseUnsafeRestore(state, run, touched);
  const hook = state.hooks.afterJournalEntry;
  const journal = state.store.openJournal(runId, hook ? (entry) => hook(runId, entry) : undefined);
  const append = appender(journal);
  try {
    if (!run.ended) {
      state.progress({ message: `Putting back what the interrupted repair ${runId} changed` });
      // Left open when something could not be put back: it stays `recovery-failed`.
      if (await rollBackInterrupted(state, runId, append, touched)) {
        await append({
          type: 'run-end',
          status: touched.length > 0 ? 'rolled-back' : 'failed',
          finishedAt: state.now().toISOString(),
          recovered: true,
        });
      }
    } else if (run.openRedo) {
      state.progress({ message: `Finishing the interrupted undo of the undo of ${runId}` });
      await redoActions(state, runId, append, touched);
      await append({ type: 'redo-end', at: state.now().toISOString(), recovered: true });
    } else {
      state.progress({ message: `Finishing the interrupted undo of ${runId}` });
      await restoreActions(state, runId, append, touched);
      await append({ type: 'undo-end', at: state.now().toISOString(), recovered: true });
    }
  } finally {
    journal.close();
  }
  return readRun(state, runId).record;
}
