import { countOf } from '../../shared/wording';
import { toCliError } from '../cli-error';
import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { problems } from '../format/diagnosis-text';
import type { CliSession } from '../session';
import { restartSummary } from './client-restart';
import { runRepair } from './repair-flow';

export interface RemediateRequest {
  address?: string;
  closeClient: boolean;
  forceClose: boolean;
  closeTimeout?: string;
  /** `false` with `--no-restart-client`. */
  restartClient?: boolean;
}

async function remediateIn(env: CommandEnv, session: CliSession, request: RemediateRequest) {
  // A healthy PC is left exactly as it is: not even the DNS cache is flushed.
  if (problems(await session.engine.diagnose()).length === 0) return undefined;
  const outcome = await runRepair(
    env,
    session,
    {
      all: true,
      yes: true,
      dryRun: false,
      closeClient: request.closeClient,
      forceClose: request.forceClose,
      ...(request.restartClient === false ? { restartClient: false } : {}),
      ...(request.closeTimeout !== undefined ? { closeTimeout: request.closeTimeout } : {}),
      ...(request.address !== undefined ? { address: request.address } : {}),
    },
    env.out.verbose && !env.out.json,
  );
  const after = await session.engine.diagnose();
  return { outcome, remaining: problems(after).map((f) => f.id) };
}

/**
 * Intune-style remediation: `repair --all --yes` without questions, then a fresh diagnosis,
 * summed up in one line. It closes the client only when told to (gracefully; forcibly only
 * with --force-close).
 */
export async function remediateCommand(
  env: CommandEnv,
  request: RemediateRequest,
): Promise<ExitCode> {
  const result = await withSession(env, async (session) => {
    try {
      return await remediateIn(env, session, request);
    } catch (error) {
      const refused = toCliError(error);
      // Deployment tools show the last line of stdout: it must say why nothing happened.
      if (refused.code === 'wrong-profile' && !env.out.json) {
        env.ctx.stdout(`Not remediated: ${refused.message}\n`);
      }
      throw refused;
    }
  });
  if (result === undefined) {
    const summary = 'Nothing to remediate: no sign-in problem found. Nothing was changed.';
    if (env.out.json) {
      env.out.result({ plan: null, run: null, skippedSteps: [], remainingProblems: [], summary });
    } else {
      env.ctx.stdout(`${summary}\n`);
    }
    return EXIT.ok;
  }
  const { outcome, remaining } = result;
  const run = outcome.run;
  const applied = run ? run.actions.filter((a) => a.outcome === 'applied' && a.verified).length : 0;
  const head =
    outcome.exitCode === EXIT.ok || outcome.exitCode === EXIT.needsAdmin
      ? `Remediated: ${countOf(applied, 'change', 'changes')} applied and verified`
      : `Remediation ${run?.status ?? 'failed'}: ${applied} of ${run?.actions.length ?? 0} changes applied`;
  const summary =
    `${head}${run ? ` (run ${run.id})` : ''}` +
    (outcome.skippedSteps.length > 0
      ? `; needs administrator: ${outcome.skippedSteps.join(', ')}`
      : '') +
    (outcome.clientRestart ? `; ${restartSummary(outcome.clientRestart)}` : '') +
    (remaining.length > 0 ? `; still a problem: ${remaining.join(', ')}` : '; no problem left');
  if (env.out.json) {
    env.out.result({
      plan: outcome.plan,
      run: run ?? null,
      skippedSteps: outcome.skippedSteps,
      remainingProblems: remaining,
      ...(outcome.clientRestart ? { clientRestart: outcome.clientRestart } : {}),
      summary,
    });
  } else {
    env.ctx.stdout(`${summary}\n`);
  }
  return outcome.exitCode;
}
