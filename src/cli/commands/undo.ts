import type { RunRecord } from '../../shared/repairs';
import type { Engine } from '../../main/engine/types';
import { CliError, usageError } from '../cli-error';
import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { printRun } from '../format/run-text';
import { parseCloseTimeout, parseRunId, parseStepId } from '../steps';
import { printClientRestart, restartClosedClient, type ClientRestart } from './client-restart';

export interface ClientHandling {
  closeClient: boolean;
  forceClose: boolean;
  closeTimeout?: string;
  /** Start the client again after closing it (default); `--no-restart-client` says false. */
  restartClient?: boolean;
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
): Promise<{ run: RunRecord; clientRestart?: ClientRestart }> {
  const timeoutMs = parseCloseTimeout(handling.closeTimeout);
  return withSession(env, async ({ engine }) => {
    const runId = await pickRun(engine);
    const running = await engine.runningClients();
    if (running.length > 0) {
      if (!handling.closeClient && !handling.forceClose) {
        throw new CliError(
          EXIT.clientRunning,
          'client-running',
          'Lync / Skype for Business is running. Close it, or add --close-client. Nothing was changed.',
        );
      }
      const closed = await engine.closeClient({
        force: handling.forceClose,
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
        : restartClosedClient(
            env,
            engine,
            { names: running.map((process) => process.name) },
            handling.restartClient !== false,
          );
    let restored;
    try {
      restored = await restore(engine, runId);
    } catch (error) {
      // The user gets their client back even when the restore could not run.
      const restarted = await restart().catch(() => undefined);
      if (restarted && !env.out.json) printClientRestart(env, restarted);
      throw error;
    }
    const clientRestart = await restart();
    return { run: restored, ...(clientRestart ? { clientRestart } : {}) };
  });
}

export function printRestored(
  env: CommandEnv,
  verb: 'Undo' | 'Recovery',
  result: { run: RunRecord; clientRestart?: ClientRestart },
): void {
  const { run, clientRestart } = result;
  if (env.out.json) env.out.result(clientRestart ? { ...run, clientRestart } : run);
  else {
    printRun(env.out, run, verb);
    if (clientRestart) printClientRestart(env, clientRestart);
  }
}

export async function undoCommand(env: CommandEnv, request: UndoRequest): Promise<ExitCode> {
  if (request.last === (request.runId !== undefined)) {
    throw usageError('Say which repair to undo: --last or a run id (see: runs).');
  }
  const named = request.runId !== undefined ? parseRunId(request.runId) : undefined;
  const step = request.step !== undefined ? parseStepId(request.step) : undefined;
  const result = await restoreWithClientHandling(
    env,
    request,
    async (engine) => {
      const runId = named ?? (await engine.lastRunId());
      if (!runId) throw new CliError(EXIT.notFound, 'unknown-run', 'There is no repair to undo.');
      return runId;
    },
    (engine, runId) => engine.undo(runId, step),
  );
  printRestored(env, 'Undo', result);
  const { status } = result.run;
  return status === 'undone' || status === 'partly-undone' ? EXIT.ok : EXIT.repairFailed;
}
