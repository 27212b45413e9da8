/**
 * Hostile input through the real page: the renderer's bridge and the harness transport in
 * Debian's Chromium, the real dispatcher, handlers and engine on a fresh practice PC. Every
 * forged request gets a typed error and the practice PC stays byte-identical.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/shared/errors';
import { BRIDGE_GLOBAL } from '../src/shared/operations';
import { startApp, type AppHarness } from './harness/app-harness';
import { INVOKE_BINDING } from './harness/page-bridge';
import { snapshotTree } from './harness/tree-snapshot';

let app: AppHarness;

beforeEach(async () => {
  app = await startApp({ scenario: 'kb-lync2013' });
  // Let the wizard's own first calls (session info, scan) finish before taking the snapshot.
  await expect.poll(() => app.audit.length, { timeout: 15_000 }).toBeGreaterThan(0);
  await app.page.waitForLoadState('networkidle');
}, 60_000);

afterEach(async () => {
  await app?.close();
});

interface ErrorResult {
  ok: false;
  error: { code: string; message: string };
}

/** Calls `window.sfbRepair[name](request)` in `frame` and returns what the page got back. */
function callBridge(
  frame: AppHarness['page'] | ReturnType<AppHarness['page']['frames']>[number],
  name: string,
  request: unknown,
): Promise<unknown> {
  return frame.evaluate(
    ([global, op, payload]) => {
      const bridge = (globalThis as unknown as Record<string, Record<string, unknown>>)[global];
      const method = bridge?.[op];
      if (typeof method !== 'function') return { missing: true };
      return (method as (r: unknown) => Promise<unknown>)(payload);
    },
    [BRIDGE_GLOBAL, name, request] as const,
  );
}

/** Bypasses the bridge and talks to the transport directly, as a compromised page could. */
function callTransport(name: unknown, request: unknown): Promise<unknown> {
  return app.page.evaluate(
    ([binding, op, payload]) => {
      const invoke = (globalThis as unknown as Record<string, unknown>)[binding];
      return (invoke as (n: unknown, r: unknown) => Promise<unknown>)(op, payload);
    },
    [INVOKE_BINDING, name, request] as const,
  );
}

function expectTypedError(result: unknown, code: string): void {
  expect(result).toMatchObject({ ok: false, error: { code } });
  const { error } = result as ErrorResult;
  expect(ERROR_CODES).toContain(error.code);
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.message).not.toMatch(/\n\s+at /);
}

describe('forged requests from the app page', () => {
  it('refuses smuggled paths and keys, unknown operations, wrong types and oversized arrays', async () => {
    const before = await snapshotTree(app.practicePcDir);
    const plan = await app.dispatch('repair.plan', { steps: ['delete-sign-in-info'] });
    expect(plan.ok).toBe(true);
    const planId = plan.ok ? plan.value.id : '';

    const cases: Array<[string, () => Promise<unknown>, string]> = [
      [
        'a path beside the steps',
        () =>
          callBridge(app.page, 'repair.plan', {
            steps: ['clear-endpoint-cache'],
            path: 'C:\\Windows\\System32',
          }),
        'invalid-request',
      ],
      [
        'a registry key as the address',
        () =>
          callBridge(app.page, 'repair.plan', {
            steps: ['clear-connection-settings'],
            address: 'HKLM\\SOFTWARE\\Microsoft@contoso.com',
          }),
        'invalid-request',
      ],
      [
        'a path as the address',
        () =>
          callBridge(app.page, 'repair.plan', {
            steps: ['clear-endpoint-cache'],
            address: '../../../Windows@contoso.com',
          }),
        'invalid-request',
      ],
      [
        'a store name in an admin target',
        () => callBridge(app.page, 'admin.check', { targets: ['CurrentUser\\Root'] }),
        'invalid-request',
      ],
      [
        'a path as the plan id',
        () => callBridge(app.page, 'repair.apply', { planId: '..\\..\\journal' }),
        'invalid-request',
      ],
      [
        'a plan id main never issued',
        () => callBridge(app.page, 'repair.apply', { planId: 'plan-forged-0001' }),
        'unknown-plan',
      ],
      [
        'action ids that are not in the plan',
        () => callBridge(app.page, 'repair.apply', { planId, actionIds: ['forged-action'] }),
        'invalid-request',
      ],
      [
        'an oversized list of action ids',
        () =>
          callBridge(app.page, 'repair.apply', {
            planId,
            actionIds: Array.from({ length: 10_001 }, (_, i) => `a${i}`),
          }),
        'invalid-request',
      ],
      [
        'an oversized list of steps',
        () =>
          callBridge(app.page, 'repair.plan', {
            steps: Array.from({ length: 500 }, () => 'clear-endpoint-cache'),
          }),
        'invalid-request',
      ],
      [
        'steps of the wrong type',
        () => callBridge(app.page, 'repair.plan', { steps: 'delete-sign-in-info' }),
        'invalid-request',
      ],
      [
        'an unknown step',
        () => callBridge(app.page, 'repair.plan', { steps: ['format-c-drive'] }),
        'invalid-request',
      ],
      [
        'force as a string',
        () => callBridge(app.page, 'client.close', { force: 'yes' }),
        'invalid-request',
      ],
      [
        'a request that is not an object',
        () => callBridge(app.page, 'diagnosis.run', 'HKCU\\Software'),
        'invalid-request',
      ],
      [
        'an undo of a run that does not exist',
        () => callBridge(app.page, 'runs.undo', { runId: 'run-forged' }),
        'unknown-run',
      ],
      [
        'a practice scenario with a path',
        () => callBridge(app.page, 'practice.reset', { name: '../../pc' }),
        'invalid-request',
      ],
      [
        'an unknown operation',
        () => callTransport('files.delete', { path: 'C:\\' }),
        'unknown-operation',
      ],
      ['a prototype name', () => callTransport('__proto__', {}), 'unknown-operation'],
      ['a non-string name', () => callTransport(42, {}), 'unknown-operation'],
      [
        'a huge string where an id belongs',
        () => callBridge(app.page, 'runs.undo', { runId: 'x'.repeat(1_000_000) }),
        'invalid-request',
      ],
    ];

    for (const [label, send, code] of cases) {
      const result = await send();
      expect.soft(result, label).toMatchObject({ ok: false, error: { code } });
      expectTypedError(result, code);
    }
    expect(await snapshotTree(app.practicePcDir)).toEqual(before);
    expect(app.pageErrors.filter((e) => /unhandled/i.test(e))).toEqual([]);
  });

  it('keeps the bridge from being replaced or extended by page script', async () => {
    const outcome = await app.page.evaluate((global) => {
      const scope = globalThis as unknown as Record<string, unknown>;
      const original = scope[global];
      try {
        scope[global] = { 'repair.apply': () => 'hijacked' };
      } catch {
        // strict-mode assignments to a read-only global throw; either way it must not change
      }
      const bridge = scope[global] as Record<string, unknown>;
      try {
        bridge.send = () => 'raw';
      } catch {
        // frozen
      }
      return {
        same: scope[global] === original,
        frozen: Object.isFrozen(bridge),
        hasSend: 'send' in bridge,
        keys: Object.keys(bridge).sort(),
      };
    }, BRIDGE_GLOBAL);
    expect(outcome).toMatchObject({ same: true, frozen: true, hasSend: false });
    expect(outcome.keys).toContain('repair.apply');
    expect(outcome.keys).toContain('onProgress');
  });
});

