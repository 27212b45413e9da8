import { withSession } from '../command-env';
import { countOf } from '../../shared/wording';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { printRun } from '../format/run-text';
import { parseRunId } from '../steps';

/** `runs`: the list; `runs RUN_ID`: that repair change by change, as its journal tells it. */
export async function runsCommand(env: CommandEnv, runId?: string): Promise<ExitCode> {
  if (runId !== undefined) {
    const id = parseRunId(runId);
    const run = await withSession(env, ({ engine }) => engine.getRun(id));
    if (env.out.json) env.out.result(run);
    else {
      printRun(env.out, run, 'Repair');
      if (run.backupsPurgedAt !== undefined) {
        env.out.line(`Its backups were deleted on ${run.backupsPurgedAt}: it cannot be undone.`);
      }
    }
    return EXIT.ok;
  }
  const runs = await withSession(env, ({ engine }) => engine.listRuns());
  if (env.out.json) {
    env.out.result({ runs });
    return EXIT.ok;
  }
  if (runs.length === 0) env.out.line('No repairs yet.');
  for (const run of runs) {
    env.out.line(
      `${run.id}  ${run.startedAt}  ${run.status.padEnd(13)} ${run.address ?? ''}  ${run.steps.join(',')} (${countOf(run.actionCount, 'change', 'changes')})${run.backupsPurgedAt !== undefined ? ' [backups deleted]' : ''}`,
    );
  }
  return EXIT.ok;
}
