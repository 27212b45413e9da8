/**
 * The user's side of the protocol: only an answer that echoes this request's id and nonce, in
 * a plain small file, is believed. The launchers here stand in for a helper that misbehaves (a
 * stale, forged or tampered answer), the one party these tests cannot make misbehave for real.
 */
import { existsSync } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ABANDONED_AFTER_MS, exchangeRoot, RESULT_FILE } from './exchange';
import { adminOperationRunner, type ElevatedLauncher } from './launcher';
import { elevatedRequestSchema, RESULT_FORMAT } from './messages';

let engineDataDir: string;
beforeEach(async () => {
  engineDataDir = await mkdtemp(join(tmpdir(), 'sfb-runner-'));
});
afterEach(async () => rm(engineDataDir, { recursive: true, force: true }));

/** A launcher whose "helper" writes `answer(request)` as its result, or nothing. */
function answering(answer: (request: { id: string; nonce: string }) => string | undefined) {
  const seen: string[] = [];
  const launcher: ElevatedLauncher = {
    async launch(requestFile) {
      const request = elevatedRequestSchema.parse(JSON.parse(await readFile(requestFile, 'utf8')));
      seen.push(requestFile);
      const text = answer(request);
      if (text !== undefined) await writeFile(join(requestFile, '..', RESULT_FILE), text);
      return { kind: 'exited', exitCode: 0 };
    },
  };
  const runner = adminOperationRunner({
    launcher,
    engineDataDir,
    target: { kind: 'practice', scenario: 'machine-guid-braces' },
  });
  return { runner, seen };
}

const result = (id: string, nonce: string, extra: object = {}) =>
  JSON.stringify({
    format: RESULT_FORMAT,
    version: 1,
    id,
    nonce,
    outcome: 'done',
    before: '{c1cbd94c-0d35-414c-89ef-dd092b984883}',
    after: 'c1cbd94c-0d35-414c-89ef-dd092b984883',
    ...extra,
  });

const op = { op: 'machine-guid.remove-braces' } as const;

describe('reading the helper’s answer', () => {
  it('believes an answer with this request’s nonce, and removes the exchange folder', async () => {
    const { runner, seen } = answering(({ id, nonce }) => result(id, nonce));
    expect(await runner.run(op)).toEqual({
      status: 'done',
      before: '{c1cbd94c-0d35-414c-89ef-dd092b984883}',
      after: 'c1cbd94c-0d35-414c-89ef-dd092b984883',
    });
    expect(seen).toHaveLength(1);
    expect(await readdir(exchangeRoot(engineDataDir))).toEqual([]);
  });

  it.each<[string, (request: { id: string; nonce: string }) => string | undefined, string]>([
    ['a wrong nonce', ({ id }) => result(id, 'f'.repeat(64)), 'does not answer this request'],
    ['another request’s id', ({ nonce }) => result('0'.repeat(32), nonce), 'does not answer'],
    [
      'a tampered outcome',
      ({ id, nonce }) => result(id, nonce, { outcome: 'ok' }),
      'expected form',
    ],
    ['an extra field', ({ id, nonce }) => result(id, nonce, { path: 'C:\\x' }), 'expected form'],
    ['not JSON', () => '{"format": ', 'not valid JSON'],
    ['an oversized file', ({ id, nonce }) => result(id, nonce) + ' '.repeat(5000), 'too large'],
  ])('refuses %s as corrupt-data', async (_label, answer, message) => {
    const { runner } = answering(answer);
    const outcome = await runner.run(op);
    expect(outcome).toMatchObject({
      status: 'failed',
      error: { code: 'corrupt-data', message: expect.stringContaining(message) },
    });
  });

  it('refuses an answer that is a link to a file elsewhere', async () => {
    const planted = join(engineDataDir, 'planted.json');
    const launcher: ElevatedLauncher = {
      async launch(requestFile) {
        const request = elevatedRequestSchema.parse(
          JSON.parse(await readFile(requestFile, 'utf8')),
        );
        await writeFile(planted, result(request.id, request.nonce));
        await symlink(planted, join(requestFile, '..', RESULT_FILE));
        return { kind: 'exited', exitCode: 0 };
      },
    };
    const runner = adminOperationRunner({
      launcher,
      engineDataDir,
      target: { kind: 'windows' },
    });
    expect(await runner.run(op)).toMatchObject({
      status: 'failed',
      error: { code: 'corrupt-data', message: expect.stringContaining('not a plain file') },
    });
  });

  it('a helper that wrote nothing, or was cancelled, is reported plainly', async () => {
    const { runner } = answering(() => undefined);
    expect(await runner.run(op)).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('without an answer') },
    });
    const cancelled = adminOperationRunner({
      launcher: { launch: async () => ({ kind: 'cancelled' }) },
      engineDataDir,
      target: { kind: 'windows' },
    });
    expect(await cancelled.run(op)).toMatchObject({
      status: 'cancelled',
      message: expect.stringContaining('MachineGuid was not changed'),
    });
  });

  it('makes each request folder fresh and private', async () => {
    const modes: number[] = [];
    const ids = new Set<string>();
    const runner = adminOperationRunner({
      launcher: {
        async launch(requestFile) {
          const { statSync } = await import('node:fs');
          modes.push(
            statSync(join(requestFile, '..')).mode & 0o777,
            statSync(requestFile).mode & 0o777,
          );
          const request = elevatedRequestSchema.parse(
            JSON.parse(await readFile(requestFile, 'utf8')),
          );
          ids.add(request.nonce);
          expect(existsSync(join(requestFile, '..', RESULT_FILE))).toBe(false);
          return { kind: 'exited', exitCode: 4 };
        },
      },
      engineDataDir,
      target: { kind: 'windows' },
    });
    await runner.run(op);
    await runner.run(op);
    expect(modes).toEqual([0o700, 0o600, 0o700, 0o600]);
    expect(ids.size).toBe(2);
  });

  it('removes request folders a killed process left behind, and only those', async () => {
    const root = exchangeRoot(engineDataDir);
    const stale = join(root, 'a'.repeat(32));
    const recent = join(root, 'b'.repeat(32));
    await mkdir(stale, { recursive: true });
    await mkdir(recent);
    await writeFile(join(stale, 'request.json'), '{}');
    const old = new Date(Date.now() - ABANDONED_AFTER_MS - 60_000);
    await utimes(stale, old, old);
    const { runner } = answering(({ id, nonce }) => result(id, nonce));
    await runner.run(op);
    expect(await readdir(root)).toEqual(['b'.repeat(32)]);
  });
});
