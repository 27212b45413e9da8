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

async function findingStatus(harness: AppHarness, id: string): Promise<string | undefined> {
  const result = await harness.dispatch('diagnosis.run', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value.findings.find((finding) => finding.id === id)?.status;
}

describe('the Lync 2013 path in Chromium (kb-lync2013 practice PC)', () => {
  it(
    'walks scan → delete sign-in info → endpoint cache → a healthy re-scan → report',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      expect(await wizard.practiceBanner().textContent()).toContain('kb-lync2013');
      await app.screenshot('lync2013-01-welcome');
      expect(await seriousViolations(app.page)).toEqual([]);

      await wizard.scan();
      const clientLine = app.page.locator('.clients li').first();
      expect(await clientLine.textContent()).toContain('Lync 2013 version 15.0.4569.1506');
      const addresses = await app.page
        .getByRole('radio')
        .evaluateAll((inputs) =>
          (inputs as unknown as Array<{ value: string; checked: boolean }>).map((input) => [
            input.value,
            input.checked,
          ]),
        );
      expect(addresses).toContainEqual(['user@contoso.com', true]);
      expect(addresses).toContainEqual(['other@fabrikam.com', false]);
      await app.screenshot('lync2013-02-scan-results');
      expect(await seriousViolations(app.page)).toEqual([]);

      await wizard.next();
      expect(await wizard.heading().textContent()).toBe('Resolution for Lync 2013');
      const signIn = wizard.card('Delete my sign-in information');
      await signIn.preview();
      const planned = await signIn.plannedActions().allTextContents();
      expect(planned.length).toBeGreaterThan(0);
      expect(planned.join('\n')).not.toContain('fabrikam');
      await app.screenshot('lync2013-03-plan');
      expect(await seriousViolations(app.page)).toEqual([]);
      expect(await findingStatus(app, 'personal-certificate')).toBe('problem');

      await signIn.confirm();
      expect(await signIn.outcome()).toMatch(/^Done/);
      await app.screenshot('lync2013-04-result');
      expect(await seriousViolations(app.page)).toEqual([]);
      expect(await findingStatus(app, 'personal-certificate')).not.toBe('problem');
      expect(await findingStatus(app, 'stored-credentials')).not.toBe('problem');

      await wizard.next();
      expect(await wizard.heading().textContent()).toBe('Additional troubleshooting steps');
      const cache = wizard.card('Delete the endpoint cache');
      await cache.preview();
      await cache.confirm();
      expect(await cache.outcome()).toMatch(/^Done/);
      await app.screenshot('lync2013-05-additional');
      expect(await seriousViolations(app.page)).toEqual([]);

      await wizard.next();
      await app.page
        .getByText(/Coming in a later version|Run the checks/)
        .first()
        .waitFor();
      await app.screenshot('lync2013-06-admin');
      expect(await seriousViolations(app.page)).toEqual([]);

      expect(await wizard.rescanFromOutcome()).toBe('The new scan found no problems on this PC.');
      await app.page.getByRole('radio', { name: /other accounts sign in fine/ }).check();
      await app.screenshot('lync2013-07-outcome');
      expect(await seriousViolations(app.page)).toEqual([]);

      await wizard.next();
      await app.page.getByRole('button', { name: 'Prepare the report' }).click();
      await app.page.getByRole('heading', { name: 'The report is ready' }).waitFor();
      const [download] = await Promise.all([
        app.page.waitForEvent('download'),
        app.page.getByRole('button', { name: 'Save the report' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.html$/);
      const saved = await download.path();
      const { readFile } = await import('node:fs/promises');
      const html = await readFile(saved, 'utf8');
      expect(html).toContain('user@contoso.com');
      expect(html).not.toMatch(/<script/i);
      await app.page.getByRole('button', { name: 'Copy summary' }).click();
      await app.page.getByText(/^Copied the summary\./).waitFor();
      await app.screenshot('lync2013-08-report');
      expect(await seriousViolations(app.page)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );
});
