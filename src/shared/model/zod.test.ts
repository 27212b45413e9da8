/**
 * The product's schemas are built with zod's options set: importing a module that builds
 * schemas (the operation table) is enough, with no entry point having to run first.
 */
import { expect, it } from 'vitest';
import { config } from 'zod';
import { OPERATIONS } from '../operations';

it('builds its schemas without compiling a checking function per object shape', () => {
  expect(Object.keys(OPERATIONS).length).toBeGreaterThan(0);
  expect(config().jitless).toBe(true);
});
