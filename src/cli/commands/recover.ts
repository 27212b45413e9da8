import type { ExitCode } from '../exit-codes';
import { EXIT } from '../exit-codes';
import type { CommandEnv } from '../command-env';
import { parseRunId } from '../steps';
import { printRestored, restoreWithClientHandling, type ClientHandling } from './undo';

export interface RecoverRequest extends ClientHandling {
  runId: string;
}

/**
 * `recover RUN_ID`: puts back what an interrupted repair changed (or finishes its interrupted
 * undo). The only way a run is recovered from the command line: nothing else ever does it.
 */
export async function recoverCommand(env: CommandEnv, request: RecoverRequest): Promise<ExitCode> {
  const runId = parseRunId(request.runId);
  const result = await restoreWithClientHandling(
    env,
    request,
    async () => runId,
    (engine, id) => engine.recover(id),
  );
  printRestored(env, 'Recovery', result);
  return result.run.attention === undefined ? EXIT.ok : EXIT.repairFailed;
}
