import { CliError, usageError } from '../cli-error';
import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { printRun } from '../format/run-text';
import { parseCloseTimeout, parseRunId, parseStepId } from '../steps';
import type { RunSummary } from '../../shared/repairs';
import { formatMoment, repairStepTitle } from '../../shared/wording';
import type { Engine } from '../../main/engine/types';
import { offerToCloseClient } from './repair-flow';
import { printClientRestart, restartClosedClient, type ClientRestart } from './client-restart';

export interface UndoRequest {
  runId?: string;
  last: boolean;
  step?: string;
  closeClient: boolean;
  forceClose: boolean;
  closeTimeout?: string;
  /** Start the client again after closing it (default); `--no-restart-client` says false. */
  restartClient?: boolean;
}

type UndoEngine = Pick<Engine, 'listRuns' | 'getRun'>;

/** "the repair of 2 Dec 2026, 01:10 (Flush the DNS cache) for user@contoso.com, run r-…" */
function describeRun(run: Pick<RunSummary, 'id' | 'startedAt' | 'steps' | 'address'>): string {
  const steps = run.steps.map(repairStepTitle).join('; ');
  const forWhom = run.address ? ` for ${run.address}` : '';
  return `the repair of ${formatMoment(run.startedAt)} (${steps})${forWhom}, run ${run.id}`;
}

/**
 * The run to undo: the one named, or with --last the newest that still has something to undo
 * (a run that only flushed the DNS cache, or one already undone, is passed over). The engine
 * decides what is undoable; this only reads it.
 */
async function chooseRun(engine: UndoEngine, named: string | undefined): Promise<RunSummary> {
  if (named === undefined) {
    const runs = await engine.listRuns();
    const newest = runs.find((run) => run.undoable);
    if (!newest) {
      throw new CliError(
        EXIT.notFound,
        'unknown-run',
        runs.length === 0
          ? 'There is no repair to undo.'
          : 'No repair has anything left to undo (see: runs). Nothing was changed.',
      );
    }
    return newest;
  }
  const record = await engine.getRun(named);
  if (!record.undoable) {
    const why =
      record.backupsPurgedAt !== undefined
        ? `it can no longer be undone, its backups were deleted on ${formatMoment(record.backupsPurgedAt)}`
        : record.status === 'undone'
          ? 'it was already undone'
          : 'it changed nothing that can be undone';
    throw new CliError(
      EXIT.notFound,
      'unknown-run',
      `There is nothing to undo in ${describeRun(record)}: ${why}. Nothing was changed.`,
      { runId: named },
    );
  }
  return { ...record, actionCount: record.actions.length };
}

export async function undoCommand(env: CommandEnv, request: UndoRequest): Promise<ExitCode> {
  if (request.last === (request.runId !== undefined)) {
    throw usageError('Say which repair to undo: --last or a run id (see: runs).');
  }
  const named = request.runId !== undefined ? parseRunId(request.runId) : undefined;
  const step = request.step !== undefined ? parseStepId(request.step) : undefined;
  const timeoutMs = parseCloseTimeout(request.closeTimeout);
  const { run, clientRestart } = await withSession(env, async ({ engine }) => {
    const target = await chooseRun(engine, named);
    const runId = target.id;
    if (request.last) env.out.line(`Undoing ${describeRun(target)}.`);
    const running = await engine.runningClients();
    if (running.length > 0) {
      if (!request.closeClient && !request.forceClose) await offerToCloseClient(env, running);
      const closed = await engine.closeClient({
        force: request.forceClose,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      });
      if (!closed.closed) {
        throw new CliError(
          EXIT.clientRunning,
          'client-running',
          `Lync / Skype for Business did not close (${closed.stillRunning.join(', ')}). Nothing was changed.`,
        );
      }
    }
    env.out.progress(`Restoring what ${runId} changed…`, undefined, undefined, true);
    const restart = (): Promise<ClientRestart | undefined> =>
      running.length === 0
        ? Promise.resolve(undefined)
        : restartClosedClient(env, engine, request.restartClient !== false);
    let undone;
    try {
      undone = await engine.undo(runId, step);
    } catch (error) {
      // The user gets their client back even when the undo could not run.
      const restarted = await restart().catch(() => undefined);
      if (restarted && !env.out.json) printClientRestart(env, restarted);
      throw error;
    }
    return { run: undone, clientRestart: await restart() };
  });
  if (env.out.json) env.out.result(clientRestart ? { ...run, clientRestart } : run);
  else {
    printRun(env.out, run, 'Undo');
    if (clientRestart) printClientRestart(env, clientRestart);
  }
  return run.status === 'undone' || run.status === 'partly-undone' ? EXIT.ok : EXIT.repairFailed;
}
