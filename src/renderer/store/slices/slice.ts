import type { StoreApi } from 'zustand/vanilla';
import type { RepairClient } from '../../client/client-types';
import type { WizardStore } from '../wizard-state';

/** What every slice is made with: the store's set/get and the client it talks through. */
export interface SliceContext {
  set: StoreApi<WizardStore>['setState'];
  get: StoreApi<WizardStore>['getState'];
  client: RepairClient;
}
