import { afterEach, describe, expect, it } from 'vitest';
import { adjustPracticePc } from '../src/main/host/practice';
import { startApp, type AppHarness } from './harness/app-harness';
import { snapshotTree } from './harness/tree-snapshot';
import { screenProblems } from './pages/visual-checks';
import { WizardPage } from './pages/wizard-page';

// A walkthrough starts Chromium, drives several screens and lays each out at two widths in two
// modes; on a busy 2-core machine it can take well over Vitest's default budget.
const WALKTHROUGH_TIMEOUT_MS = 240_000;

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('started "as administrator" with another account, in Chromium', () => {
  it(
    'explains it, switches off the per-user repairs, keeps the DNS flush and answers "Restart normally"',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      // What Windows would report for a tool started with an administrator's account while
      // "user" is signed in; the practice host reads its identity on every call.
      await adjustPracticePc(app.practicePcDir, {
        identity: { userName: 'admin', elevated: true, interactiveUserName: 'user' },
      });
      const before = await snapshotTree(app.practicePcDir);
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      await wizard.scan();

      const alert = app.page.getByRole('alert', {
        name: 'This app is running as CONTOSO\\admin, not as user',
      });
      await alert.waitFor();
      expect(await alert.textContent()).toContain(
        'user is signed in to Windows, but this app was started with “Run as administrator” as CONTOSO\\admin.',
      );
      expect(
        await app.page.locator('.findings').first().locator('li').first().textContent(),
      ).toContain('Started as CONTOSO\\admin while user is signed in');
      await app.screenshot('wizard-profile-01-scan');
      expect(await screenProblems(app.page)).toEqual([]);

      await alert.getByRole('button', { name: 'Restart normally' }).click();
      const answer = alert.getByText(/^Practice PC: nothing was started\./);
      await answer.waitFor();
      expect(await answer.textContent()).toContain(
        'ask Windows Explorer, which runs as user, to start SfB Sign-in Repair again without administrator rights',
      );
      expect(app.audit.filter((entry) => entry.operation === 'app.restartAsUser')).toMatchObject([
        { ok: true },
      ]);

      await wizard.next();
      const signIn = wizard.card('Delete my sign-in information');
      await signIn.root.getByText('Switched off: this app runs as CONTOSO\\admin').waitFor();
      expect(await signIn.button('Show what will change').isDisabled()).toBe(true);
      await app.screenshot('wizard-profile-02-card-switched-off');

      await wizard.next();
      for (const title of [
        'Delete the endpoint cache',
        'Delete the personal certificate',
        "Remove the user's stored credentials",
      ]) {
        expect(await wizard.card(title).button('Show what will change').isDisabled(), title).toBe(
          true,
        );
      }
      const dns = wizard.card('Flush the DNS cache');
      await dns.preview();
      await dns.confirm();
      expect(await dns.outcome()).toMatch(/^Done/);
      expect(await screenProblems(app.page)).toEqual([]);

      // The page only switches the buttons off; main refuses the same request on its own.
      const forced = await app.dispatch('repair.plan', { steps: ['clear-endpoint-cache'] });
      expect(forced).toMatchObject({ ok: false, error: { code: 'wrong-profile' } });

      // Only the DNS flush touched the practice PC: its machine document counts flushes, and
      // its registry now holds the engine's integrity key (made for the first journalled run).
      const after = await snapshotTree(app.practicePcDir);
      const changed = Object.keys(after).filter((path) => after[path] !== before[path]);
      expect(changed).toEqual(['machine.json', 'registry.json']);
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      expect(app.pageErrors).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );
});
