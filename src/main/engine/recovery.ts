/**
 * Crash recovery, run once when the engine starts. A run whose journal shows changes started
 * but no end is rolled back from its backups (the user never saw it finish, so the PC goes back
 * to how it was); an undo that started and did not end is completed. Restores are idempotent,
 * so a crash during recovery is recovered the same way next time.
 */
import { actionContext, type EngineState } from './engine-state';
import { executorFor } from './actions';
import { HostError } from '../host/host-error';
import { appender, errorEntry, readRun } from './run-helpers';
import { restoreActions } from './undo';
import {
  mismatchExplanation,
  perUserSteps,
  profileMismatch,
  type ProfileMismatch,
} from './profile-guard';

async function recoverRun(
  state: EngineState,
  runId: string,
  mismatch: ProfileMismatch | undefined,
): Promise<void> {
  const run = readRun(state, runId);
  if (run.ended && !run.openUndo) return;
  if (mismatch && perUserSteps(run.start.steps).length > 0) {
    // Restoring now would write into the wrong profile; the next normal start recovers it.
    throw new HostError('wrong-profile', mismatchExplanation(mismatch));
  }
  const journal = state.store.openJournal(runId);
  const append = appender(journal);
  const context = actionContext(state);
  try {
    if (!run.ended) {
      state.progress({ message: `Rolling back the interrupted repair ${runId}` });
      let clean = true;
      const touched = run.actions.filter((action) => action.applyStarted && !action.rolledBack);
      for (const action of [...touched].reverse()) {
        if (!action.undoable) continue;
        const executor = executorFor(action.internal);
        const reader = state.store.backupReader(runId, action.actionId);
        try {
          await executor.restore(context, action.internal, reader);
          if (!(await executor.verifyRestored(context, action.internal, reader))) {
            throw new HostError(
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
      // Left open when something could not be restored, so the next start tries again.
      if (clean) {
        await append({
          type: 'run-end',
          status: touched.length > 0 ? 'rolled-back' : 'failed',
          finishedAt: state.now().toISOString(),
          recovered: true,
        });
      }
      return;
    }
    const pending = run.actions.filter(
      (action) => run.openUndo?.includes(action.actionId) && action.outcome !== 'undone',
    );
    state.progress({ message: `Finishing the interrupted undo of ${runId}` });
    await restoreActions(state, runId, append, pending);
    await append({ type: 'undo-end', at: state.now().toISOString(), recovered: true });
  } finally {
    journal.close();
  }
}

/** Recovers every unfinished run; problems are reported through progress, never thrown. */
export async function recoverInterruptedRuns(state: EngineState): Promise<string[]> {
  const problems: string[] = [];
  const mismatch = profileMismatch(await state.host.identity.current());
  for (const runId of state.store.runIds()) {
    try {
      await recoverRun(state, runId, mismatch);
    } catch (error) {
      const message = `Could not recover repair ${runId}: ${errorEntry(error).message}`;
      problems.push(message);
      state.progress({ message });
    }
  }
  return problems;
}
