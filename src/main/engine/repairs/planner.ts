/**
 * A planner works out, without changing anything, what one repair step would change for one
 * address. It returns plain-words descriptions for the user and the internal target the engine
 * keeps for apply. Planners are registered by step id in `table.ts`.
 */
import type { ActionTarget } from '../../../shared/repairs';
import type { HostSystem } from '../../host/ports';
import type { InternalTarget } from '../actions/internal-target';
import type { Inventory } from '../inventory';

export interface PlannerContext {
  host: HostSystem;
  /** Read once per plan, shared by every step. */
  inventory: Inventory;
  /** The SIP address the plan is for; set whenever the planner says it needs one. */
  address?: string;
  now: Date;
}

export interface DraftAction {
  description: string;
  target: ActionTarget;
  internal: InternalTarget;
}

export interface DraftStep {
  actions: DraftAction[];
  /** Said when there is nothing to do. */
  note?: string;
  warnings?: string[];
}

export interface StepPlanner {
  /** Whether the step acts for one SIP address (most do; DNS and MachineGuid do not). */
  needsAddress: boolean;
  plan(context: PlannerContext): Promise<DraftStep>;
}

export function describeSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
