import type { CliContext } from './context';
import type { GlobalOptions } from './global-options';
import type { Output } from './output';
import { openSession } from './session';
import type { CliSession } from './session';

/** What every command implementation receives. */
export interface CommandEnv {
  ctx: CliContext;
  options: GlobalOptions;
  out: Output;
}

export async function withSession<T>(
  env: CommandEnv,
  fn: (session: CliSession) => Promise<T>,
): Promise<T> {
  const session = await openSession(env.ctx, env.options, env.out);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
