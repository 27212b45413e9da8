import { describe, expect, it } from 'vitest';
import { countOf, formatBytes } from './numbers';

describe('counts as people read them', () => {
  it('agrees with the English plural rules of Intl for whole and fractional counts', () => {
    const english = new Intl.PluralRules('en');
    for (const count of [0, 1, 2, 3, 11, 21, 101, 1000, 0.5, 1.5, -1]) {
      const expected = english.select(count) === 'one' ? 'change' : 'changes';
      expect(countOf(count, 'change', 'changes')).toBe(`${count} ${expected}`);
    }
  });

  it('gives sizes in bytes, KB or MB', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
