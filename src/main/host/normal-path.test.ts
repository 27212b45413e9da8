import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNormalAbsolute, joinPath, type PathFlavour } from './normal-path';

const ROOTS: Record<PathFlavour, string[]> = {
  posix: ['/', '/home/user', '/home/user/', '//srv', '/a/./b', '/a/../b', 'relative', ''],
  win32: ['C:\\', 'c:\\Users\\me', 'C:', 'C:\\Users\\', 'C:/Users', '\\\\server\\share', 'x', ''],
};
/** Segments that look ordinary and ones that are not: dots, separators, empties, a drive. */
const PARTS = [
  'a',
  'sip_user@contoso.com',
  '',
  '.',
  '..',
  '...',
  '.x',
  'x.',
  'a/b',
  'a\\b',
  '/',
  '\\',
  'C:',
  'a:b',
  ' ',
];

/** Every root with every sequence of up to three parts: thousands of joins, each compared. */
function* cases(flavour: PathFlavour): Generator<string[]> {
  for (const root of ROOTS[flavour]) {
    yield [root];
    for (const a of PARTS) {
      yield [root, a];
      for (const b of PARTS) {
        yield [root, a, b];
        for (const c of PARTS) yield [root, a, b, c];
      }
    }
  }
}

describe.each(['posix', 'win32'] as const)('%s paths', (flavour) => {
  it('join as node:path joins them', () => {
    let byHand = 0;
    for (const parts of cases(flavour)) {
      const joined = joinPath(parts, flavour);
      expect(joined, JSON.stringify(parts)).toBe(path[flavour].join(...parts));
      if (joined === parts.join(flavour === 'posix' ? '/' : '\\')) byHand += 1;
    }
    // Most ordinary joins are the parts as given: the point of joining by hand.
    expect(byHand).toBeGreaterThan(1000);
    expect(joinPath([], flavour)).toBe(path[flavour].join());
  });

  it('are normal only when resolve gives them back unchanged', () => {
    for (const parts of cases(flavour)) {
      const candidate = parts.join(flavour === 'posix' ? '/' : '\\');
      if (isNormalAbsolute(candidate, flavour)) {
        expect(path[flavour].resolve(candidate), candidate).toBe(candidate);
      }
    }
  });
});
