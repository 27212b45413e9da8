/**
 * Helpers the contract cases share. The cases run on real PCs too, so everything they create
 * is named with a random marker under a product-specific name and removed again.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ErrorCode } from '../../src/shared/errors';

export const SCRATCH_NAME = 'SfbSigninRepairContract';

export function marker(): string {
  return randomBytes(6).toString('hex');
}

/** Asserts that `work` fails with a AppError-shaped error carrying `code`. */
export async function rejectsWithCode(work: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(work, (error: unknown) => {
    assert.equal(typeof error, 'object');
    assert.equal((error as { code?: unknown }).code, code, `expected error code ${code}`);
    return true;
  });
}

export function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

export function sameBytes(
  actual: Uint8Array | undefined,
  expected: Uint8Array,
  what: string,
): void {
  assert.ok(actual, `${what} is missing`);
  assert.deepEqual(
    Buffer.from(actual).toString('hex'),
    Buffer.from(expected).toString('hex'),
    what,
  );
}
