import { describe, expect, it } from 'vitest';
import { EvenSample } from './even-sample';

/** Offers 0 … length-1 and answers the sample, the count and how many items were taken. */
function sampleOf(length: number, size: number): { items: number[]; count: number; taken: number } {
  const sample = new EvenSample<number>(size);
  let taken = 0;
  for (let item = 0; item < length; item += 1) {
    if (!sample.next()) continue;
    sample.add(item);
    taken += 1;
  }
  return { items: sample.items(), count: sample.count, taken };
}

describe('an even sample of a sequence of unknown length', () => {
  it('keeps every item while there are at most `size` of them', () => {
    expect(sampleOf(5, 8)).toMatchObject({ items: [0, 1, 2, 3, 4], count: 5 });
    expect(sampleOf(8, 8).items).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(sampleOf(0, 8)).toMatchObject({ items: [], count: 0 });
  });

  it('answers `size` items spread over the whole sequence, counting every one', () => {
    for (const length of [51, 99, 100, 1000, 100_003]) {
      const { items, count } = sampleOf(length, 50);
      expect(count).toBe(length);
      expect(items).toHaveLength(50);
      expect(new Set(items).size).toBe(50);
      expect(items).toEqual([...items].sort((a, b) => a - b));
      // Evenly spaced: no gap much wider than the sequence divided by the sample.
      const gaps = items.slice(1).map((item, index) => item - (items[index] as number));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.ceil((2 * length) / 50));
      expect(items[0]).toBe(0);
      expect(items.at(-1) as number).toBeGreaterThanOrEqual(length - Math.ceil((2 * length) / 50));
    }
  });

  it('takes only a few times the sample from a long sequence (the rest is only counted)', () => {
    const { taken, count } = sampleOf(100_000, 10);
    expect(count).toBe(100_000);
    // Each doubling of the stride takes about `size` more: 10 × 2 × log2(100,000 / 10) ≈ 270.
    expect(taken).toBeLessThan(300);
  });
});
