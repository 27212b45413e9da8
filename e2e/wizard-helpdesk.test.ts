import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from './harness/app-harness';
import { screenProblems } from './pages/visual-checks';
import type { PageDom } from './pages/page-dom';
import { WizardPage } from './pages/wizard-page';

// A walkthrough starts Chromium, drives a dozen screens and lays each out at two widths in two
// modes; on a busy 2-core machine it can take well over Vitest's default budget.
const WALKTHROUGH_TIMEOUT_MS = 240_000;

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('helpdesk mode in Chromium', () => {
  it(
    'shows the session’s support code, KB references and technical details in larger text',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      const session = await app.dispatch('session.info', {});
      if (!session.ok) throw new Error(session.error.message);

      const normalSize = await wizard.fontSize('.app');
      await wizard.setHelpdesk(true);
      expect(await wizard.fontSize('.app')).toBeGreaterThan(normalSize);
      const code = app.page.locator('.support-code-large strong');
      expect(await code.textContent()).toBe(session.value.supportCode);

      await wizard.scan();
      await wizard.next();
      const card = wizard.card('Delete my sign-in information');
      expect(await card.root.locator('.kb-ref').first().textContent()).toBe(
        'KB: Resolution for Lync 2013 › Delete the sign-in information',
      );
      await card.preview();
      // Technical details are open: the certificate's thumbprint and store are on screen.
      const details = card.root.locator('.plan .target-details').first();
      expect(await details.isVisible()).toBe(true);
      await app.screenshot('helpdesk-01-plan-1024x700');
      expect(await screenProblems(app.page)).toEqual([]);

      await app.page.setViewportSize({ width: 1440, height: 900 });
      await app.screenshot('helpdesk-02-plan-1440x900');
      await wizard.goToStep('Administrators');
      await app.page.getByRole('button', { name: 'Run the checks' }).waitFor();
      await app.screenshot('helpdesk-03-admin');
      expect(await screenProblems(app.page)).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );

  it(
    'is usable with the keyboard alone: Tab reaches every step, Enter acts, focus is visible',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      const page = app.page;
      await wizard.tabTo('Scan this PC');
      const focused = await wizard.focused();
      expect(focused.outline).toBe('solid');
      expect(focused.outlineWidth).toBeGreaterThanOrEqual(2);
      await app.screenshot('keyboard-01-focus-ring');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'What the scan found' }).waitFor();
      await wizard.tabTo('Next: Your Lync');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => (globalThis as unknown as PageDom).document.activeElement?.tagName === 'H1',
      );
      await wizard.tabTo('Show what will change');
      await page.keyboard.press('Enter');
      await wizard.tabTo('Make this change');
      await page.keyboard.press('Enter');
      await page.getByText(/^Done/).first().waitFor();
    },
    WALKTHROUGH_TIMEOUT_MS,
  );
});
