import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { App } from '../../src/renderer/App';
import { WizardProvider } from '../../src/renderer/store/wizard-context';
import { createWizardStore } from '../../src/renderer/store/wizard-store';
import { createFakeClient, type FakeClient, type FakeClientOptions } from './fake-client';

/** Renders the whole wizard over a fake client, as main.tsx does over the real bridge. */
export async function renderWizard(options: FakeClientOptions = {}) {
  return openWizard(createFakeClient(options));
}

/**
 * The wizard in a new window (a new store) over `client`: after `cleanup()`, the window opened
 * again over the same main process, which remembers what the first window did.
 */
export async function openWizard(client: FakeClient) {
  const store = createWizardStore(client);
  await store.getState().start();
  const user = userEvent.setup();
  const view = render(
    <WizardProvider store={store}>
      <App />
    </WizardProvider>,
  );
  return { client, store, user, view };
}

export async function scanAndContinue(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
  await screen.findByRole('heading', { name: 'What the scan found' });
  await user.click(screen.getByRole('button', { name: /^Next: / }));
}

/** On "More steps": clears the endpoint cache, then scans again from "Did it work?". */
export async function clearEndpointCacheAndScanAgain(user: ReturnType<typeof userEvent.setup>) {
  const cache = screen.getByRole('region', { name: 'Delete the endpoint cache' });
  await user.click(within(cache).getByRole('button', { name: 'Show what will change' }));
  await user.click(await within(cache).findByRole('button', { name: 'Make this change' }));
  await within(cache).findByText(/^Done\./);
  await user.click(screen.getByRole('button', { name: /Did it work\?/ }));
  await user.click(screen.getByRole('button', { name: 'No, it still fails' }));
  await user.click(screen.getByRole('button', { name: 'Scan again' }));
}

/**
 * axe-core on what jsdom renders. Colour contrast needs real layout and is checked in Chromium
 * by the browser walkthroughs instead.
 */
export async function seriousA11yViolations(container: Element): Promise<string[]> {
  const results = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false } },
    resultTypes: ['violations'],
  });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
}
