/**
 * The engine's public surface, used by the CLI, the IPC handlers and the tests. The engine is
 * written only against the host ports (src/main/host/ports.ts) plus its own data folder for
 * the journal and backups.
 */
import type { ClientKind, DiagnosisReport } from '../../shared/findings';
import type {
  BackupInfo,
  CloseClientResult,
  PurgeResult,
  RepairPlan,
  RepairStepId,
  RunRecord,
  RunSummary,
  StartClientResult,
} from '../../shared/repairs';
import type { HostSystem } from '../host/ports';
import type { KeyProvider } from '../journal/integrity';

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
  /**
   * Elevation seam (src/main/elevation): when this process is not elevated, the administrator
   * steps are carried out through it instead of being refused with `needs-admin`.
   */
  elevation?: AdminElevation;
  /**
   * Where the integrity key for the data folder comes from; by default the host keeps it
   * (src/main/engine/integrity-key.ts). Tests give their own to play another account.
   */
  keys?: KeyProvider;
  /**
   * Take over the data folder's lock even when it names a process on another computer (a data
   * folder on a network share, or a profile copied from another PC). Only when the user says
   * that copy is no longer running: `--break-lock`.
   */
  breakLock?: boolean;
}

/** Carries out administrator-only changes for a process that is not elevated. */
export interface AdminElevation {
  /** The host to change the PC through: its administrator-only writes go to the elevated helper. */
  hostForAdminChanges(host: HostSystem): HostSystem;
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

export interface StartClientRequest {
  /** Which installed client; the primary one (as the diagnosis reports it) when absent. Never a path. */
  kind?: ClientKind;
}

/** Runs must match every criterion given; at least one is required. */
export interface PurgeRequest {
  /** Runs that finished more than this many days ago. */
  olderThanDays?: number;
  runIds?: string[];
}

export interface Engine {
  diagnose(): Promise<DiagnosisReport>;
  plan(request: PlanRequest): Promise<RepairPlan>;
  /**
   * Refuses with `client-running` when the plan needs the client closed and it runs, with
   * `wrong-profile` for per-user steps when started as another user than the signed-in one,
   * and with `file-locked` while another process applies or undoes on the same data folder.
   */
  apply(planId: string, options?: ApplyOptions): Promise<RunRecord>;
  /**
   * Restores what the run (or one step of it) changed, first copying any newer data it would
   * overwrite into the run. On a run whose undo kept such data (`undoUndoable`), undoes that
   * undo: the changes are made again and the kept data is put back.
   */
  undo(runId: string, stepId?: RepairStepId): Promise<RunRecord>;
  /**
   * Puts back what an interrupted run changed (or finishes its interrupted undo), under the
   * same checks as undo. Nothing is ever recovered without this call. A recovery that fails
   * leaves the run marked `recovery-failed`, naming what is still changed.
   */
  recover(runId: string): Promise<RunRecord>;
  /** One run as its journal tells it, every action with its outcome; unknown → `unknown-run`. */
  getRun(runId: string): Promise<RunRecord>;
  /**
   * Runs whose backups were purged carry `backupsPurgedAt` and cannot be undone. Interrupted,
   * damaged and refused runs are listed too, with `attention`. Never changes the PC.
   */
  listRuns(): Promise<RunSummary[]>;
  listBackups(): Promise<BackupInfo[]>;
  /** Journals the purge before deleting, so undo of a purged run is refused, never half done. */
  purgeBackups(request: PurgeRequest): Promise<PurgeResult>;
  lastRunId(): Promise<string | undefined>;
  runningClients(): Promise<Array<{ pid: number; name: string }>>;
  /** Gracefully first; `force` ends what did not close in time. */
  closeClient(options: { force: boolean; timeoutMs?: number }): Promise<CloseClientResult>;
  /**
   * Starts the detected client's own executable for the current user (after a repair closed
   * it). Refuses, with a reason, when none is installed, one already runs, the process runs as
   * another account than the signed-in one, or runs elevated (the client would be too).
   */
  startClient(request?: StartClientRequest): Promise<StartClientResult>;
  /**
   * Close → change → start again, as the KB's steps end ("restart Lync, and then try to sign
   * in"): closes the user's client first when `close` is given and it runs (refusing with
   * `client-running`, nothing changed, when it does not close), runs `change` (an apply, undo
   * or recovery of this engine), then starts again what it closed, even when the change failed.
   */
  aroundClient<T>(options: AroundClientOptions, change: () => Promise<T>): Promise<AroundClient<T>>;
}

export interface AroundClientOptions {
  /** Close the client first if it runs; without it, a running client makes the change refuse. */
  close?: { force: boolean; timeoutMs?: number };
  /** Start again what was closed (default true). */
  restart?: boolean;
}

/** What happened around the change; `restart` is set only when the client was closed for it. */
export type AroundClient<T> = {
  /** The processes closed for the change. */
  closed: string[];
  restart?: StartClientResult;
} & ({ ok: true; value: T } | { ok: false; error: unknown });

export type { BackupInfo, CloseClientResult, PurgeResult, StartClientResult };
