/**
 * What the browser-test harness installs in every frame in place of Electron's preload: the same
 * `RepairClient` shape under the same global, forwarding each call to the harness's transport
 * binding. The binding passes the calling frame to the real dispatcher, so the sender check is
 * the app's own.
 */
export const INVOKE_BINDING = '__sfbHarnessInvoke';
export const PROGRESS_HOOK = '__sfbHarnessProgress';

export interface PageBridgeOptions {
  global: string;
  names: readonly string[];
  invokeBinding: string;
  progressHook: string;
}

/** Runs inside the page (serialised by Playwright), so it closes over nothing. */
export function installPageBridge(options: PageBridgeOptions): void {
  type Listener = (event: unknown) => void;
  const scope = globalThis as unknown as Record<string, unknown>;
  const invoke = scope[options.invokeBinding] as (
    name: string,
    request: unknown,
  ) => Promise<unknown>;
  const listeners = new Set<Listener>();
  const bridge: Record<string, unknown> = {};
  for (const name of options.names) {
    bridge[name] = (request: unknown) => invoke(name, request);
  }
  bridge.onProgress = (listener: unknown) => {
    if (typeof listener !== 'function') throw new TypeError('onProgress needs a function');
    const wrapped: Listener = (event) => (listener as Listener)(event);
    listeners.add(wrapped);
    return () => {
      listeners.delete(wrapped);
    };
  };
  Object.defineProperty(globalThis, options.global, {
    value: Object.freeze(bridge),
    writable: false,
    configurable: false,
    enumerable: false,
  });
  Object.defineProperty(globalThis, options.progressHook, {
    value: (event: unknown) => {
      for (const listener of listeners) listener(event);
    },
    writable: false,
    configurable: false,
    enumerable: false,
  });
}
