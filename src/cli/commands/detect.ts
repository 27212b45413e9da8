import { withSession } from '../command-env';
import type { CommandEnv } from '../command-env';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { clientLine, problems } from '../format/diagnosis-text';

/**
 * Intune-style detection: one line on stdout (what the portal shows), exit 1 when a problem
 * is found so the remediation runs, 0 when healthy. Only `problem` findings count: the DNS
 * cache step is always offered but is no sign of trouble.
 */
export async function detectCommand(env: CommandEnv): Promise<ExitCode> {
  const report = await withSession(env, ({ engine }) => engine.diagnose());
  const found = problems(report).map((f) => f.id);
  const where = `${clientLine(report.clients)}; ${report.currentAddress ?? 'no current address'}`;
  const mismatch = report.wrongProfile;
  // The other findings describe the wrong profile: say so first, and what to change.
  const wrongProfile = mismatch
    ? `Wrong profile: runs as ${mismatch.runningAs} while ${mismatch.signedIn} is signed in (run it with the logged-on credentials). `
    : '';
  const summary =
    wrongProfile +
    (found.length > 0
      ? `Problem found: ${found.join(', ')} (${where})`
      : `Healthy: no sign-in problem found (${where})`);
  if (env.out.json) env.out.result({ problem: found.length > 0, problems: found, summary });
  else env.ctx.stdout(`${summary}\n`);
  return found.length > 0 ? EXIT.problemFound : EXIT.ok;
}
