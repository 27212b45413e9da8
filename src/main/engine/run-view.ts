/**
 * How a run is shown in lists, reports and the wizard: as its journal tells it, plus what needs
 * the user's attention (interrupted, recovery failed, damaged, refused). Reading never changes
 * the PC; a run folder whose journal cannot be trusted is still listed with what can be read.
 */
import {
  REPAIR_STEP_IDS,
  type RepairStepId,
  type RunAttention,
  type RunRecord,
} from '../../shared/repairs';
import { AppError } from '../../shared/errors';
import type { EngineState } from './engine-state';
import { readRun } from './run-helpers';
import type { FoldedAction, FoldedRun } from './run-journal';
import type { ScopeProfile } from './scope/allowed-targets';
import { scopeProblems } from './scope';

/** `r20261202011053123-abcdef` → the ISO time it encodes, or the epoch when it encodes none. */
function timeFromRunId(runId: string): string {
  const match = /^r(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})/.exec(runId);
  if (!match) return new Date(0).toISOString();
  const [, y, mo, d, h, mi, s, ms] = match;
  const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
  return new Date(Number.isNaN(time) ? 0 : time).toISOString();
}

function field<T>(value: unknown, name: string, guard: (v: unknown) => v is T): T | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[name];
  return guard(found) ? found : undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

/** A damaged run, from whatever lines still parse: never acted on, only shown. */
function damagedRecord(
  state: EngineState,
  runId: string,
  why: string,
  kind: 'damaged' | 'earlier-version',
): RunRecord {
  let readable: unknown[] = [];
  try {
    readable = state.store.readJournal(runId).readable;
  } catch {
    // Not even readable: the run folder and its id are all there is.
  }
  const start = readable.find((entry) => field(entry, 'type', isString) === 'run-start');
  const startedAt = field(start, 'startedAt', isString);
  const steps = (field(start, 'steps', isArray) ?? []).filter(
    (step): step is RepairStepId =>
      typeof step === 'string' && (REPAIR_STEP_IDS as string[]).includes(step),
  );
  return {
    id: runId,
    planId: '',
    startedAt:
      startedAt !== undefined && !Number.isNaN(Date.parse(startedAt))
        ? startedAt
        : timeFromRunId(runId),
    status: 'failed',
    steps,
    actions: [],
    // A damaged run is shown, never acted on.
    undoable: false,
    attention: { kind, message: why },
  };
}

/** An action the open undo (or undo of an undo) has not finished with. */
function unfinished(run: FoldedRun, action: FoldedAction): boolean {
  return (
    run.openUndo?.includes(action.actionId) === true &&
    (run.openRedo ? action.outcome === 'undone' : action.outcome !== 'undone')
  );
}

function stillChanged(run: FoldedRun): string[] {
  if (!run.ended) {
    return run.actions
      .filter((action) => action.applyStarted && !action.rolledBack && action.undoable)
      .map((action) => action.description);
  }
  return run.actions
    .filter((action) => unfinished(run, action))
    .map((action) => action.description);
}

function attentionOf(run: FoldedRun, problems: string[], busy: boolean): RunAttention | undefined {
  if (problems.length > 0) {
    return {
      kind: 'refused',
      message: `It names changes no repair step makes, so it is never acted on: ${problems.join('; ')}.`,
    };
  }
  // While another process holds the data folder, its unfinished run is in progress.
  if ((run.ended && !run.openUndo) || busy) return undefined;
  const changed = stillChanged(run);
  const failed =
    run.actions.some((action) => action.rollbackFailed) ||
    run.actions.some((action) => unfinished(run, action) && action.error !== undefined);
  const what = !run.ended
    ? 'It was interrupted before it finished'
    : run.openRedo
      ? 'The undo of its undo was interrupted'
      : 'Its undo was interrupted';
  return {
    kind: failed ? 'recovery-failed' : 'interrupted',
    message: failed
      ? `${what}, and putting it back failed; it can be tried again.`
      : `${what}; what it changed can be put back from its backups.`,
    ...(changed.length > 0 ? { stillChanged: changed } : {}),
  };
}

/** One run for lists and reports; damaged and refused runs included, never thrown. */
export function viewRun(
  state: EngineState,
  runId: string,
  profile: ScopeProfile,
  busy = false,
): RunRecord {
  let run: FoldedRun;
  try {
    run = readRun(state, runId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'corrupt-data') {
      const kind = error.details.earlierVersion === true ? 'earlier-version' : 'damaged';
      return damagedRecord(state, runId, error.message, kind);
    }
    throw error;
  }
  const attention = attentionOf(run, scopeProblems(run.actions, profile), busy);
  return { ...run.record, ...(attention ? { attention } : {}) };
}
