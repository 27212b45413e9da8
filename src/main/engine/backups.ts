/**
 * Backups retention the user controls: list each run's backups with their size, and delete
 * those the user no longer wants. A purge is journalled before anything is deleted, so a run
 * whose backups are (even partly) gone always says so and refuses to undo, never restoring half.
 */
import { AppError } from '../../shared/errors';
import { isSafeId } from '../journal/engine-store';
import { movedRunSize, removeMovedRun } from '../journal/moved-backup';
import { actionContext, type EngineState } from './engine-state';
import { appender, readRun } from './run-helpers';
import { viewRun } from './run-view';
import { readScopeProfile } from './scope';
import type { FoldedRun } from './run-journal';
import type { BackupInfo, PurgeRequest, PurgeResult } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

function readable(state: EngineState): Array<{ runId: string; run: FoldedRun }> {
  return state.store.runIds().flatMap((runId) => {
    try {
      return [{ runId, run: readRun(state, runId) }];
    } catch {
      return [];
    }
  });
}

/** The run's backups in the data folder and the folders it moved aside. */
async function backupBytes(state: EngineState, runId: string): Promise<number> {
  return (
    state.store.backupSize(runId) + (await movedRunSize(actionContext(state).host.files, runId))
  );
}

/** Every run folder's backups, damaged and refused runs included (with `attention`). */
export async function listBackups(state: EngineState): Promise<BackupInfo[]> {
  const profile = await readScopeProfile(state.host);
  const rows = await Promise.all(
    state.store.runIds().map(async (runId): Promise<BackupInfo> => {
      const view = viewRun(state, runId, profile);
      let run: FoldedRun | undefined;
      try {
        run = readRun(state, runId);
      } catch {
        run = undefined; // Damaged: listed with what can be read, never undoable.
      }
      const actionable = run !== undefined && view.attention?.kind !== 'refused';
      return {
        runId,
        startedAt: view.startedAt,
        sizeBytes: await backupBytes(state, runId),
        // Undo of a run whose undo kept newer data undoes that undo: it restores something.
        undoable:
          actionable &&
          run !== undefined &&
          (run.record.undoable || run.record.undoUndoable === true),
        ...(view.backupsPurgedAt !== undefined ? { purgedAt: view.backupsPurgedAt } : {}),
        ...(view.attention ? { attention: view.attention } : {}),
      };
    }),
  );
  return rows.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}

function checkRequest(request: PurgeRequest): void {
  if (typeof request !== 'object' || request === null) {
    throw new AppError('invalid-request', 'Say which backups to delete.');
  }
  const { olderThanDays, runIds } = request;
  if (olderThanDays === undefined && runIds === undefined) {
    throw new AppError(
      'invalid-request',
      'Say which backups to delete: older than a number of days, or the repairs they belong to.',
    );
  }
  if (
    olderThanDays !== undefined &&
    (typeof olderThanDays !== 'number' || !Number.isFinite(olderThanDays) || olderThanDays < 0)
  ) {
    throw new AppError('invalid-request', 'The age in days is a number of 0 or more.');
  }
  if (runIds !== undefined) {
    if (!Array.isArray(runIds) || runIds.some((id) => typeof id !== 'string' || !isSafeId(id))) {
      throw new AppError('invalid-request', 'Repairs are named by their run ids.');
    }
  }
}

/**
 * Deletes the backups of the runs that match every given criterion. Unknown run ids are an
 * error before anything is deleted; runs not finished (recovery still needs them) are kept.
 */
export async function purgeBackups(
  state: EngineState,
  request: PurgeRequest,
): Promise<PurgeResult> {
  checkRequest(request);
  const runs = readable(state);
  if (request.runIds) {
    const known = new Set(runs.map(({ runId }) => runId));
    const unknown = request.runIds.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new AppError('unknown-run', `There is no repair ${unknown.join(', ')}.`, {
        runId: unknown[0] ?? null,
      });
    }
  }
  const now = state.now();
  const wanted = request.runIds ? new Set(request.runIds) : undefined;
  const cutoff =
    request.olderThanDays !== undefined
      ? now.getTime() - request.olderThanDays * DAY_MS
      : undefined;
  const result: PurgeResult = { purged: [], kept: [] };
  for (const { runId, run } of runs) {
    if (wanted && !wanted.has(runId)) continue;
    const when = Date.parse(run.record.finishedAt ?? run.record.startedAt);
    if (cutoff !== undefined && !(when < cutoff)) continue;
    if (!run.ended || run.openUndo) {
      result.kept.push({
        runId,
        reason: 'It did not finish; its backups are needed to recover it.',
      });
      continue;
    }
    const sizeBytes = await backupBytes(state, runId);
    if (run.record.backupsPurgedAt === undefined) {
      const journal = state.store.openJournal(runId);
      try {
        await appender(journal)({ type: 'backups-purged', at: now.toISOString() });
      } finally {
        journal.close();
      }
    }
    state.store.removeBackups(runId);
    // Folders backed up by moving them aside are deleted with the rest.
    await removeMovedRun(actionContext(state).host.files, runId);
    result.purged.push({ runId, freedBytes: sizeBytes });
  }
  return result;
}
