/**
 * Hostile input through the real page: the served wizard's bridge and server in Debian's
 * Chromium, the real dispatcher, handlers and engine on a fresh practice PC. Every forged
 * request gets a typed error or an HTTP refusal, and the practice PC stays byte-identical.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_CSP } from '../src/main/app/csp';
import { SESSION_COOKIE } from '../src/main/served/access';
import { BRIDGE_PATH, OPERATION_PATH, PROGRESS_PATH } from '../src/main/served/routes';
import { SERVED_CSP } from '../src/main/served/served-csp';
import { ERROR_CODES } from '../src/shared/errors';
import { BRIDGE_GLOBAL, channelFor } from '../src/shared/operations';
import { startApp, type AppHarness } from './harness/app-harness';
import { callTransport as callTransportFrom } from './harness/page-bridge';
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
function callTransport(channel: unknown, request: unknown): Promise<unknown> {
  return callTransportFrom(app.page, channel, request);
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
  it('gives a child frame of the app page no bridge of its own', async () => {
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
    expect(await callBridge(child, 'practice.reset', { name: 'healthy' })).toEqual({
      missing: true,
    });
  });

  it('refuses a page on another loopback port, which the browser counts as the same site', async () => {
    const plan = await app.dispatch('repair.plan', { steps: ['delete-sign-in-info'] });
    expect(plan.ok).toBe(true);
    const planId = plan.ok ? plan.value.id : '';
    const before = await snapshotTree(app.practicePcDir);
    const auditBefore = app.audit.length;

    // Same site as the wizard (only the port differs), so SameSite=Strict alone would let the
    // cookie go with a request from here; the Origin and Sec-Fetch-Site checks must refuse it.
    const other = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><p>other</p>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherPage = await app.context.newPage();
    try {
      await otherPage.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      const refused = otherPage.waitForResponse((response) =>
        response.url().endsWith(OPERATION_PATH),
      );
      await otherPage.evaluate(
        async ([url, body]) => {
          // A "simple" request: no preflight, so it reaches the server with the cookie.
          await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body });
        },
        [
          `${app.origin}${OPERATION_PATH}`,
          JSON.stringify({ channel: channelFor('repair.apply'), request: { planId } }),
        ] as const,
      );
      expect((await refused).status()).toBe(403);
    } finally {
      await otherPage.close();
      other.close();
    }

    expect(await snapshotTree(app.practicePcDir)).toEqual(before);
    expect(app.audit.length).toBe(auditBefore);
  });
});

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request as any local program could send it, with every header chosen by the test. */
function rawRequest(
  path: string,
  headers: Record<string, string>,
  options: { method?: string; body?: string } = {},
): Promise<RawResponse> {
  const { port } = new URL(app.origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

describe("the served wizard's server", () => {
  let host: string;
  let cookie: string;
  const call = JSON.stringify({ channel: channelFor('session.info'), request: {} });

  beforeEach(async () => {
    host = new URL(app.origin).host;
    const session = (await app.context.cookies(app.origin)).find(
      (entry) => entry.name === SESSION_COOKIE,
    );
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    cookie = `${SESSION_COOKIE}=${session?.value ?? ''}`;
  });

  const post = (headers: Record<string, string>) =>
    rawRequest(
      OPERATION_PATH,
      { 'Content-Type': 'application/json', ...headers },
      {
        method: 'POST',
        body: call,
      },
    );

  it('answers the wizard itself: the session cookie, its own Host, Origin and fetch site', async () => {
    const answer = await post({
      Host: host,
      Cookie: cookie,
      Origin: app.origin,
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
  });

  it('refuses a request without the session cookie, or with a wrong one', async () => {
    const unsigned: Array<Record<string, string>> = [
      { Host: host },
      { Host: host, Cookie: `${SESSION_COOKIE}=forged` },
    ];
    for (const headers of unsigned) {
      expect((await rawRequest('/', headers)).status).toBe(401);
      expect((await rawRequest(BRIDGE_PATH, headers)).status).toBe(401);
      expect((await post({ ...headers, Origin: app.origin })).status).toBe(401);
    }
  });

  it('answers 421 to any Host but its own, and sends localhost to 127.0.0.1', async () => {
    const { port } = new URL(app.origin);
    for (const wrong of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`]) {
      expect((await rawRequest('/', { Host: wrong, Cookie: cookie })).status).toBe(421);
      expect((await post({ Host: wrong, Cookie: cookie, Origin: app.origin })).status).toBe(421);
    }
    const alias = await rawRequest('/index.html', { Host: `localhost:${port}`, Cookie: cookie });
    expect(alias.status).toBe(308);
    expect(alias.headers.location).toBe(`${app.origin}/index.html`);
  });

  it('refuses operation calls and progress from another origin or fetch site', async () => {
    const before = app.audit.length;
    const forged: Array<Record<string, string>> = [
      { Origin: 'http://evil.example' },
      { Origin: app.origin.replace('127.0.0.1', 'localhost') },
      { Origin: 'null' },
      {},
      { Origin: app.origin, 'Sec-Fetch-Site': 'cross-site' },
      { Origin: app.origin, 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of forged) {
      expect.soft((await post({ Host: host, Cookie: cookie, ...headers })).status).toBe(403);
    }
    for (const site of ['cross-site', 'same-site']) {
      const stream = await rawRequest(PROGRESS_PATH, {
        Host: host,
        Cookie: cookie,
        'Sec-Fetch-Site': site,
      });
      expect(stream.status).toBe(403);
    }
    expect(app.audit.length).toBe(before);
  });

  it("streams the engine's progress to the page's onProgress while a repair runs", async () => {
    const received = await app.page.evaluate(async (global) => {
      type Bridge = Record<string, (request?: unknown) => Promise<unknown>> & {
        onProgress(listener: (event: unknown) => void): () => void;
      };
      const bridge = (globalThis as unknown as Record<string, Bridge>)[global] as Bridge;
      const events: unknown[] = [];
      const stop = bridge.onProgress((event) => events.push(event));
      const plan = (await bridge['repair.plan']?.({ steps: ['clear-endpoint-cache'] })) as {
        value: { id: string };
      };
      await bridge['repair.apply']?.({ planId: plan.value.id });
      // The stream is a separate connection from the call: give the last event a moment.
      await new Promise((resolve) => setTimeout(resolve, 500));
      stop();
      return events;
    }, BRIDGE_GLOBAL);
    expect(received.length).toBeGreaterThan(0);
    for (const event of received) {
      expect(event).toMatchObject({ operation: 'repair.apply', message: expect.any(String) });
    }
  });

  it('opens once: the token is refused after the page exchanged it', async () => {
    const { pathname, search } = new URL(app.openUrl);
    const again = await rawRequest(`${pathname}${search}`, { Host: host });
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    const forged = await rawRequest(`${pathname}?token=forged`, { Host: host });
    expect(forged.status).toBe(403);
  });

  it("sends the app's CSP, opened only to its own origin, and loads the bridge first", async () => {
    const page = await rawRequest('/', { Host: host, Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(SERVED_CSP);
    expect(SERVED_CSP).toBe(APP_CSP.replace("connect-src 'none'", "connect-src 'self'"));
    expect(page.body).not.toContain("connect-src 'none'");
    expect(page.body.indexOf(BRIDGE_PATH)).toBeGreaterThan(0);
    expect(page.body.indexOf(BRIDGE_PATH)).toBeLessThan(page.body.indexOf('</head>'));
    const asset = await rawRequest(BRIDGE_PATH, { Host: host, Cookie: cookie });
    expect(asset.headers['content-security-policy']).toBe(SERVED_CSP);
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
