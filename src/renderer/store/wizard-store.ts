import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RepairClient } from '../client/client-types';
import { clientStartSlice } from './slices/client-start-slice';
import { dataLockSlice } from './slices/data-lock-slice';
import { historySlice } from './slices/history-slice';
import { outcomeSlice } from './slices/outcome-slice';
import { repairSlice } from './slices/repair-slice';
import { scanSlice } from './slices/scan-slice';
import { sessionSlice } from './slices/session-slice';
import type { WizardState, WizardStore } from './wizard-state';

export type WizardStoreApi = StoreApi<WizardStore>;
export { historyKey } from './slices/repair-slice';

const initialState: WizardState = {
  screen: 'scan',
  helpdesk: false,
  scanning: false,
  scanCount: 0,
  repairs: {},
  admin: { busy: false },
  outcome: {},
  history: {},
  recovery: { busy: false },
  report: { busy: false },
  backups: { busy: false },
  restart: { busy: false },
  clientStart: { busy: false, closedByApp: false },
  lockBreak: { busy: false },
};

/**
 * The wizard's whole state and every action, created with the client it talks through (the
 * preload's bridge in the app, a fake in component tests). Nothing here reads window globals.
 * Each slice owns one part of the journey; they reach each other through `get()`.
 */
export function createWizardStore(client: RepairClient): WizardStoreApi {
  const store = createStore<WizardStore>()((set, get) => {
    const context = { set, get, client };
    return {
      ...initialState,
      ...sessionSlice(context),
      ...scanSlice(context),
      ...repairSlice(context),
      ...historySlice(context),
      ...outcomeSlice(context),
      ...clientStartSlice(context),
      ...dataLockSlice(context),
      dispose() {
        unsubscribe();
      },
    };
  });

  const unsubscribe = client.onProgress((event) => {
    if (event.operation === 'repair.apply' || event.operation === 'runs.undo') {
      store.setState({ progress: event });
    }
  });
  return store;
}
