/**
 * Undoing an undo. An undo that found newer data where it put the old back (a later sign-in's
 * credential, per-address key or cache) kept a sealed copy of it with the run (undo.ts). Undoing
 * that undo makes each of the run's changes again, the way the repair made it (what the undo
 * restored goes back into the run's own backup, so the run can be undone once more), then puts
 * back what the undo kept. It passes every check undo passes (`refuseUnsafeRestore`), reads
 * only sealed backups, and leaves alone a change that was changed again since the undo.
 *
 * Journal: `redo-start`, per change `redo-applied` once it is made again and `redone` once what
 * was kept is back, then `redo-end`. Each part is repeatable, so `recover` finishes one that
 * was interrupted.
 */
import { changedSinceUndoMessage } from '../../shared/wording';
import { AppError } from '../../shared/errors';
import { executorFor } from './actions';
import { actionContext, type EngineState } from './engine-state';
import { backupReader, errorEntry, type Append } from './run-helpers';
import { keptByUndo, type FoldedAction } from './run-journal';

/** Makes the change again; what the undo restored goes into the run's backup first. */
async function makeAgain(
  state: EngineState,
  runId: string,
  append: Append,
  action: FoldedAction,
): Promise<void> {
  const context = actionContext(state);
  const executor = executorFor(action.internal);
  // Already made (an interrupted undo of the undo, resumed): nothing to do again.
  if (await executor.verifyApplied(context, action.internal)) return;
  const restored = backupReader(
    state,
    runId,
    action.actionId,
    action.backupDigests,
    action.internal,
  );
  // Only what the backup holds may be removed: anything else was written since the undo.
  if (!(await executor.verifyRestored(context, action.internal, restored))) {
    throw new AppError('stale-plan', changedSinceUndoMessage(action.description));
  }
  await executor.apply(
    context,
    action.internal,
    state.store.backupWriter(runId, action.actionId),
    async () => {
      const digests = state.store.digestBackup(runId, action.actionId);
      await append({ type: 'backed-up', actionId: action.actionId, digests });
    },
  );
  if (!(await executor.verifyApplied(context, action.internal))) {
    throw new AppError(
      'verification-failed',
      `After making "${action.description}" again, the change is not in effect.`,
    );
  }
}

async function redoOne(
  state: EngineState,
  runId: string,
  append: Append,
  action: FoldedAction,
): Promise<void> {
  const kept = keptByUndo(action);
  const keptReader =
    kept && backupReader(state, runId, kept.backupId, kept.digests, action.internal);
  // What was kept must be whole and sealed before the change is made again on its strength.
  keptReader?.verifyAll();
  if (!action.remade) {
    await makeAgain(state, runId, append, action);
    await append({ type: 'redo-applied', actionId: action.actionId });
  }
  if (keptReader) {
    const context = actionContext(state);
    const executor = executorFor(action.internal);
    const reader = keptReader;
    await executor.restore(context, action.internal, reader);
    if (!(await executor.verifyRestored(context, action.internal, reader))) {
      throw new AppError(
        'verification-failed',
        `After undoing the undo of "${action.description}", what the undo kept is not back as it was.`,
      );
    }
  }
  await append({
    type: 'redone',
    actionId: action.actionId,
    ...(kept ? { backupId: kept.backupId } : {}),
  });
}

/** Undoes the undo of `actions`, in the order the repair made them, journalling each. */
export async function redoActions(
  state: EngineState,
  runId: string,
  append: Append,
  actions: FoldedAction[],
): Promise<void> {
  for (const [index, action] of actions.entries()) {
    state.progress({
      message: `Undoing the undo: ${action.description}`,
      done: index,
      total: actions.length,
    });
    try {
      await redoOne(state, runId, append, action);
    } catch (error) {
      await append({ type: 'redo-failed', actionId: action.actionId, error: errorEntry(error) });
    }
  }
}
