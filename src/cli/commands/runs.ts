import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';

export async function runsCommand(env: CommandEnv): Promise<ExitCode> {
  const runs = await withSession(env, ({ engine }) => engine.listRuns());
  if (env.out.json) {
    env.out.result({ runs });
    return EXIT.ok;
  }
  if (runs.length === 0) env.out.line('No repairs yet.');
  for (const run of runs) {
    env.out.line(
      `${run.id}  ${run.startedAt}  ${run.status.padEnd(13)} ${run.address ?? ''}  ${run.steps.join(',')} (${run.actionCount} changes)`,
    );
  }
  return EXIT.ok;
}
