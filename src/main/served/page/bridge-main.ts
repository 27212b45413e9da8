/**
 * The served wizard's stand-in for Electron's preload, run in the page before the renderer: the
 * same `RepairClient` (built by the preload's own `createBridge` from the operation table) under
 * the same global, with each call a same-origin POST and progress a server-sent event stream.
 * The page's stream being open is also how the server knows its window is still there.
 */
import { createBridge } from '../../../preload/bridge';
import { BRIDGE_GLOBAL } from '../../../shared/channels';
import { OPERATION_PATH, PROGRESS_PATH } from '../routes';

// The page's own globals, typed here because main's TypeScript project has no DOM library.
interface PageEventSource {
  onmessage: ((message: { data: string }) => void) | null;
}
const page = globalThis as unknown as { EventSource: new (url: string) => PageEventSource };

type Listener = (payload: unknown) => void;
const listeners = new Set<Listener>();

const progress = new page.EventSource(PROGRESS_PATH);
progress.onmessage = (message) => {
  let payload: unknown;
  try {
    payload = JSON.parse(message.data);
  } catch {
    return;
  }
  for (const listener of listeners) listener(payload);
};

async function invoke(channel: string, request: unknown): Promise<unknown> {
  const response = await fetch(OPERATION_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel, request }),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    throw new Error(`The wizard's server refused the call (HTTP ${response.status}).`);
  }
  return response.json();
}

Object.defineProperty(globalThis, BRIDGE_GLOBAL, {
  value: createBridge(invoke, (_channel, listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }),
  writable: false,
  configurable: false,
  enumerable: false,
});
