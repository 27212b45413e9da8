import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, INTERNAL_MESSAGE, toErrorData } from '../../shared/errors';

async function thrownBy(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('the one error mapper', () => {
  it('keeps an AppError’s code, message and plain details, and drops anything else', () => {
    const error = new AppError('file-locked', 'In use.', { path: 'C:\\x', pid: 4 });
    Object.assign(error.details, { nested: { no: 1 } });
    expect(toErrorData(error)).toEqual({
      code: 'file-locked',
      message: 'In use.',
      details: { path: 'C:\\x', pid: 4 },
    });
  });

  it('re-checks error data from elsewhere and bounds its message', () => {
    const data = toErrorData({ code: 'needs-admin', message: 'x'.repeat(5_000) });
    expect(data.code).toBe('needs-admin');
    expect(data.message.length).toBeLessThanOrEqual(500);
    expect(toErrorData({ code: 'made-up', message: 'hi' })).toEqual({
      code: 'internal',
      message: INTERNAL_MESSAGE,
    });
  });

  it('a real file-system failure no adapter wrapped keeps its errno', async () => {
    const missing = await thrownBy(() => readFile(join(tmpdir(), `no-such-${process.pid}`)));
    expect(toErrorData(missing)).toMatchObject({ code: 'io', details: { errno: 'ENOENT' } });
    const directory = await thrownBy(() => readFile(tmpdir()));
    expect(toErrorData(directory)).toMatchObject({ code: 'io', details: { errno: 'EISDIR' } });
  });

  it('a bug says only that it is one: its own words stay in the log', () => {
    const data = toErrorData(new TypeError('cannot read properties of undefined (reading "x")'));
    expect(data).toEqual({ code: 'internal', message: INTERNAL_MESSAGE });
  });
});
