import { describe, expect, it } from 'vitest';
import { createFakeClient } from '../../../testing/renderer/fake-client';
import { createWizardStore } from './wizard-store';

describe('createWizardStore', () => {
  it('talks only through the injected client and starts with the session', async () => {
    const client = createFakeClient();
    const store = createWizardStore(client);
    expect(client.calls).toEqual([]);
    await store.getState().start();
    expect(store.getState().session?.supportCode).toBe('K7Q2XM');
    expect(client.calls.map((call) => call.name)).toEqual(['session.info', 'runs.list']);
  });

  it('forwards progress of a change and stops listening on dispose', async () => {
    const client = createFakeClient();
    const store = createWizardStore(client);
    expect(client.progressListeners).toBe(1);
    await store.getState().scan();
    await store.getState().previewRepair('card', ['delete-sign-in-info']);

    const seen: Array<string | undefined> = [];
    const stop = store.subscribe((state) => seen.push(state.progress?.message));
    await store.getState().confirmRepair('card');
    stop();
    expect(seen).toContain('Remove the saved sign-in password for user@contoso.com');
    expect(store.getState().progress).toBeUndefined();
    expect(store.getState().repairs.card?.phase).toBe('result');

    store.getState().dispose();
    expect(client.progressListeners).toBe(0);
  });

  it('plans for the address the user picks, and drops previews made for another one', async () => {
    const client = createFakeClient();
    const store = createWizardStore(client);
    await store.getState().scan();
    expect(store.getState().address).toBe('user@contoso.com');
    await store.getState().previewRepair('card', ['clear-endpoint-cache']);
    store.getState().chooseAddress('other@fabrikam.com');
    expect(store.getState().repairs.card).toBeUndefined();
    await store.getState().previewRepair('card', ['clear-endpoint-cache']);
    expect(client.calls.at(-1)?.request).toEqual({
      steps: ['clear-endpoint-cache'],
      address: 'other@fabrikam.com',
    });
    // A re-scan keeps the user's choice.
    await store.getState().scan();
    expect(store.getState().address).toBe('other@fabrikam.com');
  });

  it('does not apply while the client runs, and re-checks when apply reports it started again', async () => {
    const client = createFakeClient({ clientRunning: 'cooperative' });
    const store = createWizardStore(client);
    await store.getState().scan();
    await store.getState().previewRepair('card', ['delete-sign-in-info']);
    await store.getState().confirmRepair('card');
    expect(store.getState().repairs.card?.phase).toBe('client-running');
    expect(store.getState().repairs.card?.running).toEqual(['lync.exe']);

    // The status said closed, but main refuses because the client came back meanwhile.
    const realStatus = client['client.status'];
    let statusCalls = 0;
    client['client.status'] = async (request) => {
      statusCalls += 1;
      return statusCalls === 1 ? { ok: true, value: { running: [] } } : realStatus(request);
    };
    await store.getState().recheckClient('card');
    expect(store.getState().repairs.card?.phase).toBe('client-running');
    expect(client.calls.filter((call) => call.name === 'repair.apply')).toHaveLength(1);
  });

  it('keeps the settled address when a repair removed every trace of it', async () => {
    const client = createFakeClient();
    const store = createWizardStore(client);
    await store.getState().scan();
    const realScan = client['diagnosis.run'];
    client['diagnosis.run'] = async (request) => {
      const result = await realScan(request);
      if (!result.ok) return result;
      return {
        ok: true,
        value: { ...result.value, currentAddress: undefined, addresses: ['other@fabrikam.com'] },
      };
    };
    await store.getState().scan();
    expect(store.getState().address).toBe('user@contoso.com');
  });

  it('runs the administrators’ checks only when asked, for the trimmed domain', async () => {
    const client = createFakeClient();
    const store = createWizardStore(client);
    await store.getState().scan();
    expect(client.calls.filter((call) => call.name === 'admin.check')).toHaveLength(0);
    await store.getState().runAdminCheck(' contoso.com ', []);
    expect(store.getState().admin.busy).toBe(false);
    expect(store.getState().admin.findings?.map((finding) => finding.id)).toEqual([
      'certificate-chain',
    ]);
    expect(client.calls.at(-1)?.request).toEqual({ domain: 'contoso.com', targets: [] });
  });
});
