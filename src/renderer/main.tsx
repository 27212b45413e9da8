import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { BRIDGE_GLOBAL, RepairClient } from '../shared/operations';
import { App } from './App';
import { WizardProvider } from './store/wizard-context';
import { createWizardStore } from './store/wizard-store';

// The preload (or the browser-test harness) installs the bridge; the renderer has no other way
// out. The name is checked against the shared constant at compile time only: importing the
// operation table at run time would bundle its schemas (zod) into the renderer for nothing.
const bridgeGlobal: typeof BRIDGE_GLOBAL = 'sfbRepair';
declare global {
  interface Window {
    sfbRepair?: RepairClient;
  }
}

const root = document.getElementById('root');
const client = window[bridgeGlobal];
if (root && client) {
  const store = createWizardStore(client);
  void store.getState().start();
  createRoot(root).render(
    <StrictMode>
      <WizardProvider store={store}>
        <App />
      </WizardProvider>
    </StrictMode>,
  );
} else if (root) {
  root.textContent =
    'This window was opened without the app around it, so it cannot look at this PC. Start SfB Sign-in Repair itself.';
}
