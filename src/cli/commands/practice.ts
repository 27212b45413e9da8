import type { CommandEnv } from '../command-env';
import { resolveDataDir } from '../data-dir';
import { EXIT } from '../exit-codes';
import type { ExitCode } from '../exit-codes';
import { checkScenario } from '../session';

export async function practiceListCommand(env: CommandEnv): Promise<ExitCode> {
  const dataDir = resolveDataDir(env.ctx, env.options);
  const current = await env.ctx.services.currentPractice(dataDir);
  const scenarios = env.ctx.services.practiceScenarios.map((s) => ({
    name: s.name,
    description: s.description,
  }));
  if (env.out.json) {
    env.out.result({ ...(current ? { current } : {}), scenarios });
    return EXIT.ok;
  }
  const width = Math.max(...scenarios.map((s) => s.name.length));
  for (const s of scenarios) {
    const mark = s.name === (current ?? env.ctx.services.defaultPractice) ? '*' : ' ';
    env.out.line(`${mark} ${s.name.padEnd(width)}  ${s.description}`);
  }
  env.out.line(env.out.dim('* the practice PC used when --practice names none'));
  return EXIT.ok;
}

export async function practiceResetCommand(env: CommandEnv, name: string): Promise<ExitCode> {
  checkScenario(env.ctx, name);
  const dataDir = resolveDataDir(env.ctx, env.options);
  env.out.progress(`Creating the practice PC "${name}"…`, undefined, undefined, true);
  await env.ctx.services.resetPractice(dataDir, name);
  if (env.out.json) env.out.result({ scenario: name });
  else env.out.line(`The practice PC "${name}" is fresh (earlier repairs on it are forgotten).`);
  return EXIT.ok;
}
