/**
 * The repair engine: diagnosis, plans, apply with backups and verification, the journal, undo
 * and crash recovery, written only against the host ports.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { LockOptions } from '../journal/data-lock';
import { IntegrityKey } from '../journal/integrity';
import { EngineStore, isSafeId } from '../journal/engine-store';
import { buildDiagnosis } from './diagnosis';
import type { EngineHooks, EngineState } from './engine-state';
import { readInventory } from './inventory';
import { profileMismatch } from './profile-guard';
import { hostKeyProvider } from './integrity-key';
import type { Engine, EngineOptions } from './types';

// Every command starts a new process and uses one or two of these parts, and a diagnosis none:
// each is loaded (and its schemas built) when first used, not at start.
const runViews = () => Promise.all([import('./scope'), import('./run-view')]);

function checkRunId(runId: unknown): asserts runId is string {
  if (typeof runId !== 'string' || !isSafeId(runId)) {
    throw new AppError('unknown-run', `There is no repair "${String(runId)}".`, {
      runId: typeof runId === 'string' ? runId : null,
    });
  }
}

/** `createEngine` with test seams (see EngineHooks); the product calls `createEngine`. */
export function createEngineWithHooks(options: EngineOptions, hooks: EngineHooks): Engine {
  if (!options.host || typeof options.dataDir !== 'string' || options.dataDir === '') {
    throw new AppError('invalid-request', 'The engine needs a host and a data folder.');
  }
  const state: EngineState = {
    host: options.host,
    store: new EngineStore(options.dataDir),
    now: options.now ?? (() => new Date()),
    progress: options.onProgress ?? (() => undefined),
    plans: new Map(),
    keys: options.keys ?? hostKeyProvider(options.host),
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
  const processes = state.host.processes;
  const lockOptions: LockOptions = processes.startTime
    ? { startTimeOf: (pid) => processes.startTime?.(pid) }
    : {};
  // The integrity key is loaded once, before anything is read from or written to the data folder.
  // Reading never creates it (that would change the PC): without one, nothing checks.
  const keys = state.keys;
  const unlockToRead = async () => {
    if (state.store.hasKey) return;
    const found = await keys.find();
    if (found) state.store.useKey(new IntegrityKey(found));
    else state.store.useKey(new IntegrityKey(new Uint8Array(randomBytes(32))), true);
  };
  // Created only when a run is about to be journalled (apply), never by a refused request.
  state.sealingKey = async () => {
    if (!state.store.hasRealKey) state.store.useKey(new IntegrityKey(await keys.load()));
  };
  // Reading never recovers or changes anything (recovery is `recover`, asked for by the user).
  const reading = <T>(work: () => Promise<T>) =>
    serial(async () => {
      await unlockToRead();
      return work();
    });
  const writing = <T>(work: () => Promise<T>) =>
    serial(async () => {
      await unlockToRead();
      const { acquireDataLock } = await import('../journal/data-lock');
      const lock = acquireDataLock(options.dataDir, {
        ...lockOptions,
        breakForeign: options.breakLock === true,
        notice: (message) => state.progress({ message }),
      });
      try {
        return await work();
      } finally {
        lock.release();
      }
    });
  const viewRunOf = async (runId: string) => {
    const [{ readScopeProfile }, { viewRun }] = await runViews();
    return viewRun(state, runId, await readScopeProfile(state.host));
  };
  const runsView = async () => {
    const [[{ readScopeProfile }, { viewRun }], { lockedByAnother }] = await Promise.all([
      runViews(),
      import('../journal/data-lock'),
    ]);
    const profile = await readScopeProfile(state.host);
    const busy = lockedByAnother(options.dataDir, lockOptions);
    return state.store.runIds().map((runId) => viewRun(state, runId, profile, busy));
  };

  const engine: Engine = {
    async diagnose() {
      const mismatch = profileMismatch(await state.host.identity.current());
      return buildDiagnosis(state.host, await readInventory(state.host), state.now(), mismatch);
    },
    plan: (request) => reading(async () => (await import('./planning')).makePlan(state, request)),
    apply: (planId, applyOptions) =>
      writing(async () => (await import('./apply')).applyPlan(state, planId, applyOptions)),
    undo: (runId, stepId) =>
      writing(async () => {
        checkRunId(runId);
        await (await import('./undo')).undoRun(state, runId, stepId);
        return viewRunOf(runId);
      }),
    recover: (runId) =>
      writing(async () => {
        checkRunId(runId);
        await (await import('./recovery')).recoverRun(state, runId);
        return viewRunOf(runId);
      }),
    getRun: (runId) =>
      reading(async () => {
        checkRunId(runId);
        if (!state.store.hasRun(runId)) {
          throw new AppError('unknown-run', `There is no repair "${runId}".`, { runId });
        }
        return viewRunOf(runId);
      }),
    listBackups: () => reading(async () => (await import('./backups')).listBackups(state)),
    purgeBackups: (request) =>
      writing(async () => (await import('./backups')).purgeBackups(state, request)),
    listRuns: () =>
      reading(async () =>
        (await runsView())
          .map(({ actions, planId: _planId, notes: _notes, ...summary }) => ({
            ...summary,
            actionCount: actions.length,
          }))
          .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0)),
      ),
    lastRunId: () =>
      reading(async () => {
        const ids = state.store.runIds();
        return ids.at(-1);
      }),
    async runningClients() {
      const { ownClientProcesses } = await import('./client-control');
      return (await ownClientProcesses(state.host)).map((process) => ({
        pid: process.pid,
        name: process.name,
      }));
    },
    closeClient: (closeOptions) =>
      serial(async () => (await import('./client-control')).closeClients(state.host, closeOptions)),
    startClient: (request) =>
      serial(async () => (await import('./client-control')).startClient(state.host, request ?? {})),
    // Not serial itself: the calls it makes and the change it wraps each take their own turn.
    aroundClient: async (aroundOptions, change) =>
      (await import('./around-client')).aroundClient(engine, aroundOptions, change, state.progress),
  };
  return engine;
}

export function createEngine(options: EngineOptions): Engine {
  return createEngineWithHooks(options, {});
}

export type { Engine, EngineOptions } from './types';
