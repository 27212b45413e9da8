/**
 * A file another process holds open is often released a moment later (an indexer, an antivirus
 * scan, the client's last write while closing). Such an operation is retried briefly before the
 * engine reports which file and, where known, which process holds it.
 */
import { AppError } from '../../../shared/errors';

/** Waits between attempts: about 1.5 s in all. */
export const LOCKED_RETRY_DELAYS_MS = [100, 200, 400, 800];

export async function retryWhileLocked<T>(
  work: () => Promise<T>,
  delays: readonly number[] = LOCKED_RETRY_DELAYS_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const delay = delays[attempt];
      if (!(error instanceof AppError) || error.code !== 'file-locked') throw error;
      if (delay === undefined) {
        const waited = delays.reduce((sum, each) => sum + each, 0) / 1000;
        // The port's message and details name the file and, where known, the process.
        throw new AppError(
          'file-locked',
          `${error.message.replace(/\.?$/, '.')} It was still in use after ${delays.length + 1} tries over ${waited.toFixed(1)} s.`,
          error.details,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
