/**
 * Putting back what an apply changed: a step that failed half-way is rolled back from its
 * backups, and when the journal itself cannot be written any more (the disk filled up) every
 * change of the run is put back without relying on it, and the error says what, if anything,
 * is still changed: the error is the run's, never the data folder's alone.
 */
import { AppError } from '../../shared/errors';
import { executorFor } from './actions';
import { JournalFailure, type ApplyingRun } from './run-applying';
import { backupReader, errorEntry, type Append } from './run-helpers';
import type { JournalAction } from './run-journal';

/** Restores `actions` in the order given, journalling each through `append`. */
export async function rollBack(
  run: ApplyingRun,
  actions: JournalAction[],
  append: Append = run.append,
): Promise<{ clean: boolean; stillChanged: string[] }> {
  const stillChanged: string[] = [];
  for (const action of actions) {
    if (!action.undoable) {
      // Nothing to put back (a DNS flush): the run cannot call itself rolled back.
      stillChanged.push(action.description);
      continue;
    }
    const executor = executorFor(action.internal);
    const reader = backupReader(
      run.state,
      run.runId,
      action.id,
      run.digests.get(action.id),
      action.internal,
    );
    try {
      await executor.restore(run.context, action.internal, reader);
      if (!(await executor.verifyRestored(run.context, action.internal, reader))) {
        throw new AppError(
          'verification-failed',
          `After rolling back, "${action.description}" is not as it was.`,
        );
      }
      await append({ type: 'rolled-back', actionId: action.id });
    } catch (error) {
      if (error instanceof JournalFailure) throw error;
      stillChanged.push(action.description);
      await append({ type: 'rollback-failed', actionId: action.id, error: errorEntry(error) });
    }
  }
  return { clean: stillChanged.length === 0, stillChanged };
}

/** After a journal failure: put back every change this run made, journalling what still fits. */
export async function stopHalfWay(run: ApplyingRun, failure: JournalFailure): Promise<never> {
  const bestEffort: Append = async (entry) => {
    try {
      await run.journalAppend(entry);
    } catch {
      // Still no room: the journal shows the run interrupted, and `recover` can finish it.
    }
  };
  const { started, runId } = run;
  const { stillChanged } = await rollBack(run, [...started].reverse(), bestEffort);
  const cause = errorEntry(failure.cause);
  const outcome =
    started.length === 0
      ? 'Nothing was changed.'
      : stillChanged.length === 0
        ? `What it had changed was put back (${started.length} change${started.length === 1 ? '' : 's'}).`
        : `Still changed: ${stillChanged.join('; ')}. Put it back with "recover ${runId}" once there is room.`;
  throw new AppError(
    cause.code === 'disk-full' ? 'disk-full' : 'verification-failed',
    `Repair ${runId} stopped half-way: its journal could not be written (${cause.message}). ${outcome}`,
    { runId, stillChanged: stillChanged.length },
  );
}
