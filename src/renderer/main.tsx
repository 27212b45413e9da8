import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BRIDGE_GLOBAL, type RepairClient } from '../shared/operations';
import { App } from './App';
import { WizardProvider } from './store/wizard-context';
import { createWizardStore } from './store/wizard-store';

// The preload (or the browser-test harness) installs the bridge; the renderer has no other way out.
declare global {
  interface Window {
    [BRIDGE_GLOBAL]?: RepairClient;
  }
}

const root = document.getElementById('root');
const client = window[BRIDGE_GLOBAL];
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
