import type { RunRecord, RunSummary } from '../../shared/repairs';
import { CliError, usageError } from '../cli-error';
import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { printRun } from '../format/run-text';
import { parseCloseTimeout, parseRunId, parseStepId } from '../steps';
import { formatMoment, repairStepTitle, undoUndoHint, undoingUndoLine } from '../../shared/wording';
import { pasteableCommand } from '../format/command-hint';
import type { Engine } from '../../main/engine/types';
import { offerToCloseClient } from './repair-flow';
import { changeAroundClient, printClientRestart, type ClientRestart } from './client-restart';

export interface ClientHandling {
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
 * (a run that only flushed the DNS cache, or one already undone, is passed over). A run named
 * whose undo kept newer data has its undo undone. The engine decides what is undoable (and
 * `undoUndoable`); this only reads it.
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
  if (!record.undoable && record.undoUndoable !== true) {
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

export interface Restored {
  run: RunRecord;
  clientRestart?: ClientRestart;
  /** The practice scenario the command acted on, for pasteable hints. */
  practice?: string;
}

export interface UndoRequest extends ClientHandling {
  runId?: string;
  last: boolean;
  step?: string;
}

/**
 * Puts something back (undo, recover) with the client closed first when asked, and started
 * again afterwards, even when the restore could not run.
 */
export async function restoreWithClientHandling(
  env: CommandEnv,
  handling: ClientHandling,
  pickRun: (engine: Engine) => Promise<string>,
  restore: (engine: Engine, runId: string) => Promise<RunRecord>,
): Promise<Restored> {
  const timeoutMs = parseCloseTimeout(handling.closeTimeout);
  return withSession(env, async ({ engine, host }) => {
    const practice = host.kind === 'practice' ? host.practiceScenario : undefined;
    const runId = await pickRun(engine);
    const running = await engine.runningClients();
    // A running client is closed only when asked, or agreed at the terminal.
    if (running.length > 0 && !handling.closeClient && !handling.forceClose) {
      await offerToCloseClient(env, running);
    }
    const { value: run, clientRestart } = await changeAroundClient(
      env,
      engine,
      {
        close: running.length > 0,
        force: handling.forceClose,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        restart: handling.restartClient !== false,
      },
      () => {
        env.out.progress(`Restoring what ${runId} changed…`, undefined, undefined, true);
        return restore(engine, runId);
      },
    );
    return {
      run,
      ...(clientRestart ? { clientRestart } : {}),
      ...(practice !== undefined ? { practice } : {}),
    };
  });
}

export function printRestored(env: CommandEnv, verb: 'Undo' | 'Recovery', result: Restored): void {
  const { run, clientRestart, practice } = result;
  // JSON carries `newerKept` and `undoUndoable` as the run record has them.
  if (env.out.json) env.out.result(clientRestart ? { ...run, clientRestart } : run);
  else {
    printRun(env.out, run, verb);
    if (run.undoUndoable === true) {
      env.out.line(undoUndoHint(pasteableCommand(`undo ${run.id}`, practice)));
    }
    if (clientRestart) printClientRestart(env, clientRestart);
  }
}

export async function undoCommand(env: CommandEnv, request: UndoRequest): Promise<ExitCode> {
  if (request.last === (request.runId !== undefined)) {
    throw usageError('Say which repair to undo: --last or a run id (see: runs).');
  }
  const named = request.runId !== undefined ? parseRunId(request.runId) : undefined;
  const step = request.step !== undefined ? parseStepId(request.step) : undefined;
  let undoingUndo = false;
  const result = await restoreWithClientHandling(
    env,
    request,
    async (engine) => {
      const target = await chooseRun(engine, named);
      undoingUndo = !target.undoable && target.undoUndoable === true;
      if (undoingUndo) env.out.line(undoingUndoLine(describeRun(target)));
      else if (request.last) env.out.line(`Undoing ${describeRun(target)}.`);
      return target.id;
    },
    (engine, runId) => engine.undo(runId, step),
  );
  printRestored(env, 'Undo', result);
  const { status, actions } = result.run;
  // Undoing an undo succeeded when every change is made again, with nothing failed.
  if (undoingUndo) {
    return status === 'applied' && actions.every((action) => action.error === undefined)
      ? EXIT.ok
      : EXIT.repairFailed;
  }
  return status === 'undone' || status === 'partly-undone' ? EXIT.ok : EXIT.repairFailed;
}
