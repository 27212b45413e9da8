/**
 * After a command closed Lync / Skype for Business to change the PC, it starts the client again,
 * as the KB article's steps end ("Restart Lync, and then try to sign in"), unless the caller
 * said `--no-restart-client`.
 */
import type { Engine, StartClientResult } from '../../main/engine/types';
import type { CommandEnv } from '../command-env';

/** What `--json` reports as `clientRestart`; `not-requested` when `--no-restart-client`. */
export type ClientRestart = Omit<StartClientResult, 'refusal'> & {
  refusal?: StartClientResult['refusal'] | 'not-requested';
};

export async function restartClosedClient(
  env: CommandEnv,
  engine: Engine,
  restart: boolean,
): Promise<ClientRestart> {
  if (!restart) {
    return {
      started: false,
      refusal: 'not-requested',
      reason:
        'Left closed (--no-restart-client): start Lync / Skype for Business yourself, then try to sign in.',
    };
  }
  env.out.progress('Starting Lync / Skype for Business again…', undefined, undefined, true);
  // The engine starts the diagnosis's primary client: the command line does not re-decide it.
  return engine.startClient({});
}

/** One line for the terminal; stdout, since it says what the command did. */
export function printClientRestart(env: CommandEnv, restart: ClientRestart): void {
  if (restart.started) {
    const pid = restart.pid === undefined ? '' : ` (pid ${restart.pid})`;
    env.out.line(`${restart.client ?? 'The client'} was started again${pid}: try to sign in now.`);
  } else if (restart.refusal === 'not-requested') {
    env.out.line(restart.reason ?? '');
  } else {
    env.out.line(
      `${restart.client ?? 'Lync / Skype for Business'} was not started again: ${restart.reason ?? 'unknown reason'}`,
    );
  }
}

/** The short form for remediate's one summary line. */
export function restartSummary(restart: ClientRestart): string {
  if (restart.started) return `${restart.client ?? 'the client'} started again`;
  if (restart.refusal === 'not-requested') return 'client left closed';
  return `client not started again (${restart.refusal ?? 'failed'})`;
}
