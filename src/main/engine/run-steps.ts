/**
 * The change stage of an apply: step by step, each action applied and verified, `apply-start`
 * on disk before it and `applied` after. An action that fails rolls its step back (itself and
 * what the step already changed) and skips the rest of the step; other steps go on.
 */
import type { RepairStepId, RunStatus } from '../../shared/repairs';
import { AppError } from '../../shared/errors';
import { executorFor } from './actions';
import { JournalFailure, type ApplyingRun } from './run-applying';
import { errorEntry } from './run-helpers';
import type { JournalAction } from './run-journal';
import { rollBack } from './run-rollback';

class StepFailed extends Error {}

/** Makes one change and checks it is in effect; throws when it is not. */
async function applyOne(run: ApplyingRun, action: JournalAction): Promise<void> {
  await run.append({ type: 'apply-start', actionId: action.id });
  run.started.push(action);
  const executor = executorFor(action.internal);
  await executor.apply(
    run.context,
    action.internal,
    run.state.store.backupWriter(run.runId, action.id),
    () => run.sealBackup(action.id),
  );
  if (!(await executor.verifyApplied(run.context, action.internal))) {
    throw new AppError(
      'verification-failed',
      `After "${action.description}", the change is not in effect.`,
    );
  }
  // Whatever the change wrote to the backup without sealing it is sealed with `applied`.
  const sealed = run.state.store.digestBackup(run.runId, action.id);
  const changed = JSON.stringify(sealed) !== JSON.stringify(run.digests.get(action.id));
  if (changed) run.digests.set(action.id, sealed);
  await run.append({
    type: 'applied',
    actionId: action.id,
    verified: true,
    ...(changed ? { digests: sealed } : {}),
  });
}

/**
 * The step's actions in order, returning those applied. When one fails the step is rolled
 * back, the rest of it skipped, and `StepFailed` thrown.
 */
async function applyStep(
  run: ApplyingRun,
  actions: JournalAction[],
  counts: { done: number; total: number; unrecovered: number },
): Promise<JournalAction[]> {
  const doneInStep: JournalAction[] = [];
  for (const [index, action] of actions.entries()) {
    run.state.progress({ message: action.description, done: counts.done, total: counts.total });
    counts.done += 1;
    try {
      await applyOne(run, action);
      doneInStep.push(action);
    } catch (error) {
      if (error instanceof JournalFailure) throw error;
      await run.append({ type: 'apply-failed', actionId: action.id, error: errorEntry(error) });
      if (!(await rollBack(run, [action, ...doneInStep.reverse()])).clean) counts.unrecovered += 1;
      for (const rest of actions.slice(index + 1)) {
        await run.append({
          type: 'skipped',
          actionId: rest.id,
          error: {
            code: 'cancelled',
            message: 'Not applied: an earlier change in this step failed.',
          },
        });
      }
      throw new StepFailed();
    }
  }
  return doneInStep;
}

/** Applies every step; the run's status from how many changes held. */
export async function applySteps(
  run: ApplyingRun,
  steps: Iterable<RepairStepId>,
  live: JournalAction[],
): Promise<RunStatus> {
  const counts = { done: 0, total: live.length, unrecovered: 0 };
  let applied = 0;
  let failed = 0;
  for (const stepId of steps) {
    const stepActions = live.filter((action) => action.stepId === stepId);
    try {
      applied += (await applyStep(run, stepActions, counts)).length;
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      failed += 1;
    }
  }
  if (failed === 0) return 'applied';
  if (applied > 0) return 'partial';
  return counts.unrecovered === 0 ? 'rolled-back' : 'failed';
}
