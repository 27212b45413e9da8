import { describe, expect, it } from 'vitest';
import { forEachBounded } from './bounded';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('forEachBounded', () => {
  it('does every item once, never more than the limit at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachBounded(
      Array.from({ length: 50 }, (_, index) => index),
      4,
      async (item, index) => {
        expect(index).toBe(item);
        inFlight += 1;
        most = Math.max(most, inFlight);
        await tick(item % 3);
        seen.push(item);
        inFlight -= 1;
      },
    );
    expect(most).toBe(4);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('after a failure starts nothing new, lets started work finish, then throws that failure', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const failure = new Error('item 2 failed');
    await expect(
      forEachBounded([0, 1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
        started.push(item);
        if (item === 2) throw failure;
        await tick(20);
        finished.push(item);
      }),
    ).rejects.toBe(failure);
    // 0 and 1 were in flight when 2 failed: they finish, and 3 onwards never start.
    expect(started).toEqual([0, 1, 2]);
    expect(finished.sort()).toEqual([0, 1]);
  });

  it('refuses a limit that is not a positive whole number', async () => {
    await expect(forEachBounded([1], 0, async () => undefined)).rejects.toThrow(RangeError);
  });
});
