import type { BackupInfo, PurgeResult } from '../../main/engine/types';
import { formatBytes } from '../../shared/wording';
import { usageError } from '../cli-error';
import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { parseRunId } from '../steps';

export interface BackupsRequest {
  purge: boolean;
  olderThan?: string;
  runs: string[];
}

/** The most a person could mean by "older than N days": a hundred years. */
const MAX_DAYS = 36_500;

export function parseDays(text: string): number {
  const days = Number(text);
  if (!/^\d+$/.test(text.trim()) || days > MAX_DAYS) {
    throw usageError(`--older-than takes whole days from 0 to ${MAX_DAYS}, not "${text}".`, {
      olderThan: text,
    });
  }
  return days;
}

/** Every argument is checked before the data folder is opened. */
function parsePurge(request: BackupsRequest): { olderThanDays: number } | { runIds: string[] } {
  if (request.olderThan !== undefined && request.runs.length > 0) {
    throw usageError('Say which backups to delete either by age (--older-than) or by --run.');
  }
  if (request.olderThan !== undefined) return { olderThanDays: parseDays(request.olderThan) };
  if (request.runs.length > 0) return { runIds: [...new Set(request.runs.map(parseRunId))] };
  throw usageError(
    'Say which backups to delete: --older-than DAYS, or --run RUN_ID (repeatable; see: backups).',
  );
}

function undoState(backup: BackupInfo): string {
  if (backup.purgedAt !== undefined) {
    return `backups deleted ${backup.purgedAt}: cannot be undone`;
  }
  return backup.undoable ? 'can be undone' : 'nothing left to undo';
}

async function listCommand(env: CommandEnv): Promise<ExitCode> {
  const backups = await withSession(env, ({ engine }) => engine.listBackups());
  const totalBytes = backups.reduce((sum, backup) => sum + backup.sizeBytes, 0);
  if (env.out.json) {
    env.out.result({ backups, totalBytes });
    return EXIT.ok;
  }
  if (backups.length === 0) {
    env.out.line('No backups: no repair has been made with this data folder.');
    return EXIT.ok;
  }
  const undoable = backups.filter((backup) => backup.undoable).length;
  env.out.line(
    `Backups of ${backups.length} repairs, ${formatBytes(totalBytes)} in all; ${undoable} can still be undone.`,
  );
  for (const backup of backups) {
    env.out.line(
      `${backup.runId}  ${backup.startedAt}  ${formatBytes(backup.sizeBytes).padStart(11)}  ${undoState(backup)}`,
    );
  }
  return EXIT.ok;
}

function printPurge(env: CommandEnv, result: PurgeResult, undoLost: Set<string>): void {
  const freed = result.purged.reduce((sum, entry) => sum + entry.freedBytes, 0);
  if (result.purged.length === 0 && result.kept.length === 0) {
    env.out.line('No repair matched: nothing was deleted.');
    return;
  }
  if (result.purged.length > 0) {
    env.out.line(
      `Deleted the backups of ${result.purged.length} repairs, ${formatBytes(freed)} freed.`,
    );
    for (const entry of result.purged) {
      const note = undoLost.has(entry.runId) ? ' — it can no longer be undone' : '';
      env.out.line(`  ${entry.runId}  ${formatBytes(entry.freedBytes)} freed${note}`);
    }
  }
  if (result.kept.length > 0) {
    env.out.line(`Kept the backups of ${result.kept.length} repairs:`);
    for (const entry of result.kept) env.out.line(`  ${entry.runId}  ${entry.reason}`);
  }
}

async function purgeCommand(env: CommandEnv, request: BackupsRequest): Promise<ExitCode> {
  const which = parsePurge(request);
  const { result, undoLost } = await withSession(env, async ({ engine }) => {
    const before = await engine.listBackups();
    const purged = await engine.purgeBackups(which);
    const wasUndoable = new Set(before.filter((b) => b.undoable).map((b) => b.runId));
    return {
      result: purged,
      undoLost: new Set(
        purged.purged.map((entry) => entry.runId).filter((id) => wasUndoable.has(id)),
      ),
    };
  });
  if (env.out.json) {
    env.out.result({
      ...result,
      freedBytes: result.purged.reduce((sum, entry) => sum + entry.freedBytes, 0),
      noLongerUndoable: [...undoLost],
    });
  } else {
    printPurge(env, result, undoLost);
  }
  return EXIT.ok;
}

/**
 * `backups`: each repair's backups with their size and whether undo still works; with `--purge`
 * deletes those chosen. Only the tool's own data folder changes, never the PC.
 */
export async function backupsCommand(env: CommandEnv, request: BackupsRequest): Promise<ExitCode> {
  if (!request.purge) {
    if (request.olderThan !== undefined || request.runs.length > 0) {
      throw usageError('--older-than and --run choose what --purge deletes: add --purge.');
    }
    return listCommand(env);
  }
  return purgeCommand(env, request);
}
