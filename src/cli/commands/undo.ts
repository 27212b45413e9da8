import { CliError, usageError } from '../cli-error';
import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { printRun } from '../format/run-text';
import { parseCloseTimeout, parseRunId, parseStepId } from '../steps';
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

export async function undoCommand(env: CommandEnv, request: UndoRequest): Promise<ExitCode> {
  if (request.last === (request.runId !== undefined)) {
    throw usageError('Say which repair to undo: --last or a run id (see: runs).');
  }
  const named = request.runId !== undefined ? parseRunId(request.runId) : undefined;
  const step = request.step !== undefined ? parseStepId(request.step) : undefined;
  const timeoutMs = parseCloseTimeout(request.closeTimeout);
  const { run, clientRestart } = await withSession(env, async ({ engine }) => {
    const runId = named ?? (await engine.lastRunId());
    if (!runId) throw new CliError(EXIT.notFound, 'unknown-run', 'There is no repair to undo.');
    const running = await engine.runningClients();
    if (running.length > 0) {
      if (!request.closeClient && !request.forceClose) {
        throw new CliError(
          EXIT.clientRunning,
          'client-running',
          'Lync / Skype for Business is running. Close it, or add --close-client. Nothing was changed.',
        );
      }
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
