/**
 * `apply()`: re-validate the plan against the machine, back up every selected action, then
 * apply step by step, verifying each change. A step that fails half-way is rolled back from
 * its backups; every point is journalled (append + fsync) before the engine moves on.
 *
 * When the journal itself cannot be written any more (the disk filled up half-way), the run
 * puts back what it changed without relying on the journal and says what, if anything, is
 * still changed: the error is the run's, never the data folder's alone.
 */
import type { RepairStepId, RunRecord, RunStatus } from '../../shared/repairs';
import { HostError } from '../host/host-error';
import { actionContext, type EngineState } from './engine-state';
import { executorFor } from './actions';
import { refuseWhileClientRuns, refuseWithoutAdmin } from './client-control';
import { refuseWrongProfile } from './profile-guard';
import { appender, backupReader, errorEntry, loadPlan, readRun, type Append } from './run-helpers';
import type { JournalAction } from './run-journal';
import { refuseOutOfScope } from './scope';
import type { ApplyOptions } from './types';

function select(actions: JournalAction[], ids: string[] | undefined): JournalAction[] {
  if (ids === undefined) return actions;
  const known = new Set(actions.map((action) => action.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new HostError(
      'invalid-request',
      `These actions are not part of the plan: ${unknown.join(', ')}.`,
    );
  }
  const wanted = new Set(ids);
  return actions.filter((action) => wanted.has(action.id));
}

/** The journal could not be written: the run goes on only to put back what it changed. */
class JournalFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(errorEntry(cause).message);
  }
}

type Digests = Map<string, Record<string, string>>;

