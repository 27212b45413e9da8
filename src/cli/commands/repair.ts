import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import type { ExitCode } from '../exit-codes';
import { checkRepairRequest, runRepair } from './repair-flow';
import type { RepairRequest } from './repair-flow';

export async function repairCommand(env: CommandEnv, request: RepairRequest): Promise<ExitCode> {
  checkRepairRequest(request);
  const outcome = await withSession(env, (session) => runRepair(env, session, request));
  if (env.out.json) {
    env.out.result({
      dryRun: outcome.dryRun,
      plan: outcome.plan,
      run: outcome.run ?? null,
      skippedSteps: outcome.skippedSteps,
      ...(outcome.clientRestart ? { clientRestart: outcome.clientRestart } : {}),
    });
  }
  return outcome.exitCode;
}
