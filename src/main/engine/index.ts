/**
 * The repair engine: diagnosis, plans, apply with backups and verification, the journal, undo
 * and crash recovery, written only against the host ports.
 */
import { HostError } from '../host/host-error';
import { EngineStore } from '../journal/engine-store';
import { applyPlan } from './apply';
import { closeClients, ownClientProcesses } from './client-control';
import { buildDiagnosis } from './diagnosis';
import type { EngineHooks, EngineState } from './engine-state';
import { readInventory } from './inventory';
import { makePlan } from './planning';
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
  };
  let recovered: Promise<unknown> | undefined;
  const ready = () => (recovered ??= recoverInterruptedRuns(state));
  // Changes go one at a time, so two clicks never interleave two runs' journals and backups.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(ready).then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    async diagnose() {
      return buildDiagnosis(state.host, await readInventory(state.host), state.now());
    },
    plan: (request) => serial(() => makePlan(state, request)),
    apply: (planId, applyOptions) => serial(() => applyPlan(state, planId, applyOptions)),
    undo: (runId, stepId) => serial(() => undoRun(state, runId, stepId)),
    listRuns: () =>
      serial(async () =>
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
      serial(async () => {
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
} from './types';
