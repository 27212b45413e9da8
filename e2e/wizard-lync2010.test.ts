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

describe('the Lync 2010 path in Chromium (kb-lync2010 practice PC)', () => {
  it(
    'shows the two updates as guidance, clears the cached sign-in, and re-scans',
    async () => {
      app = await startApp({ scenario: 'kb-lync2010' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      await wizard.scan();
      expect(await app.page.locator('.clients li').first().textContent()).toContain(
        'Lync 2010 version 4.0.7577.0',
      );
      await app.screenshot('lync2010-01-scan-results');

      await wizard.next();
      expect(await wizard.heading().textContent()).toBe('Resolution for Lync 2010');
      const update = app.page.getByRole('region', { name: '1. Update the Lync client' });
      expect(await update.locator('.status-badge').textContent()).toBe('Problem found');
      expect(await update.textContent()).toContain('4.0.7577.0');
      const assistant = app.page.getByRole('region', {
        name: '2. Update the Microsoft Online Services Sign-In Assistant',
      });
      expect(await assistant.locator('.status-badge').textContent()).toBe('Problem found');
      expect(await assistant.textContent()).toContain('7.250.4303');
      // The download page opens through main, never in this window; served here without a
      // browser to start, the app says to type the address.
      const before = app.page.url();
      await assistant.getByRole('link', { name: /Sign-In Assistant/ }).click();
      await assistant.getByText(/type the address into it/).waitFor();
      expect(app.page.url()).toBe(before);
      expect(await assistant.textContent()).toContain(
        'https://www.microsoft.com/download/details.aspx?id=41950',
      );

      // Lync 2010's updates: the Microsoft Update Catalog, opened the same way, never the
      // Office 365 portal (it no longer offers Lync 2010).
      await update.getByRole('link', { name: /Microsoft Update Catalog/ }).click();
      await update.getByText(/type the address into it/).waitFor();
      expect(app.page.url()).toBe(before);
      expect(await update.textContent()).toContain(
        'https://www.catalog.update.microsoft.com/Search.aspx?q=Lync%202010',
      );
      expect(await update.textContent()).not.toContain('portal.office.com');
      expect(app.audit.filter((entry) => entry.operation === 'app.openExternal')).toHaveLength(2);

      const clear = wizard.card('3. Clear your cached certificates, credentials and connections');
      await clear.preview();
      await app.screenshot('lync2010-02-plan');
      expect(await visualProblems(app.page)).toEqual([]);
      await clear.confirm();
      expect(await clear.outcome()).toMatch(/^Done/);
      await app.screenshot('lync2010-03-result');

      await wizard.goToStep('More steps');
      const cache = wizard.card('Delete the endpoint cache');
      if ((await cache.statuses()).includes('Problem found')) {
        await cache.preview();
        await cache.confirm();
        expect(await cache.outcome()).toMatch(/^Done/);
      } else {
        // Nothing wrong with it (the sign-in card deleted it): the person is told so.
        await cache.root.getByText(/^Nothing is wrong here/).waitFor();
        expect(await cache.button('Show what will change').count()).toBe(0);
      }

      // The app repairs the caches; updating Lync and the Sign-In Assistant is the user's to do.
      await wizard.rescanFromOutcome();
      const remaining = await wizard.findingSummaries(
        app.page.locator('section[aria-labelledby="rescan-title"]'),
      );
      const result = await app.dispatch('diagnosis.run', {});
      if (!result.ok) throw new Error(result.error.message);
      const problems = result.value.findings.filter((finding) => finding.status === 'problem');
      expect(problems.map((finding) => finding.id).sort()).toEqual(['client', 'sign-in-assistant']);
      expect(remaining).toHaveLength(2);
      await app.screenshot('lync2010-04-rescan');
      expect(await screenProblems(app.page)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );
});
