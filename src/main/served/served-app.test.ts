import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { realServices } from '../session/real-services';
import { openServedApp } from './served-app';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the served wizard', () => {
  it('refuses to serve any PC but the practice PC, and closes what it opened', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sfb-served-'));
    dirs.push(dataDir);
    let closed = false;
    // The real practice host, reporting itself as the real Windows host would.
    const real = await realServices();
    const services = {
      ...real,
      async openHost(options: Parameters<typeof real.openHost>[0]) {
        const opened = await real.openHost(options);
        const host = new Proxy(opened.host, {
          get: (target, key) => {
            if (key === 'kind') return 'windows';
            if (key === 'close') {
              return async () => {
                closed = true;
                await target.close();
              };
            }
            return Reflect.get(target, key, target) as unknown;
          },
        });
        return { ...opened, host };
      },
    };
    await expect(
      openServedApp({
        rendererDir: join(dataDir, 'no-renderer'),
        pageBridge: '',
        dataDir,
        practice: 'healthy',
        services,
      }),
    ).rejects.toThrow('The served wizard runs on the practice PC only.');
    expect(closed).toBe(true);
  });
});
