/**
 * The renderer's `RepairClient`, built from the shared operation table: one method per
 * operation, each an `invoke` on that operation's channel, plus `onProgress`. Nothing else is
 * reachable from the page — no generic send, no ipcRenderer, no event objects.
 */
import { channelFor, OPERATION_NAME_LIST, PROGRESS_CHANNEL } from '../shared/channels';
import type { ProgressEvent, RepairClient } from '../shared/operations';

export type Invoke = (channel: string, request: unknown) => Promise<unknown>;
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

export function createBridge(invoke: Invoke, subscribe: Subscribe): RepairClient {
  const bridge: Record<string, unknown> = {};
  for (const name of OPERATION_NAME_LIST) {
    const channel = channelFor(name);
    bridge[name] = (request: unknown) => invoke(channel, request);
  }
  bridge.onProgress = (listener: unknown) => {
    if (typeof listener !== 'function') throw new TypeError('onProgress needs a function');
    return subscribe(PROGRESS_CHANNEL, (payload) =>
      (listener as (e: ProgressEvent) => void)(payload as ProgressEvent),
    );
  };
  return Object.freeze(bridge) as RepairClient;
}
