/**
 * The command line's side of close → change → start again. The engine decides the order and
 * which client starts (Engine.aroundClient); this only says what happened, in its words.
 */
import { isAppError } from '../../shared/errors';
import { ANY_CLIENT_NAME } from '../../shared/wording';
import type { Engine, StartClientResult } from '../../main/engine/types';
import { CliError } from '../cli-error';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';

/** What `--json` reports as `clientRestart`. */
export type ClientRestart = StartClientResult;

export interface ClientHandlingOptions {
  /** Close the client first when it runs (asked for, or agreed at the terminal). */
  close: boolean;
  force: boolean;
  timeoutMs?: number;
  /** Start it again afterwards (default); `--no-restart-client` says false. */
  restart: boolean;
}

/**
 * Runs `change` with the client closed first when asked, and started again afterwards, even
 * when the change failed (the restart is printed before the error then).
 */
export async function changeAroundClient<T>(
  env: CommandEnv,
  engine: Engine,
  handling: ClientHandlingOptions,
  change: () => Promise<T>,
  display = !env.out.json,
): Promise<{ value: T; clientRestart?: ClientRestart }> {
  if (handling.close) {
    env.out.progress(`Closing ${ANY_CLIENT_NAME} if it runs…`, undefined, undefined, true);
  }
  let outcome;
  try {
    outcome = await engine.aroundClient(
      {
        ...(handling.close
          ? {
              close: {
                force: handling.force,
                ...(handling.timeoutMs !== undefined ? { timeoutMs: handling.timeoutMs } : {}),
              },
            }
          : {}),
        restart: handling.restart,
      },
      change,
    );
  } catch (error) {
    if (isAppError(error) && error.code === 'client-running' && !handling.force) {
      throw new CliError(
        EXIT.clientRunning,
        'client-running',
        `${ANY_CLIENT_NAME} did not close (${String(error.details.stillRunning ?? '')}). Add --force-close to end it. Nothing was changed.`,
        error.details,
      );
    }
    throw error;
  }
  if (!outcome.ok) {
    if (outcome.restart && display) printClientRestart(env, outcome.restart);
    throw outcome.error;
  }
  return { value: outcome.value, ...(outcome.restart ? { clientRestart: outcome.restart } : {}) };
}

/** One line for the terminal; stdout, since it says what the command did. */
export function printClientRestart(env: CommandEnv, restart: ClientRestart): void {
  if (restart.started) {
    const pid = restart.pid === undefined ? '' : ` (pid ${restart.pid})`;
    env.out.line(`${restart.client ?? 'The client'} was started again${pid}: try to sign in now.`);
  } else if (restart.refusal === 'not-requested') {
    env.out.line(
      `Left closed (--no-restart-client): start ${restart.client ?? ANY_CLIENT_NAME} yourself, then try to sign in.`,
    );
  } else {
    env.out.line(
      `${restart.client ?? ANY_CLIENT_NAME} was not started again: ${restart.reason ?? 'unknown reason'}`,
    );
  }
}

/** The short form for remediate's one summary line. */
export function restartSummary(restart: ClientRestart): string {
  if (restart.started) return `${restart.client ?? 'the client'} started again`;
  if (restart.refusal === 'not-requested') return 'client left closed';
  return `client not started again (${restart.refusal ?? 'failed'})`;
}