async function rollBack(
  state: EngineState,
  runId: string,
  append: Append,
  actions: JournalAction[],
  digests: Digests,
): Promise<{ clean: boolean; stillChanged: string[] }> {
  const stillChanged: string[] = [];
  for (const action of actions) {
    if (!action.undoable) {
      // Nothing to put back (a DNS flush): the run cannot call itself rolled back.
      stillChanged.push(action.description);
      continue;
    }
    const executor = executorFor(action.internal);
    const reader = backupReader(state, runId, action.id, digests.get(action.id), action.internal);
    try {
      await executor.restore(actionContext(state), action.internal, reader);
      if (!(await executor.verifyRestored(actionContext(state), action.internal, reader))) {
        throw new HostError(
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
async function stopHalfWay(
  state: EngineState,
  runId: string,
  journalAppend: Append,
  started: JournalAction[],
  digests: Digests,
  failure: JournalFailure,
): Promise<never> {
  const bestEffort: Append = async (entry) => {
    try {
      await journalAppend(entry);
    } catch {
      // Still no room: the journal shows the run interrupted, and `recover` can finish it.
    }
  };
  const { stillChanged } = await rollBack(
    state,
    runId,
    bestEffort,
    [...started].reverse(),
    digests,
  );
  const cause = errorEntry(failure.cause);
  const outcome =
    started.length === 0
      ? 'Nothing was changed.'
      : stillChanged.length === 0
        ? `What it had changed was put back (${started.length} change${started.length === 1 ? '' : 's'}).`
        : `Still changed: ${stillChanged.join('; ')}. Put it back with "recover ${runId}" once there is room.`;
  throw new HostError(
    cause.code === 'disk-full' ? 'disk-full' : 'verification-failed',
    `Repair ${runId} stopped half-way: its journal could not be written (${cause.message}). ${outcome}`,
    { runId, stillChanged: stillChanged.length },
  );
}

export async function applyPlan(
  state: EngineState,
  planId: string,
  options: ApplyOptions = {},
): Promise<RunRecord> {
  const stored = loadPlan(state, planId);
  const selected = select(stored.actions, options.actionIds);
  if (selected.length === 0)
    throw new HostError('invalid-request', 'The plan has nothing to apply.');
  await refuseOutOfScope(state.host, `the plan "${planId}"`, selected);
  const steps = new Set<RepairStepId>(selected.map((action) => action.stepId));
  await refuseWrongProfile(state.host, steps);
  await refuseWhileClientRuns(state.host, steps);
  await refuseWithoutAdmin(state.host, steps, state.changeHost !== undefined);

  // Re-validate against the machine before the journal says anything.
  const context = actionContext(state);
  const gone = new Set<string>();
  for (const action of selected) {
    const found = await executorFor(action.internal).check(context, action.internal);
    if (found === 'gone') gone.add(action.id);
    if (found === 'changed') {
      throw new HostError(
        'stale-plan',
        `The PC changed since the plan was made ("${action.description}" no longer matches). Make a new plan.`,
        { planId, actionId: action.id },
      );
    }
  }

  await state.sealingKey?.();
  const runId = state.store.newRunId(state.now());
  const hook = state.hooks.afterJournalEntry;
  const journal = state.store.openJournal(runId, hook ? (entry) => hook(runId, entry) : undefined);
  const journalAppend = appender(journal);
  const append: Append = async (entry) => {
    try {
      await journalAppend(entry);
    } catch (error) {
      throw new JournalFailure(error);
    }
  };
  const digests: Digests = new Map();
  const started: JournalAction[] = [];
  try {
    await append({
      type: 'run-start',
      runId,
      planId,
      ...(stored.plan.address !== undefined ? { address: stored.plan.address } : {}),
      startedAt: state.now().toISOString(),
      steps: [...steps],
      actions: selected,
    });
    for (const id of gone) {
      await append({
        type: 'skipped',
        actionId: id,
        error: {
          code: 'stale-plan',
          message: 'Already gone since the plan was made; nothing to do.',
        },
      });
    }
    const live = selected.filter((action) => !gone.has(action.id));

    for (const [index, action] of live.entries()) {
      state.progress({
        message: `Backing up: ${action.description}`,
        done: index,
        total: live.length,
      });
      try {
        await executorFor(action.internal).backup(
          context,
          action.internal,
          state.store.backupWriter(runId, action.id),
        );
        digests.set(action.id, state.store.digestBackup(runId, action.id));
      } catch (error) {
        const entry = errorEntry(error);
        await append({ type: 'backup-failed', actionId: action.id, error: entry });
        await append({ type: 'run-end', status: 'failed', finishedAt: state.now().toISOString() });
        throw new HostError(
          'backup-failed',
          `Nothing was changed: the backup failed. ${entry.message}`,
          {
            runId,
            actionId: action.id,
          },
        );
      }
      await append({ type: 'backed-up', actionId: action.id, digests: digests.get(action.id) });
    }

    let applied = 0;
    let failed = 0;
    let unrecovered = 0;
    let done = 0;
    for (const stepId of steps) {
      const stepActions = live.filter((action) => action.stepId === stepId);
      const doneInStep: JournalAction[] = [];
      for (const [index, action] of stepActions.entries()) {
        state.progress({ message: action.description, done, total: live.length });
        done += 1;
        await append({ type: 'apply-start', actionId: action.id });
        started.push(action);
        const executor = executorFor(action.internal);
        try {
          await executor.apply(
            context,
            action.internal,
            state.store.backupWriter(runId, action.id),
          );
          if (!(await executor.verifyApplied(context, action.internal))) {
            throw new HostError(
              'verification-failed',
              `After "${action.description}", the change is not in effect.`,
            );
          }
          // A folder that could not be moved aside was packed during the apply: seal what the
          // backup holds now, so undo and recovery may read it.
          const sealed = state.store.digestBackup(runId, action.id);
          const changed = JSON.stringify(sealed) !== JSON.stringify(digests.get(action.id));
          if (changed) digests.set(action.id, sealed);
          await append({
            type: 'applied',
            actionId: action.id,
            verified: true,
            ...(changed ? { digests: sealed } : {}),
          });
          doneInStep.push(action);
        } catch (error) {
          if (error instanceof JournalFailure) throw error;
          failed += 1;
          await append({ type: 'apply-failed', actionId: action.id, error: errorEntry(error) });
          const undone = [action, ...doneInStep.reverse()];
          if (!(await rollBack(state, runId, append, undone, digests)).clean) unrecovered += 1;
          for (const rest of stepActions.slice(index + 1)) {
            await append({
              type: 'skipped',
              actionId: rest.id,
              error: {
                code: 'cancelled',
                message: 'Not applied: an earlier change in this step failed.',
              },
            });
          }
          doneInStep.length = 0;
          break;
        }
      }
      applied += doneInStep.length;
    }
    const status: RunStatus =
      failed === 0
        ? 'applied'
        : applied > 0
          ? 'partial'
          : unrecovered === 0
            ? 'rolled-back'
            : 'failed';
    await append({ type: 'run-end', status, finishedAt: state.now().toISOString() });
  } catch (error) {
    if (error instanceof JournalFailure) {
      await stopHalfWay(state, runId, journalAppend, started, digests, error);
    }
    throw error;
  } finally {
    journal.close();
  }
  return readRun(state, runId).record;
}
