/**
 * The backup stage of an apply: every action is backed up and its backup sealed in the journal
 * before anything changes. A backup that fails ends the run there: nothing was changed.
 */
import { AppError } from '../../shared/errors';
import { executorFor } from './actions';
import type { ApplyingRun } from './run-applying';
import { errorEntry } from './run-helpers';
import type { JournalAction } from './run-journal';

export async function backUpAll(run: ApplyingRun, actions: JournalAction[]): Promise<void> {
  const { state, runId } = run;
  for (const [index, action] of actions.entries()) {
    state.progress({
      message: `Backing up: ${action.description}`,
      done: index,
      total: actions.length,
    });
    try {
      await executorFor(action.internal).backup(
        run.context,
        action.internal,
        state.store.backupWriter(runId, action.id),
      );
    } catch (error) {
      const entry = errorEntry(error);
      await run.append({ type: 'backup-failed', actionId: action.id, error: entry });
      await run.append({
        type: 'run-end',
        status: 'failed',
        finishedAt: state.now().toISOString(),
      });
      throw new AppError(
        'backup-failed',
        `Nothing was changed: the backup failed. ${entry.message}`,
        {
          runId,
          actionId: action.id,
        },
      );
    }
    await run.sealBackup(action.id);
  }
}
