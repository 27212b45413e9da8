import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WizardStore } from './wizard-state';
import type { WizardStoreApi } from './wizard-store';

const WizardContext = createContext<WizardStoreApi | null>(null);

export function WizardProvider({
  store,
  children,
}: {
  store: WizardStoreApi;
  children: ReactNode;
}) {
  return <WizardContext.Provider value={store}>{children}</WizardContext.Provider>;
}

function useWizardStoreApi(): WizardStoreApi {
  const store = useContext(WizardContext);
  if (!store) throw new Error('The wizard screens need a WizardProvider around them.');
  return store;
}

/** Reads one slice of the wizard state; select stable values (fields), not new objects. */
export function useWizard<T>(selector: (state: WizardStore) => T): T {
  return useStore(useWizardStoreApi(), selector);
}
