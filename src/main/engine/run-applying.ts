/**
 * One apply in progress, as every stage of it sees it: the run's journal (whose failure stops
 * the run), what each action's backup holds as sealed in the journal, and the actions whose
 * change has started. `applyPlan` (apply.ts) opens it once the checks pass.
 */
import type { ActionContext } from './actions';
import { actionContext, type EngineState } from './engine-state';
import { appender, errorEntry, type Append } from './run-helpers';
import type { JournalAction } from './run-journal';

/** The journal could not be written: the run goes on only to put back what it changed. */
export class JournalFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(errorEntry(cause).message);
  }
}

export interface ApplyingRun {
  state: EngineState;
  runId: string;
  context: ActionContext;
  /** Appends and fsyncs; a failure is a `JournalFailure`. */
  append: Append;
  /** The journal itself, for the entries written after it already failed once. */
  journalAppend: Append;
  /** Per action: the SHA-256 of each backup file, as last sealed in the journal. */
  digests: Map<string, Record<string, string>>;
  /** Actions whose change started (`apply-start` is on disk), in order. */
  started: JournalAction[];
  /**
   * Seals what the action's backup holds now (a `backed-up` entry with its digests), so undo
   * and recovery may read it. Called once the backup is written, and again when the change
   * itself wrote to it (a folder packed because it could not be moved) before it deletes.
   */
  sealBackup(actionId: string): Promise<void>;
  close(): void;
}

export function openApplyingRun(state: EngineState): ApplyingRun {
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
  const digests = new Map<string, Record<string, string>>();
  return {
    state,
    runId,
    context: actionContext(state),
    append,
    journalAppend,
    digests,
    started: [],
    async sealBackup(actionId) {
      const sealed = state.store.digestBackup(runId, actionId);
      digests.set(actionId, sealed);
      await append({ type: 'backed-up', actionId, digests: sealed });
    },
    close: () => journal.close(),
  };
}
