/** Small pieces apply, undo and recovery share. */
import * as z from 'zod';
import type { ErrorData } from '../../shared/errors';
import type { RepairPlan } from '../../shared/repairs';
import { HostError } from '../host/host-error';
import type { JournalWriter } from '../journal/journal';
import type { EngineState, StoredPlan } from './engine-state';
import {
  foldJournal,
  journalActionSchema,
  parseJournal,
  type FoldedRun,
  type JournalEntry,
} from './run-journal';

const storedPlanSchema = z.object({
  plan: z
    .object({
      id: z.string(),
      address: z.string().optional(),
      steps: z.array(z.object({ stepId: z.string() }).passthrough()),
    })
    .passthrough(),
  actions: z.array(journalActionSchema),
});

export function loadPlan(state: EngineState, planId: string): StoredPlan {
  const cached = state.plans.get(planId);
  if (cached) return cached;
  const raw = state.store.loadPlan(planId);
  if (raw === undefined) {
    throw new HostError(
      'unknown-plan',
      `There is no plan "${planId}". Make a new plan and apply that.`,
      { planId },
    );
  }
  const parsed = storedPlanSchema.safeParse(raw);
  if (!parsed.success)
    throw new HostError('corrupt-data', `The saved plan "${planId}" is damaged.`, { planId });
  const stored = { plan: parsed.data.plan as unknown as RepairPlan, actions: parsed.data.actions };
  state.plans.set(planId, stored);
  return stored;
}

/** An error as it goes into the journal and the run record: code and message, nothing else. */
export function errorEntry(error: unknown): { code: string; message: string } {
  if (error instanceof HostError) {
    const where = [error.details.path, error.details.process].filter(
      (part) => typeof part === 'string' && !error.message.includes(part),
    );
    return {
      code: error.code,
      message: where.length > 0 ? `${error.message} (${where.join(', ')})` : error.message,
    };
  }
  const data = error as Partial<ErrorData> | undefined;
  if (data && typeof data.code === 'string' && typeof data.message === 'string') {
    return { code: data.code, message: data.message };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function readRun(state: EngineState, runId: string): FoldedRun {
  if (!state.store.hasRun(runId)) {
    throw new HostError('unknown-run', `There is no repair "${runId}".`, { runId });
  }
  const entries = parseJournal(state.store.readJournal(runId), `run ${runId}`);
  const folded = foldJournal(entries);
  if (!folded)
    throw new HostError('corrupt-data', `The journal of repair "${runId}" has no start.`, {
      runId,
    });
  return folded;
}

export type Append = (entry: JournalEntry) => Promise<void>;

export function appender(journal: JournalWriter): Append {
  return (entry) => journal.append(entry);
}
