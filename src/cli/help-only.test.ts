import { describe, expect, it } from 'vitest';
import { asksOnlyForHelp } from './help-only';

describe('telling a request for help from a command', () => {
  it('answers help and the version without the engine, and runs everything else', () => {
    for (const args of [
      ['--help'],
      ['-h'],
      ['help'],
      ['help', 'repair'],
      ['repair', '--help'],
      ['--version'],
    ]) {
      expect({ args, help: asksOnlyForHelp(args) }).toEqual({ args, help: true });
    }
    for (const args of [
      [],
      ['diagnose'],
      ['repair', '--all', '--version'],
      ['undo', '--', '--help'],
    ]) {
      expect({ args, help: asksOnlyForHelp(args) }).toEqual({ args, help: false });
    }
  });
});
