import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { LOCKED_RETRY_DELAYS_MS } from './actions/locked-retry';
import { overrideHost } from '../../../testing/engine/host-wrappers';
import { practiceFixture, type PracticeFixture } from '../../../testing/engine/practice';
import { snapshotDifferences, snapshotPc } from '../../../testing/engine/snapshot';

let fixture: PracticeFixture | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

/**
 * Another process holding a cache file open is simulated at the files port (the one boundary
 * the practice PC cannot produce mid-step); the Wine suite proves the real adapter reports it.
 */
function lockFor(host: PracticeFixture['host'], busyAttempts: number) {
  const attempts: number[] = [];
  let first: string | undefined;
  const locked = overrideHost(host, {
    files: {
      async move(path: string, destination: string) {
        first ??= path;
        if (path === first) {
          attempts.push(Date.now());
          if (attempts.length <= busyAttempts) {
            throw new AppError('file-locked', `${path}\\EndpointConfiguration.cache is in use`, {
              path: `${path}\\EndpointConfiguration.cache`,
              process: 'SearchIndexer.exe (pid 3120)',
            });
          }
        }
        await host.files.move(path, destination);
      },
    },
  });
  return { locked, attempts };
}

describe('a file held open by another process', () => {
  it('is retried briefly, and the step goes through once it is released', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const { locked, attempts } = lockFor(fixture.host, 2);
    const engine = fixture.engine({ host: locked });
    const run = await engine.apply((await engine.plan({ steps: ['clear-endpoint-cache'] })).id);
    expect(run.status).toBe('applied');
    expect(attempts).toHaveLength(3);
    // It waited between tries rather than spinning.
    expect((attempts[2] ?? 0) - (attempts[0] ?? 0)).toBeGreaterThanOrEqual(250);
  });

  it('still held after the retries: names the file and the process, and rolls the step back', async () => {
    fixture = await practiceFixture('kb-lync2013');
    const before = await snapshotPc(fixture.host);
    const { locked, attempts } = lockFor(fixture.host, Number.POSITIVE_INFINITY);
    const engine = fixture.engine({ host: locked });
    const run = await engine.apply((await engine.plan({ steps: ['clear-endpoint-cache'] })).id);
    expect(attempts).toHaveLength(LOCKED_RETRY_DELAYS_MS.length + 1);
    expect(run.status).not.toBe('applied');
    const failed = run.actions.find((action) => action.outcome === 'failed');
    expect(failed?.error?.code).toBe('file-locked');
    expect(failed?.error?.message).toContain('EndpointConfiguration.cache is in use');
    expect(failed?.error?.message).toContain('SearchIndexer.exe (pid 3120)');
    expect(failed?.error?.message).toContain('still in use after 5 tries over 1.5 s');
    expect(snapshotDifferences(before, await snapshotPc(await fixture.reopen()))).toEqual([]);
  });
});
