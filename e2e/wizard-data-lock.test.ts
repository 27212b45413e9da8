import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../src/main/journal/data-lock';
import { startApp, type AppHarness } from './harness/app-harness';
import { visualProblems } from './pages/visual-checks';
import { WizardPage } from './pages/wizard-page';

// A walkthrough starts Chromium, drives a dozen screens and lays each out at two widths in two
// modes; on a busy 2-core machine it can take well over Vitest's default budget.
const WALKTHROUGH_TIMEOUT_MS = 240_000;

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The lock file a copy of the app on another computer leaves in a shared data folder. */
const FOREIGN_OWNER = {
  pid: 4321,
  processStartedAt: '2026-11-30T08:14:10.000Z',
  host: 'FRONTDESK-PC',
  token: 'c0ffee00c0ffee00c0ffee00',
  acquiredAt: '2026-11-30T08:15:00.000Z',
};

/** Plants `owner` as the lock file of the app's data folder (made first, as a used one is). */
async function plantLock(harness: AppHarness, owner: typeof FOREIGN_OWNER): Promise<string> {
  const dir = harness.session.engineDataDir();
  await mkdir(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  await writeFile(path, JSON.stringify(owner));
  return path;
}

describe('the data folder locked by the app on another computer, in Chromium', () => {
  it(
    'explains which computer and since when, changes nothing, then breaks the lock and goes on',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const lockPath = await plantLock(app, FOREIGN_OWNER);
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      await wizard.scan();
      await wizard.next();
      const card = wizard.card('Delete my sign-in information');
      await card.preview();
      await card.confirm();

      const notice = card.root.locator('.foreign-lock');
      await notice.waitFor();
      const text = (await notice.textContent()) ?? '';
      expect(text).toContain('“FRONTDESK-PC” is using this app’s data folder.');
      // Said as people read times, in the browser's own locale.
      const shown = await app.page.evaluate(
        (iso) =>
          new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
            new Date(iso),
          ),
        FOREIGN_OWNER.acquiredAt,
      );
      expect(text).toContain(`since ${shown}.`);
      expect(text).toContain('Break the lock only if SfB Sign-in Repair no longer runs');
      await app.screenshot('data-lock-01-foreign-lock');
      expect(await visualProblems(app.page)).toEqual([]);
      // Nothing changed: no run, and the other computer's lock is as it was.
      const before = await app.dispatch('runs.list', {});
      expect(before.ok && before.value.runs).toEqual([]);
      expect(JSON.parse(await readFile(lockPath, 'utf8'))).toEqual(FOREIGN_OWNER);

      await card.button('Break the lock').click();
      expect(await card.outcome()).toMatch(/^Done/);
      await app.screenshot('data-lock-02-broken-and-done');
      // The run released its own lock afterwards: no lock is left behind.
      expect(existsSync(lockPath)).toBe(false);
      const after = await app.dispatch('runs.list', {});
      expect(after.ok && after.value.runs.length).toBe(1);
      const operations = app.audit.map((entry) => `${entry.operation}:${entry.ok}`);
      expect(operations.filter((entry) => entry.startsWith('repair.apply'))).toEqual([
        'repair.apply:false',
        'repair.apply:true',
      ]);
      expect(operations).toContain('lock.break:true');
      expect(app.pageErrors).toEqual([]);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );

  it(
    'refuses to break a lock other than the one it showed',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const other = { ...FOREIGN_OWNER, host: 'RECEPTION-PC', token: 'feed0000feed0000feed0000' };
      const lockPath = await plantLock(app, other);
      const refused = await app.dispatch('lock.break', {
        host: FOREIGN_OWNER.host,
        since: FOREIGN_OWNER.acquiredAt,
      });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe('file-locked');
      expect(refused.error.details?.lockHost).toBe('RECEPTION-PC');
      expect(JSON.parse(await readFile(lockPath, 'utf8'))).toEqual(other);

      const broken = await app.dispatch('lock.break', {
        host: other.host,
        since: other.acquiredAt,
      });
      expect(broken).toEqual({ ok: true, value: { broken: true } });
      expect(existsSync(lockPath)).toBe(false);
    },
    WALKTHROUGH_TIMEOUT_MS,
  );

  it(
    'offers to break it where deleting old backups was stopped, then deletes them',
    async () => {
      app = await startApp({ scenario: 'kb-lync2013' });
      const wizard = new WizardPage(app.page);
      await wizard.ready();
      await wizard.scan();
      await wizard.next();
      const card = wizard.card('Delete my sign-in information');
      await card.preview();
      await card.confirm();
      expect(await card.outcome()).toMatch(/^Done/);
      const lockPath = await plantLock(app, FOREIGN_OWNER);

      await wizard.goToStep('Report');
      const panel = app.page.getByRole('region', { name: 'Backups kept for undo' });
      const days = panel.getByRole('spinbutton', { name: /older than/ });
      await days.fill('0');
      await panel.getByRole('button', { name: 'Delete old backups…' }).click();
      await panel.getByRole('button', { name: 'Delete the backups' }).click();

      const notice = panel.locator('.foreign-lock');
      await notice.waitFor();
      expect(await notice.textContent()).toContain(
        '“FRONTDESK-PC” is using this app’s data folder.',
      );
      await app.screenshot('data-lock-03-backups');
      expect(await visualProblems(app.page)).toEqual([]);
      const kept = await app.dispatch('backups.list', {});
      expect(kept.ok && kept.value.backups.map((backup) => backup.purgedAt)).toEqual([undefined]);
      expect(JSON.parse(await readFile(lockPath, 'utf8'))).toEqual(FOREIGN_OWNER);

      await notice.getByRole('button', { name: 'Break the lock' }).click();
      await panel.getByText(/^Deleted the backups of 1 change:/).waitFor();
      expect(existsSync(lockPath)).toBe(false);
      const purged = await app.dispatch('backups.list', {});
      expect(purged.ok && purged.value.backups[0]?.purgedAt).toEqual(expect.any(String));
      const operations = app.audit.map((entry) => `${entry.operation}:${entry.ok}`);
      expect(operations.filter((entry) => entry.startsWith('backups.purge'))).toEqual([
        'backups.purge:false',
        'backups.purge:true',
      ]);
      expect(operations).toContain('lock.break:true');
    },
    WALKTHROUGH_TIMEOUT_MS,
  );
});
