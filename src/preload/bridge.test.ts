import { describe, expect, it } from 'vitest';
import { channelFor, OPERATION_NAMES, PROGRESS_CHANNEL } from '../shared/operations';
import { createBridge } from './bridge';

describe('createBridge', () => {
  it('has one method per operation, each invoking its own channel with the request as is', async () => {
    const invoked: Array<[string, unknown]> = [];
    const bridge = createBridge(
      async (channel, request) => {
        invoked.push([channel, request]);
        return { ok: true, value: channel };
      },
      () => () => undefined,
    );
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES, 'onProgress'].sort());
    for (const name of OPERATION_NAMES) {
      const call = bridge[name] as (request: unknown) => Promise<unknown>;
      await expect(call({ probe: name })).resolves.toEqual({ ok: true, value: channelFor(name) });
    }
    expect(invoked).toEqual(OPERATION_NAMES.map((name) => [channelFor(name), { probe: name }]));
    expect(Object.isFrozen(bridge)).toBe(true);
    expect('send' in bridge || 'invoke' in bridge || 'ipcRenderer' in bridge).toBe(false);
  });

  it('delivers progress payloads only and unsubscribes', () => {
    const subscribers = new Map<string, Set<(payload: unknown) => void>>();
    const bridge = createBridge(
      async () => undefined,
      (channel, listener) => {
        const set = subscribers.get(channel) ?? new Set();
        set.add(listener);
        subscribers.set(channel, set);
        return () => set.delete(listener);
      },
    );
    const seen: unknown[] = [];
    const unsubscribe = bridge.onProgress((event) => seen.push(event));
    const emit = (payload: unknown) =>
      subscribers.get(PROGRESS_CHANNEL)?.forEach((l) => l(payload));
    emit({ operation: 'repair.apply', message: 'Backing up', done: 1, total: 3 });
    unsubscribe();
    emit({ operation: 'repair.apply', message: 'late' });
    expect(seen).toEqual([{ operation: 'repair.apply', message: 'Backing up', done: 1, total: 3 }]);
    expect(() => bridge.onProgress('not a function' as never)).toThrow(TypeError);
  });
});
