/**
 * The real Electron app, where an Electron runtime exists. On machines without one (its download
 * is blocked) these are skipped, and the browser suites cover the same renderer and handlers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL } from '../src/shared/operations';
import {
  electronBinaryPath,
  ELECTRON_MISSING,
  launchElectronApp,
  type ElectronAppHarness,
} from './harness/electron';

const available = electronBinaryPath() !== undefined;

// Vitest lists the skipped suite under this title, so the reason shows in the test output.
const title = available
  ? 'the Electron app (_electron.launch)'
  : `the Electron app (_electron.launch) — skipped: ${ELECTRON_MISSING}`;

describe.skipIf(!available)(title, () => {
  let harness: ElectronAppHarness;
  beforeAll(async () => {
    harness = await launchElectronApp({ scenario: 'kb-lync2013' });
  }, 120_000);
  afterAll(() => harness?.close());

  it('loads the renderer from app:// with the bridge and without Node', async () => {
    expect(harness.page.url()).toBe('app://renderer/index.html');
    const globals = await harness.page.evaluate((name) => {
      const scope = globalThis as unknown as Record<string, unknown>;
      return {
        bridge: typeof scope[name],
        require: typeof scope.require,
        process: typeof scope.process,
      };
    }, BRIDGE_GLOBAL);
    expect(globals).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
  });

  it('answers session.info on the practice PC through real IPC', async () => {
    const info = await harness.page.evaluate(
      (name) =>
        (globalThis as unknown as Record<string, { 'session.info'(r: object): Promise<unknown> }>)[
          name
        ]?.['session.info']({}),
      BRIDGE_GLOBAL,
    );
    expect(info).toMatchObject({
      ok: true,
      value: { hostKind: 'practice', practiceScenario: 'kb-lync2013' },
    });
  });

  it('cannot navigate away or open windows', async () => {
    await harness.page.evaluate(() => {
      const scope = globalThis as unknown as {
        location: { href: string };
        open(url: string): unknown;
      };
      scope.open('https://example.com/');
      scope.location.href = 'https://example.com/';
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(harness.page.url()).toBe('app://renderer/index.html');
    expect(harness.app.windows()).toHaveLength(1);
  });
});
