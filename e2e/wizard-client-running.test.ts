import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from './harness/app-harness';
import { seriousViolations } from './pages/axe';
import { WizardPage } from './pages/wizard-page';

// A walkthrough starts Chromium and drives a dozen screens; on a busy 2-core machine it can
// take well over Vitest's default budget.
const WALKTHROUGH_TIMEOUT_MS = 120_000;

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('a running Lync in Chromium (client-running practice PC)', () => {
  it(
    'stops before changing anything, closes Lync when asked, then makes the change',
    async () => {
      app = await startApp({ scenario: 'client-running' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      await wizard.scan();
      expect(await app.page.locator('.clients li').first().textContent()).toContain(
        '(running now)',
      );
      await wizard.next();
      const card = wizard.card('Delete my sign-in information');
      await card.preview();
      await card.confirm();

      await card.root.getByText(/^Lync is still open/).waitFor();
      await app.screenshot('client-running-01-still-open');
      expect(await seriousViolations(app.page)).toEqual([]);
      const runs = await app.dispatch('runs.list', {});
      expect(runs.ok && runs.value.runs).toEqual([]);

      await card.button('Close Lync for me').click();
      expect(await card.outcome()).toMatch(/^Done/);
      await app.screenshot('client-running-02-closed-and-done');
      const status = await app.dispatch('client.status', {});
      expect(status.ok && status.value.running).toEqual([]);
      expect(app.audit.map((entry) => entry.operation)).toEqual(
        expect.arrayContaining(['client.status', 'client.close', 'repair.apply']),
      );
    },
    WALKTHROUGH_TIMEOUT_MS,
  );
});
