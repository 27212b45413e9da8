/** Flushing the DNS cache: nothing to back up, nothing to undo, and never a success it did not get. */
import { AppError } from '../../../shared/errors';
import type { ActionExecutor } from './executor';

export const dnsFlushAction: ActionExecutor<'flush-dns'> = {
  undoable: false,
  async check() {
    return 'present';
  },
  async backup() {},
  async apply({ host }) {
    const result = await host.dns.flush();
    if (!result.flushed) {
      throw new AppError(
        'unsupported',
        `The DNS cache was not flushed (${result.method}${result.detail ? `: ${result.detail}` : ''}). Run "ipconfig /flushdns" yourself.`,
        { method: result.method },
      );
    }
  },
  async verifyApplied() {
    // flush() reports its own outcome; the cache has no state to re-read.
    return true;
  },
  async restore() {},
  async verifyRestored() {
    return true;
  },
};
