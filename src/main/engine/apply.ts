/**
 * `apply()`: re-validate the plan against the machine, back up every selected action, then
 * apply step by step, verifying each change. A step that fails half-way is rolled back from
 * its backups; every point is journalled (append + fsync) before the engine moves on.
 *
 * The stages, each in its own module:
 *   check and refuse   here: the plan, scope, profile, client, administrator, the PC now
 *   back up            run-backup.ts: every backup written and sealed before any change
 *   apply and verify   run-steps.ts: step by step, a failed step rolled back (run-rollback.ts)
 *   close the journal  here: `run-end` with the status; a journal that fails on the way stops
 *                      the run and puts back what it changed (run-rollback.ts `stopHalfWay`)
 */
import type { RepairStepId, RunRecord } from '../../shared/repairs';
import { AppError } from '../../shared/errors';
import { actionContext, type EngineState } from './engine-state';
import { executorFor } from './actions';
import { refuseWhileClientRuns, refuseWithoutAdmin } from './client-control';
import { refuseWrongProfile } from './profile-guard';
import { JournalFailure, openApplyingRun, type ApplyingRun } from './run-applying';
import { backUpAll } from './run-backup';
import { loadPlan, readRun } from './run-helpers';
import type { JournalAction } from './run-journal';
import { stopHalfWay } from './run-rollback';
import { applySteps } from './run-steps';
import { refuseOutOfScope } from './scope';
import type { ApplyOptions } from './types';

interface CheckedRequest {
  planId: string;
  address: string | undefined;
  selected: JournalAction[];
  steps: Set<RepairStepId>;
  /** Actions already in their end state since the plan was made: skipped, not applied. */
  gone: Set<string>;
}

function select(actions: JournalAction[], ids: string[] | undefined): JournalAction[] {
  if (ids === undefined) return actions;
  const known = new Set(actions.map((action) => action.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      'invalid-request',
      `These actions are not part of the plan: ${unknown.join(', ')}.`,
    );
  }
  const wanted = new Set(ids);
  return actions.filter((action) => wanted.has(action.id));
}

/** Re-validates against the machine before the journal says anything. */
async function alreadyGone(
  state: EngineState,
  planId: string,
  selected: JournalAction[],
): Promise<Set<string>> {
  const context = actionContext(state);
  const gone = new Set<string>();
  for (const action of selected) {
    const found = await executorFor(action.internal).check(context, action.internal);
    if (found === 'gone') gone.add(action.id);
    if (found === 'changed') {
      throw new AppError(
        'stale-plan',
        `The PC changed since the plan was made ("${action.description}" no longer matches). Make a new plan.`,
        { planId, actionId: action.id },
      );
    }
  }
  return gone;
}

/** The check-and-refuse stage: nothing is journalled or changed when any check fails. */
async function checkRequest(
  state: EngineState,
  planId: string,
  options: ApplyOptions,
): Promise<CheckedRequest> {
  const stored = loadPlan(state, planId);
  const selected = select(stored.actions, options.actionIds);
  if (selected.length === 0)
    throw new AppError('invalid-request', 'The plan has nothing to apply.');
  await refuseOutOfScope(state.host, `the plan "${planId}"`, selected);
  const steps = new Set<RepairStepId>(selected.map((action) => action.stepId));
  await refuseWrongProfile(state.host, steps);
  await refuseWhileClientRuns(state.host, steps);
  await refuseWithoutAdmin(state.host, steps, state.changeHost !== undefined);
  const gone = await alreadyGone(state, planId, selected);
  return { planId, address: stored.plan.address, selected, steps, gone };
}

/** `run-start`, then a `skipped` entry for each action already gone. */
async function journalStart(run: ApplyingRun, request: CheckedRequest): Promise<void> {
  await run.append({
    type: 'run-start',
    runId: run.runId,
    planId: request.planId,
    ...(request.address !== undefined ? { address: request.address } : {}),
    startedAt: run.state.now().toISOString(),
    steps: [...request.steps],
    actions: request.selected,
  });
  for (const id of request.gone) {
    await run.append({
      type: 'skipped',
      actionId: id,
      error: {
        code: 'stale-plan',
        message: 'Already gone since the plan was made; nothing to do.',
      },
    });
  }
}

export async function applyPlan(
  state: EngineState,
  planId: string,
  options: ApplyOptions = {},
): Promise<RunRecord> {
  const request = await checkRequest(state, planId, options);
  await state.sealingKey?.();
  const run = openApplyingRun(state);
  try {
    await journalStart(run, request);
    const live = request.selected.filter((action) => !request.gone.has(action.id));
    await backUpAll(run, live);
    const status = await applySteps(run, request.steps, live);
    await run.append({ type: 'run-end', status, finishedAt: state.now().toISOString() });
  } catch (error) {
    if (error instanceof JournalFailure) await stopHalfWay(run, error);
    throw error;
  } finally {
    run.close();
  }
  return readRun(state, run.runId).record;
}