describe('requests from other frames and origins', () => {
  it('refuses calls from a child frame of the app page', async () => {
    const before = await snapshotTree(app.practicePcDir);
    await app.page.evaluate(() => {
      const doc = (
        globalThis as unknown as {
          document: { createElement(t: string): unknown; body: { append(n: unknown): void } };
        }
      ).document;
      doc.body.append(doc.createElement('iframe'));
    });
    await expect.poll(() => app.page.frames().length).toBe(2);
    const child = app.page.frames().find((frame) => frame !== app.page.mainFrame());
    expect(child).toBeDefined();
    if (!child) return;
    const result = await callBridge(child, 'practice.reset', { name: 'healthy' });
    expectTypedError(result, 'forbidden-sender');
    expect(await snapshotTree(app.practicePcDir)).toEqual(before);
  });

  it('refuses a page of another origin, even with a real plan id', async () => {
    const plan = await app.dispatch('repair.plan', { steps: ['delete-sign-in-info'] });
    expect(plan.ok).toBe(true);
    const planId = plan.ok ? plan.value.id : '';
    const before = await snapshotTree(app.practicePcDir);

    // Same files, same server, but `localhost` is a different origin from `127.0.0.1`.
    const other = await app.context.newPage();
    await other.goto(app.origin.replace('127.0.0.1', 'localhost') + '/index.html');
    for (const [name, request] of [
      ['repair.apply', { planId }],
      ['practice.reset', { name: 'healthy' }],
      ['session.info', {}],
    ] as const) {
      expectTypedError(await callBridge(other, name, request), 'forbidden-sender');
    }
    await other.close();

    expect(await snapshotTree(app.practicePcDir)).toEqual(before);
    const refused = app.audit.filter((entry) => entry.code === 'forbidden-sender');
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused.every((entry) => entry.sender?.startsWith('http://localhost:'))).toBe(true);
  });
});

describe('content security policy', () => {
  it('is sent with the page and blocks inline script', async () => {
    const response = await app.page.goto(`${app.origin}/index.html`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    const outcome = await app.page.evaluate(async () => {
      type Doc = {
        createElement(tag: string): { textContent: string };
        body: { append(node: unknown): void };
        addEventListener(
          type: string,
          listener: (event: { violatedDirective: string }) => void,
        ): void;
      };
      const scope = globalThis as unknown as Record<string, unknown> & { document: Doc };
      const violations: string[] = [];
      scope.document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(event.violatedDirective),
      );
      const script = scope.document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      scope.document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { inlineRan: scope.__inlineRan === true, violations };
    });
    expect(outcome.inlineRan).toBe(false);
    expect(outcome.violations.some((d) => d.startsWith('script-src'))).toBe(true);
  });
});
