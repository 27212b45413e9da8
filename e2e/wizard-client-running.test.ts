import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from './harness/app-harness';
import { screenProblems, visualProblems } from './pages/visual-checks';
import { WizardPage } from './pages/wizard-page';

// A walkthrough starts Chromium, drives a dozen screens and lays each out at two widths in two
// modes; on a busy 2-core machine it can take well over Vitest's default budget.
const WALKTHROUGH_TIMEOUT_MS = 240_000;

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

      await card.root
        .getByText('Lync 2013 / Skype for Business 2015 is still open (lync.exe).')
        .waitFor();
      await app.screenshot('client-running-01-still-open');
      expect(await visualProblems(app.page)).toEqual([]);
      const runs = await app.dispatch('runs.list', {});
      expect(runs.ok && runs.value.runs).toEqual([]);

      // "I closed it myself" while the practice PC's Lync still runs: the wizard checks again,
      // says it still runs, and changes nothing.
      await card.button('I closed it myself').click();
      const stillRunning = card.root.getByRole('alert');
      await stillRunning.waitFor();
      expect(await stillRunning.textContent()).toMatch(
        /^Lync 2013 \/ Skype for Business 2015 is still running: it was checked again just now/,
      );
      expect(await card.root.getByText(/ is still open \(lync\.exe\)\.$/).isVisible()).toBe(true);
      await app.screenshot('client-running-02-closed-it-myself');
      expect(await screenProblems(app.page)).toEqual([]);
      const stillThere = await app.dispatch('client.status', {});
      expect(stillThere.ok && stillThere.value.running.length).toBeGreaterThan(0);
      const afterRecheck = await app.dispatch('runs.list', {});
      expect(afterRecheck.ok && afterRecheck.value.runs).toEqual([]);
      const operations = app.audit.map((entry) => entry.operation);
      expect(operations.filter((name) => name === 'client.status').length).toBeGreaterThanOrEqual(
        2,
      );
      expect(operations).not.toContain('repair.apply');
      expect(operations).not.toContain('client.close');

      await card.button('Close Lync 2013 / Skype for Business 2015 for me').click();
      expect(await card.outcome()).toMatch(/^Done/);
      await app.screenshot('client-running-03-closed-and-done');
      const status = await app.dispatch('client.status', {});
      expect(status.ok && status.value.running).toEqual([]);
      expect(app.audit.map((entry) => entry.operation)).toEqual(
        expect.arrayContaining(['client.status', 'client.close', 'repair.apply']),
      );
    },
    WALKTHROUGH_TIMEOUT_MS,
  );

  it(
    'names Skype for Business 2019 (sfb2019-onprem: lync.exe and its UcMapi helper running)',
    async () => {
      app = await startApp({ scenario: 'sfb2019-onprem' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      await wizard.scan();
      await wizard.next();
      const card = wizard.card('Delete my sign-in information');
      expect(await card.root.textContent()).toContain(
        'Skype for Business 2019 keeps your saved password',
      );
      await card.preview();
      await card.confirm();

      const panel = card.root.getByRole('group', { name: /is still open/ });
      await panel.waitFor();
      expect(await panel.locator('.notice-title').textContent()).toBe(
        'Skype for Business 2019 is still open (lync.exe).',
      );
      const ucmapi = () => app?.session.host().processes.find(['ucmapi.exe']);
      expect(await ucmapi()).toHaveLength(1);
      // No sentence in the panel calls it by another client's name.
      expect(await panel.textContent()).not.toMatch(/\bLync\b/);
      await card.button('I closed it myself').click();
      await card.root.getByRole('alert').waitFor();
      expect(await card.root.getByRole('alert').textContent()).toMatch(
        /^Skype for Business 2019 is still running: it was checked again just now/,
      );
      await app.screenshot('client-running-04-sfb2019');
      expect(await screenProblems(app.page)).toEqual([]);

      await card.button('Close Skype for Business 2019 for me').click();
      expect(await card.outcome()).toMatch(/^Done/);
      const status = await app.dispatch('client.status', {});
      expect(status.ok && status.value.running).toEqual([]);
      // Its companion UcMapi.exe was closed with it.
      expect(await ucmapi()).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );
});
