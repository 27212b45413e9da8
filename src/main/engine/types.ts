/**
 * The engine's public surface, used by the CLI, the IPC handlers and the tests. The engine is
 * written only against the host ports (src/main/host/ports.ts) plus its own data folder for
 * the journal and backups.
 */
import type { DiagnosisReport, Finding } from '../../shared/findings';
import type { RepairPlan, RepairStepId, RunRecord, RunSummary } from '../../shared/repairs';
import type { HostSystem } from '../host/ports';

export interface EngineProgress {
  message: string;
  done?: number;
  total?: number;
}

export interface EngineOptions {
  host: HostSystem;
  /** Where the journal and backups live (not the user's profile). */
  dataDir: string;
  now?: () => Date;
  onProgress?: (progress: EngineProgress) => void;
}

export interface PlanRequest {
  steps: RepairStepId[];
  /** Defaults to the address the client last signed in with. */
  address?: string;
}

export interface ApplyOptions {
  /** A subset of the plan's action ids; all when absent. */
  actionIds?: string[];
}

export interface CloseClientResult {
  closed: boolean;
  stillRunning: string[];
}

export interface Engine {
  diagnose(): Promise<DiagnosisReport>;
  plan(request: PlanRequest): Promise<RepairPlan>;
  /** Refuses with `client-running` when the plan needs the client closed and it runs. */
  apply(planId: string, options?: ApplyOptions): Promise<RunRecord>;
  undo(runId: string, stepId?: RepairStepId): Promise<RunRecord>;
  listRuns(): Promise<RunSummary[]>;
  lastRunId(): Promise<string | undefined>;
  runningClients(): Promise<Array<{ pid: number; name: string }>>;
  /** Gracefully first; `force` ends what did not close in time. */
  closeClient(options: { force: boolean; timeoutMs?: number }): Promise<CloseClientResult>;
}

export type { Finding };
