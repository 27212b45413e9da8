import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { memoryAuditSink } from './audit';
import { createOperationDispatcher, type OperationHandlers } from './dispatcher';
import type { SenderInfo } from './sender';

const ORIGIN = 'app://renderer';
const appFrame: SenderInfo = { frameUrl: 'app://renderer/index.html', isAppMainFrame: true };

const sessionInfo = {
  hostKind: 'practice' as const,
  practiceScenario: 'kb-lync2013',
  hostDescription: 'practice PC',
  userName: 'user',
  elevated: false,
  supportCode: 'K7P2QX',
  appVersion: '0.1.0',
};

/**
 * The handlers are the dispatcher's input, not the thing under test: each one here records the
 * request it got, so the tests can see exactly what passed the wrapper.
 */
function recordingHandlers(overrides: Partial<OperationHandlers> = {}) {
  const calls: Array<{ name: string; request: unknown }> = [];
  const refuse = (name: string) => async (request: unknown) => {
    calls.push({ name, request });
    throw new Error(`${name} is not part of this test`);
  };
  const base = Object.fromEntries(
    [
      'session.info',
      'diagnosis.run',
      'admin.check',
      'repair.plan',
      'repair.apply',
      'client.status',
      'client.close',
      'runs.list',
      'runs.undo',
      'report.build',
      'practice.list',
      'practice.reset',
      'app.restartAsUser',
    ].map((name) => [name, refuse(name)]),
  ) as unknown as OperationHandlers;
  const handlers = { ...base } as OperationHandlers;
  for (const [name, handler] of Object.entries(overrides)) {
    (handlers as Record<string, unknown>)[name] = async (request: unknown) => {
      calls.push({ name, request });
      return (handler as (r: unknown) => Promise<unknown>)(request);
    };
  }
  return { handlers, calls };
}

function setup(overrides: Partial<OperationHandlers> = {}, practice = true) {
  const { handlers, calls } = recordingHandlers(overrides);
  const audit = memoryAuditSink();
  const dispatch = createOperationDispatcher(handlers, {
    trustedOrigin: ORIGIN,
    isPractice: () => practice,
    audit,
  });
  return { dispatch, calls, audit };
}

