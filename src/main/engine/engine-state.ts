/** What every engine operation shares. */
import type { RepairPlan } from '../../shared/repairs';
import type { HostSystem } from '../host/ports';
import type { EngineStore } from '../journal/engine-store';
import type { KeyProvider } from '../journal/integrity';
import type { ActionContext } from './actions';
import type { JournalAction } from './run-journal';
import type { EngineProgress } from './types';

/** A plan as the engine keeps it: what the user read, plus the internal target of each action. */
export interface StoredPlan {
  plan: RepairPlan;
  actions: JournalAction[];
}

export interface EngineHooks {
  /**
   * Called after each journal entry is on disk. Tests make it never resolve to stop a run at
   * that exact point, as if the process had been killed there.
   */
  afterJournalEntry?: (runId: string, entry: object) => Promise<void>;
}

export interface EngineState {
  host: HostSystem;
  store: EngineStore;
  now: () => Date;
  progress: (progress: EngineProgress) => void;
  /** The plans this engine showed, by id; the only plans it applies (see loadPlan). */
  plans: Map<string, StoredPlan>;
  /** The integrity key for what the engine writes to and reads from its data folder. */
  keys: KeyProvider;
  /** Makes sure the real integrity key is loaded (created on first use) before journalling. */
  sealingKey?: () => Promise<void>;
  hooks: EngineHooks;
  /** Elevation seam: the host changes go through when EngineOptions.elevation is given. */
  changeHost?: HostSystem;
}

export function actionContext(state: EngineState): ActionContext {
  return { host: state.changeHost ?? state.host, progress: state.progress };
}
