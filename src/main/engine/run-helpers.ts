/** Small pieces apply, undo and recovery share. */
import { AppError, rawMessage, toErrorData } from '../../shared/errors';
import type { JournalWriter } from '../journal/journal';
import type { EngineState, StoredPlan } from './engine-state';
import { earlierVersionRunMessage } from '../../shared/wording';
import {
  foldJournal,
  hasEarlierForm,
  parseJournal,
  type FoldedRun,
  type JournalEntry,
} from './run-journal';
import type { InternalTarget } from './actions/internal-target';
import { backupCheckFor } from './scope';

/** A plan is applied only within this time of being shown, so the PC has not moved on. */
export const PLAN_LIFETIME_MS = 30 * 60 * 1000;

/**
 * The plan this engine showed the user. Plans are never read back from the data folder: one
 * made by another process (a command line `--dry-run`) or left there by anyone else is refused.
 */
export function loadPlan(state: EngineState, planId: string): StoredPlan {
  const shown = state.plans.get(planId);
  if (!shown) {
    throw new AppError(
      'unknown-plan',
      `The plan "${planId}" was not shown by this session (a plan made by another process, such as a command line --dry-run, cannot be applied here). Make a new plan and apply that.`,
      { planId },
    );
  }
  const age = state.now().getTime() - Date.parse(shown.plan.createdAt);
  if (!(age >= 0 && age <= PLAN_LIFETIME_MS)) {
    state.plans.delete(planId);
    throw new AppError(
      'stale-plan',
      `The plan "${planId}" is more than ${PLAN_LIFETIME_MS / 60_000} minutes old; the PC may have changed since. Make a new plan and apply that.`,
      { planId },
    );
  }
  return shown;
}

/**
 * An error as it goes into the journal and the run record: code and message, nothing else,
 * through the one mapper. Where it happened (a path, a process) is added when the message does
 * not say it; a bug keeps its own words here, since the record is what the helpdesk reads.
 */
export function errorEntry(error: unknown): { code: string; message: string } {
  const data = toErrorData(error);
  if (data.code === 'internal') return { code: 'internal', message: rawMessage(error) };
  const where = [data.details?.path, data.details?.process].filter(
    (part): part is string => typeof part === 'string' && !data.message.includes(part),
  );
  return {
    code: data.code,
    message: where.length > 0 ? `${data.message} (${where.join(', ')})` : data.message,
  };
}

/** A run as its journal tells it, or `corrupt-data` when the journal fails its checks. */
export function readRun(state: EngineState, runId: string): FoldedRun {
  if (!state.store.hasRun(runId)) {
    throw new AppError('unknown-run', `There is no repair "${runId}".`, { runId });
  }
  const reading = state.store.readJournal(runId);
  const damaged = (why: string) =>
    new AppError(
      'corrupt-data',
      `The journal of repair "${runId}" ${why}: it is shown as far as it can be read and never acted on.`,
      { runId },
    );
  if (reading.damage && reading.unsealed && hasEarlierForm(reading.readable)) {
    throw new AppError('corrupt-data', earlierVersionRunMessage(runId), {
      runId,
      earlierVersion: true,
    });
  }
  if (reading.damage) {
    throw damaged(
      `fails its integrity check at line ${reading.damage.line} (${reading.damage.reason})`,
    );
  }
  const entries = parseJournal(reading.entries);
  if (!Array.isArray(entries)) throw damaged(`holds no journal entry at line ${entries.badEntry}`);
  const folded = foldJournal(entries);
  if (!folded) throw damaged('has no start');
  if (folded.start.runId !== runId) throw damaged(`names another run (${folded.start.runId})`);
  return folded;
}

/**
 * The reader for one backup of a run: only files the journal recorded, documents checked for
 * what a backup of `target` can hold.
 */
export function backupReader(
  state: EngineState,
  runId: string,
  backupId: string,
  digests: Record<string, string> | undefined,
  target: InternalTarget,
) {
  return state.store.backupReader(runId, backupId, digests, backupCheckFor(target));
}

export type Append = (entry: JournalEntry) => Promise<void>;

export function appender(journal: JournalWriter): Append {
  return (entry) => journal.append(entry);
}
