/**
 * Runs in the sandboxed preload of the app window and exposes the `RepairClient` bridge as
 * `window.sfbRepair`. Main validates the sender and every request; this only shapes the calls.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL } from '../shared/channels';
import { createBridge } from './bridge';

const bridge = createBridge(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (channel, listener) => {
    // The page gets the payload only, never Electron's event (it carries the sender object).
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
);

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
