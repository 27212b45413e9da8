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
      expect(await screenProblems(app.page)).toEqual([]);

      await wizard.scan();
      const clientLine = app.page.locator('.clients li').first();
      expect(await clientLine.textContent()).toContain(
        'Lync 2013 / Skype for Business 2015 version 15.0.4569.1506',
      );
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
      expect(await screenProblems(app.page)).toEqual([]);

      await wizard.next();
      expect(await wizard.heading().textContent()).toBe('Resolution for Lync 2013');
      const signIn = wizard.card('Delete my sign-in information');
      expect(await signIn.statuses()).toEqual(['Problem found', 'Problem found', 'Problem found']);
      // The fix is the filled button; Next is not, and says what is left unfixed.
      expect(await signIn.button('Show what will change').getAttribute('class')).toBe('primary');
      expect(await app.page.getByRole('button', { name: /^Next: / }).getAttribute('class')).toBe(
        'next',
      );
      await app.page.getByText(/^Not fixed yet: Delete my sign-in information\./).waitFor();
      await signIn.preview();
      const planned = await signIn.plannedActions().allTextContents();
      expect(planned.length).toBeGreaterThan(0);
      expect(planned.join('\n')).not.toContain('fabrikam');
      await app.screenshot('lync2013-03-plan');
      expect(await screenProblems(app.page)).toEqual([]);
      expect(await findingStatus(app, 'personal-certificate')).toBe('problem');

      await signIn.confirm();
      expect(await signIn.outcome()).toMatch(/^Done/);
      // The PC was scanned again: the card says what is true now.
      expect(await signIn.waitForStatuses('Fixed')).toEqual(['Fixed', 'Fixed', 'Fixed']);
      expect(await app.page.getByRole('button', { name: /^Next: / }).getAttribute('class')).toBe(
        'primary',
      );
      await app.screenshot('lync2013-04-result');
      expect(await screenProblems(app.page)).toEqual([]);
      expect(await findingStatus(app, 'personal-certificate')).not.toBe('problem');
      expect(await findingStatus(app, 'stored-credentials')).not.toBe('problem');

      await wizard.next();
      expect(await wizard.heading().textContent()).toBe('Additional troubleshooting steps');
      const cache = wizard.card('Delete the endpoint cache');
      // The certificate card on this screen follows the change made on the previous one.
      expect(await wizard.card('Delete the personal certificate').statuses()).toEqual(['Fixed']);
      expect(await cache.statuses()).toEqual(['Problem found']);
      await cache.preview();
      await cache.confirm();
      expect(await cache.outcome()).toMatch(/^Done/);
      expect(await cache.waitForStatuses('Fixed')).toEqual(['Fixed']);
      await app.screenshot('lync2013-05-additional');
      expect(await screenProblems(app.page)).toEqual([]);

      await wizard.next();
      await app.page.getByRole('button', { name: 'Run the checks' }).waitFor();
      await app.screenshot('lync2013-06-admin');
      expect(await screenProblems(app.page)).toEqual([]);

      expect(await wizard.rescanFromOutcome()).toBe('The new scan found no problems on this PC.');
      await app.page.getByRole('radio', { name: /other accounts sign in fine/ }).check();
      // "Did it work?" shows each finding before → after the changes.
      const beforeAfter = await app.page.locator('.before-after li').allTextContents();
      expect(beforeAfter).toContainEqual(
        expect.stringMatching(
          /^Personal certificate \(Communications Server\): Problem found → Fixed\./,
        ),
      );
      // Button states keep AA contrast: a pressed toggle hovered, and a focused button.
      const pressed = app.page.getByRole('button', { name: 'No, it still fails' });
      expect(await pressed.getAttribute('aria-pressed')).toBe('true');
      await pressed.hover();
      expect(await screenProblems(app.page)).toEqual([]);
      await app.page.getByRole('button', { name: 'Yes, I can sign in' }).hover();
      expect(await screenProblems(app.page)).toEqual([]);
      await app.page.getByRole('button', { name: /^Next: / }).focus();
      await app.page.getByRole('button', { name: /^Next: / }).hover();
      expect(await screenProblems(app.page)).toEqual([]);
      await app.page.mouse.move(0, 0);
      await app.screenshot('lync2013-07-outcome');
      expect(await screenProblems(app.page)).toEqual([]);

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
      // The ticket's summary comes first and names the address even though its settings are gone.
      expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('Details: this PC'));
      expect(html).toMatch(/Sign-in address repaired<\/dt>\s*<dd>user@contoso\.com/);
      // Nothing overflows sideways at phone, tablet and desktop widths.
      const reader = await app.page.context().newPage();
      await reader.setContent(html);
      for (const width of [360, 768, 1280]) {
        await reader.setViewportSize({ width, height: 800 });
        const sizes = await reader.evaluate(() => {
          const root = (globalThis as unknown as PageDom).document.documentElement;
          return { scroll: root.scrollWidth, client: root.clientWidth };
        });
        expect({ width, overflow: sizes.scroll - sizes.client }).toEqual({ width, overflow: 0 });
      }
      await reader.setViewportSize({ width: 360, height: 800 });
      await reader.screenshot({
        path: 'test-results/screens/lync2013-09-report-360.png',
        fullPage: false,
      });
      await reader.close();
      await app.page.getByRole('button', { name: 'Copy summary' }).click();
      await app.page.getByText(/^Copied the summary\./).waitFor();
      await app.screenshot('lync2013-08-report');
      expect(await screenProblems(app.page)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );
});
