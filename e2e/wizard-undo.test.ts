import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from './harness/app-harness';
import { savedPassword, SIGNED_IN_AGAIN, signInAgain } from '../testing/engine/sign-in-again';
import { snapshotDifferences, snapshotPc } from '../testing/engine/snapshot';
import { WizardPage } from './pages/wizard-page';
import { screenProblems } from './pages/visual-checks';

// A walkthrough starts Chromium, drives a dozen screens and lays each out at two widths in two
// modes; on a busy 2-core machine it can take well over Vitest's default budget.
const WALKTHROUGH_TIMEOUT_MS = 240_000;

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function statuses(harness: AppHarness): Promise<Record<string, string>> {
  const result = await harness.dispatch('diagnosis.run', {});
  if (!result.ok) throw new Error(result.error.message);
  return Object.fromEntries(result.value.findings.map((finding) => [finding.id, finding.status]));
}

/** What a finding points at (credential targets, thumbprints), as the scan reports it. */
async function evidence(harness: AppHarness, id: string): Promise<string[]> {
  const result = await harness.dispatch('diagnosis.run', {});
  if (!result.ok) throw new Error(result.error.message);
  const finding = result.value.findings.find((entry) => entry.id === id);
  return (finding?.evidence ?? []).map((item) => item.value).sort();
}

describe('undo from the wizard in Chromium', () => {
  it(
    'undoes one step only, then the rest, leaving the PC exactly as it was',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      const before = await statuses(app);
      const credentialsBefore = await evidence(app, 'stored-credentials');
      const certificatesBefore = await evidence(app, 'personal-certificate');
      expect(credentialsBefore.join()).toContain('Microsoft_OC1:uri=user@contoso.com');
      // Everything observable through the host ports: files, registry, certificates, credentials.
      const pcBefore = await snapshotPc(app.session.host());

      await wizard.scan();
      await wizard.next();
      const card = wizard.card('Delete my sign-in information');
      await card.preview();
      await card.confirm();
      expect(await card.outcome()).toMatch(/^Done/);
      expect(await card.waitForStatuses('Fixed')).toEqual(['Fixed', 'Fixed', 'Fixed']);
      expect((await evidence(app, 'stored-credentials')).join()).not.toContain(
        'uri=user@contoso.com',
      );
      const certificatesRepaired = await evidence(app, 'personal-certificate');
      expect(certificatesRepaired.length).toBeLessThan(certificatesBefore.length);

      await card.undo('Remove the saved sign-in passwords');
      await app.screenshot('undo-01-one-step');
      expect(await screenProblems(app.page)).toEqual([]);
      // The credentials are back; the certificate stays deleted.
      expect(await evidence(app, 'stored-credentials')).toEqual(credentialsBefore);
      expect(await evidence(app, 'personal-certificate')).toEqual(certificatesRepaired);

      // The card offers the rest of the run; undoing it restores everything.
      await card.undo('rest');
      expect(await card.waitForStatuses('Problem found')).toEqual([
        'Problem found',
        'Problem found',
        'Problem found',
      ]);
      await app.screenshot('undo-02-rest');
      expect(await screenProblems(app.page)).toEqual([]);
      const runs = await app.dispatch('runs.list', {});
      if (!runs.ok) throw new Error(runs.error.message);
      expect(runs.value.runs.map((run) => run.status)).toContain('undone');
      expect(await statuses(app)).toEqual(before);
      expect(snapshotDifferences(pcBefore, await snapshotPc(app.session.host()))).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );

  it(
    'undoes a change made before the window was reloaded, from the list of earlier changes',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      const pcBefore = await snapshotPc(app.session.host());
      await wizard.scan();
      await wizard.goToStep('More steps');
      const cache = wizard.card('Delete the endpoint cache');
      await cache.preview();
      await cache.confirm();
      expect(await cache.outcome()).toMatch(/^Done/);
      expect(snapshotDifferences(pcBefore, await snapshotPc(app.session.host()))).not.toEqual([]);

      await app.page.reload();
      await wizard.ready();
      const history = app.page.getByRole('region', {
        name: 'Changes made with this app on this PC',
      });
      const entry = history.getByRole('listitem').first();
      await entry.getByText(/Delete the endpoint cache/).waitFor();
      await app.screenshot('undo-03-earlier-changes');
      expect(await screenProblems(app.page)).toEqual([]);
      await entry.getByRole('button', { name: /^Undo this change/ }).click();
      await history.getByText(/^Undone\./).waitFor();
      await entry.getByText(/— undone$/).waitFor();
      expect(snapshotDifferences(pcBefore, await snapshotPc(app.session.host()))).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );

  it(
    'says an undo kept what Lync saved since the repair, and puts it back when asked',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      const passwordBefore = await savedPassword(app.session.host());
      expect(passwordBefore).toBeDefined();
      expect(passwordBefore).not.toBe(SIGNED_IN_AGAIN.secret);
      await wizard.scan();
      await wizard.next();
      const card = wizard.card('Delete my sign-in information');
      await card.preview();
      await card.confirm();
      expect(await card.outcome()).toMatch(/^Done/);

      // The user signs in again after the repair: Lync saves a new password and settings.
      await signInAgain(app.session.host());
      expect(await savedPassword(app.session.host())).toBe(SIGNED_IN_AGAIN.secret);

      await card.undo();
      const kept = card.root.getByRole('group', {
        name: 'What Lync 2013 / Skype for Business 2015 saved since the repair was kept',
      });
      await kept.waitFor();
      expect(await kept.textContent()).toContain('so nothing was lost');
      // The older password is back; the newer one is only in the run's backup now.
      expect(await savedPassword(app.session.host())).toBe(passwordBefore);
      await app.screenshot('undo-04-newer-kept');
      expect(await screenProblems(app.page)).toEqual([]);

      await kept.getByRole('button', { name: 'Put back what was newer' }).click();
      await card.root.getByText(/^What was newer is back:/).waitFor();
      expect(await savedPassword(app.session.host())).toBe(SIGNED_IN_AGAIN.secret);
      const runs = await app.dispatch('runs.list', {});
      if (!runs.ok) throw new Error(runs.error.message);
      expect(runs.value.runs).toHaveLength(1);
      expect(runs.value.runs[0]).toMatchObject({ status: 'applied', undoable: true });
      expect(runs.value.runs[0]?.undoUndoable).toBeUndefined();
      // Both undos were of the one run: the second undid the first.
      const undos = app.audit.filter((entry) => entry.operation === 'runs.undo');
      expect(undos).toHaveLength(2);
      // The change can be undone again once the card has re-read the PC (it rescans after a change).
      await card.button('Undo this change').waitFor({ state: 'visible' });
      await app.screenshot('undo-05-newer-back');
      expect(await screenProblems(app.page)).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );
});
