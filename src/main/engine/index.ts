/**
 * The repair engine: diagnosis, plans, apply with backups and verification, the journal, undo
 * and crash recovery, written only against the host ports.
 */
import { HostError } from '../host/host-error';
import { acquireDataLock, type HeldLock } from '../journal/data-lock';
import { EngineStore, isSafeId } from '../journal/engine-store';
import { listBackups, purgeBackups } from './backups';
import { applyPlan } from './apply';
import { closeClients, ownClientProcesses, startClient } from './client-control';
import { buildDiagnosis } from './diagnosis';
import type { EngineHooks, EngineState } from './engine-state';
import { readInventory } from './inventory';
import { makePlan } from './planning';
import { profileFinding, profileMismatch } from './profile-guard';
import { recoverInterruptedRuns } from './recovery';
import { readRun } from './run-helpers';
import { undoRun } from './undo';
import type { Engine, EngineOptions } from './types';

/** `createEngine` with test seams (see EngineHooks); the product calls `createEngine`. */
export function createEngineWithHooks(options: EngineOptions, hooks: EngineHooks): Engine {
  if (!options.host || typeof options.dataDir !== 'string' || options.dataDir === '') {
    throw new HostError('invalid-request', 'The engine needs a host and a data folder.');
  }
  const state: EngineState = {
    host: options.host,
    store: new EngineStore(options.dataDir),
    now: options.now ?? (() => new Date()),
    progress: options.onProgress ?? (() => undefined),
    plans: new Map(),
    hooks,
    // Elevation seam: admin-only writes go through the elevated helper (src/main/elevation).
    ...(options.elevation
      ? { changeHost: options.elevation.hostForAdminChanges(options.host) }
      : {}),
  };
  // Changes go one at a time, so two clicks never interleave two runs' journals and backups.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  // Only the holder of the data folder's lock may recover: a run another process is applying
  // right now looks just like an interrupted one.
  let recovered = false;
  const recoverIfFree = async () => {
    if (recovered) return;
    let lock: HeldLock;
    try {
      lock = acquireDataLock(options.dataDir);
    } catch {
      return; // Busy or unwritable: reading goes on, the next writer recovers.
    }
    try {
      await recoverInterruptedRuns(state);
      recovered = true;
    } finally {
      lock.release();
    }
  };
  const reading = <T>(work: () => Promise<T>) =>
    serial(async () => {
      await recoverIfFree();
      return work();
    });
  const writing = <T>(work: () => Promise<T>) =>
    serial(async () => {
      const lock = acquireDataLock(options.dataDir);
      try {
        await recoverInterruptedRuns(state);
        recovered = true;
        return await work();
      } finally {
        lock.release();
      }
    });

  return {
    async diagnose() {
      const report = buildDiagnosis(state.host, await readInventory(state.host), state.now());
      const mismatch = profileMismatch(await state.host.identity.current());
      if (!mismatch) return report;
      const lync2010 = report.clients.some((client) => client.kind === 'lync2010');
      // First, so the wizard and the command line show it before anything else.
      return { ...report, findings: [profileFinding(mismatch, lync2010), ...report.findings] };
    },
    plan: (request) => reading(() => makePlan(state, request)),
    apply: (planId, applyOptions) => writing(() => applyPlan(state, planId, applyOptions)),
    undo: (runId, stepId) => writing(() => undoRun(state, runId, stepId)),
    getRun: (runId) =>
      reading(async () => {
        if (typeof runId !== 'string' || !isSafeId(runId)) {
          throw new HostError('unknown-run', `There is no repair "${String(runId)}".`, {
            runId: typeof runId === 'string' ? runId : null,
          });
        }
        return readRun(state, runId).record;
      }),
    listBackups: () => reading(() => listBackups(state)),
    purgeBackups: (request) => writing(() => purgeBackups(state, request)),
    listRuns: () =>
      reading(async () =>
        state.store
          .runIds()
          .flatMap((runId) => {
            try {
              const { record } = readRun(state, runId);
              const { actions, planId: _planId, ...summary } = record;
              return [{ ...summary, actionCount: actions.length }];
            } catch {
              return [];
            }
          })
          .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0)),
      ),
    lastRunId: () =>
      reading(async () => {
        const ids = state.store.runIds();
        return ids.at(-1);
      }),
    async runningClients() {
      return (await ownClientProcesses(state.host)).map((process) => ({
        pid: process.pid,
        name: process.name,
      }));
    },
    closeClient: (closeOptions) => serial(() => closeClients(state.host, closeOptions)),
    startClient: (request) => serial(() => startClient(state.host, request ?? {})),
  };
}

export function createEngine(options: EngineOptions): Engine {
  return createEngineWithHooks(options, {});
}

export type {
  Engine,
  EngineOptions,
  EngineProgress,
  PlanRequest,
  ApplyOptions,
  CloseClientResult,
  StartClientRefusal,
  StartClientRequest,
  StartClientResult,
  BackupInfo,
  PurgeRequest,
  PurgeResult,
} from './types';
