import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { CliError } from './cli-error';
import type { CliContext } from './context';
import { EXIT } from './exit-codes';
import type { GlobalOptions } from './global-options';

/**
 * The folder holding the journal, the backups and any practice PCs. Checked before anything
 * else runs so a wrong `--data-dir` is reported plainly rather than as a failure half-way.
 * Checked with synchronous calls: nothing else runs yet, and the first asynchronous file call
 * starts Node's thread pool, a few milliseconds a command that needs none of it would pay.
 */
export function resolveDataDir(ctx: CliContext, options: GlobalOptions): string {
  const dir = options.dataDir
    ? isAbsolute(options.dataDir)
      ? options.dataDir
      : resolve(ctx.cwd, options.dataDir)
    : ctx.services.defaultDataDir(ctx.platform, ctx.env, ctx.home);
  const unusable = (why: string, errno?: string) =>
    new CliError(EXIT.dataError, 'io', `The data folder ${dir} cannot be used: ${why}.`, {
      path: dir,
      ...(errno ? { errno } : {}),
    });
  try {
    const info = statSync(dir);
    if (!info.isDirectory()) throw unusable('it is a file, not a folder');
  } catch (error) {
    if (error instanceof CliError) throw error;
    const errno = (error as NodeJS.ErrnoException).code;
    if (errno !== 'ENOENT') throw unusable((error as Error).message, errno);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (mkdirError) {
      throw unusable((mkdirError as Error).message, (mkdirError as NodeJS.ErrnoException).code);
    }
  }
  try {
    accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw unusable('it cannot be read and written', (error as NodeJS.ErrnoException).code);
  }
  return dir;
}
