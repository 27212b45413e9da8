/**
 * Runs file work a few at a time. Each file operation through a port waits on the disk (or the
 * thread pool) far longer than it uses the CPU, so a folder of 100,000 small files goes several
 * times faster with some of them in flight than with one await after another.
 *
 * On the first failure no new work starts, the work already started is allowed to finish (so
 * nothing still writes after the caller has moved on to a rollback), and that first error is
 * thrown.
 */

/** Enough to keep a disk and the thread pool busy without holding many files in memory. */
export const FILES_IN_FLIGHT = 24;

export async function forEachBounded<T>(
  items: Iterable<T>,
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`The limit must be a positive whole number, not ${limit}.`);
  }
  const iterator = items[Symbol.iterator]();
  let index = 0;
  let failure: { error: unknown } | undefined;

  async function lane(): Promise<void> {
    while (failure === undefined) {
      const next = iterator.next();
      if (next.done) return;
      const current = index;
      index += 1;
      try {
        await work(next.value, current);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  await Promise.all(Array.from({ length: limit }, lane));
  if (failure !== undefined) throw failure.error;
}