describe('sender check', () => {
  it('accepts the main frame of the app origin', async () => {
    const { dispatch } = setup({ 'session.info': async () => sessionInfo });
    const result = await dispatch(appFrame, 'session.info', {});
    expect(result).toEqual({ ok: true, value: sessionInfo });
  });

  it.each([
    [
      'a child frame of the app origin',
      { frameUrl: 'app://renderer/index.html', isAppMainFrame: false },
    ],
    [
      'another origin in the main frame',
      { frameUrl: 'https://evil.example/', isAppMainFrame: true },
    ],
    ['a look-alike host', { frameUrl: 'app://renderer.evil/index.html', isAppMainFrame: true }],
    ['a file URL', { frameUrl: 'file:///C:/app/index.html', isAppMainFrame: true }],
    ['a destroyed frame', { frameUrl: '', isAppMainFrame: true }],
    ['a malformed URL', { frameUrl: 'not a url', isAppMainFrame: true }],
  ])('refuses %s before looking at the request', async (_label, sender) => {
    const { dispatch, calls, audit } = setup({ 'session.info': async () => sessionInfo });
    const result = await dispatch(sender, 'session.info', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('forbidden-sender');
    expect(calls).toEqual([]);
    expect(audit.entries[0]).toMatchObject({
      operation: 'session.info',
      ok: false,
      code: 'forbidden-sender',
    });
  });
});

describe('operation lookup and request schema', () => {
  it.each([['no.such.op'], ['__proto__'], ['constructor'], ['toString'], [42], [null]])(
    'refuses the unknown operation %s',
    async (name) => {
      const { dispatch, calls } = setup();
      const result = await dispatch(appFrame, name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-operation' } });
      expect(calls).toEqual([]);
    },
  );

  it('refuses smuggled fields, wrong types and oversized arrays with a summary of the issues', async () => {
    const { dispatch, calls } = setup({
      'repair.plan': async () => {
        throw new Error('must not run');
      },
    });
    const smuggled = await dispatch(appFrame, 'repair.plan', {
      steps: ['clear-endpoint-cache'],
      path: 'C:\\Windows\\System32',
    });
    expect(smuggled).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!smuggled.ok) expect(smuggled.error.message).toMatch(/Unrecognized key/i);

    const wrongType = await dispatch(appFrame, 'repair.plan', { steps: 'clear-endpoint-cache' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    if (!wrongType.ok) expect(wrongType.error.message).toContain('steps');

    const oversized = await dispatch(appFrame, 'repair.apply', {
      planId: 'p1',
      actionIds: Array.from({ length: 10_001 }, (_, i) => `a${i}`),
    });
    expect(oversized).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    const notAnObject = await dispatch(appFrame, 'diagnosis.run', 'HKCU\\Software');
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(calls).toEqual([]);
  });

  it('passes the parsed request (defaults applied) to the handler', async () => {
    const { dispatch, calls } = setup({
      'client.close': async () => ({ closed: true, stillRunning: [] }),
    });
    const result = await dispatch(appFrame, 'client.close', {});
    expect(result).toEqual({ ok: true, value: { closed: true, stillRunning: [] } });
    expect(calls).toEqual([{ name: 'client.close', request: { force: false } }]);
  });
});

describe('practice-only operations', () => {
  it('refuses practice.reset outside practice and allows it in practice', async () => {
    const reset = async (request: { name: string }) => ({ scenario: request.name });
    const real = setup({ 'practice.reset': reset }, false);
    expect(await real.dispatch(appFrame, 'practice.reset', { name: 'healthy' })).toMatchObject({
      ok: false,
      error: { code: 'practice-only' },
    });
    expect(real.calls).toEqual([]);

    const practice = setup({ 'practice.reset': reset }, true);
    expect(await practice.dispatch(appFrame, 'practice.reset', { name: 'healthy' })).toEqual({
      ok: true,
      value: { scenario: 'healthy' },
    });
  });
});

describe('errors and responses', () => {
  it('keeps a AppError as plain data', async () => {
    const { dispatch } = setup({
      'runs.undo': async () => {
        throw new AppError('unknown-run', 'There is no repair with this id.', { runId: 'r1' });
      },
    });
    const result = await dispatch(appFrame, 'runs.undo', { runId: 'r1' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unknown-run',
        message: 'There is no repair with this id.',
        details: { runId: 'r1' },
      },
    });
    expect(Object.getPrototypeOf(result.ok ? null : result.error)).toBe(Object.prototype);
  });

  it('turns an unexpected exception into a generic internal error without its stack', async () => {
    const { dispatch, audit } = setup({
      'diagnosis.run': async () => {
        throw new TypeError('cannot read secret-token of undefined at C:\\src\\engine.ts:12');
      },
    });
    const result = await dispatch(appFrame, 'diagnosis.run', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    const text = JSON.stringify(result);
    expect(text).not.toContain('secret-token');
    expect(text).not.toContain('engine.ts');
    expect(audit.entries[0]?.internalDetail).toContain('secret-token');
  });

  it('turns a response outside its schema into an internal error and strips unknown fields', async () => {
    const bad = setup({
      'client.status': async () => ({ running: [{ pid: 'twelve', name: 'lync.exe' }] }) as never,
    });
    expect(await bad.dispatch(appFrame, 'client.status', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });

    const extra = setup({
      'client.status': async () =>
        ({ running: [{ pid: 12, name: 'lync.exe', internalHandle: 'HKCU\\x' }] }) as never,
    });
    expect(await extra.dispatch(appFrame, 'client.status', {})).toEqual({
      ok: true,
      value: { running: [{ pid: 12, name: 'lync.exe' }] },
    });
  });

  it('audits every call without its payload', async () => {
    const { dispatch, audit } = setup({
      'repair.plan': async () => {
        throw new AppError('invalid-request', 'Which address?');
      },
    });
    await dispatch(appFrame, 'repair.plan', {
      steps: ['clear-endpoint-cache'],
      address: 'secret.person@contoso.com',
    });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      operation: 'repair.plan',
      ok: false,
      code: 'invalid-request',
    });
    expect(typeof audit.entries[0]?.durationMs).toBe('number');
    expect(JSON.stringify(audit.entries)).not.toContain('secret.person');
  });

  it('marks the calls that change the PC in the audit log, from the operation table', async () => {
    const { dispatch, audit } = setup({
      'client.close': async () => ({ closed: true, stillRunning: [] }),
      'client.status': async () => ({ running: [] }),
    });
    await dispatch(appFrame, 'client.status', {});
    await dispatch(appFrame, 'client.close', {});
    expect(audit.entries.map((entry) => [entry.operation, entry.changesMachine])).toEqual([
      ['client.status', undefined],
      ['client.close', true],
    ]);
  });

  it('runs calls one at a time in arrival order', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { dispatch } = setup({
      'diagnosis.run': async () => {
        order.push('diagnosis start');
        await gate;
        order.push('diagnosis end');
        throw new AppError('cancelled', 'stopped');
      },
      'client.status': async () => {
        order.push('status');
        return { running: [] };
      },
    });
    const first = dispatch(appFrame, 'diagnosis.run', {});
    const second = dispatch(appFrame, 'client.status', {});
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['diagnosis start']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['diagnosis start', 'diagnosis end', 'status']);
  });
});

describe('request budget', () => {
  it('refuses far oversized or deeply nested requests before the schema', async () => {
    const { dispatch, calls } = setup({
      'diagnosis.run': async () => {
        throw new Error('must not run');
      },
    });
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i += 1) deep = { a: deep };
    for (const request of [
      { steps: Array.from({ length: 100_000 }, () => 'clear-endpoint-cache') },
      deep,
      { planId: 'p'.repeat(100_000) },
    ]) {
      const result = await dispatch(appFrame, 'repair.plan', request);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      if (!result.ok) expect(result.error.message).toMatch(/too (large|deeply|long)/);
    }
    expect(calls).toEqual([]);
  });
});
