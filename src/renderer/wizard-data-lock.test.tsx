// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatMoment } from '../shared/wording';
import { interruptedRun } from '../../testing/renderer/fake-data';
import { renderWizard, scanAndContinue } from '../../testing/renderer/render-wizard';

afterEach(cleanup);

const LOCK = { host: 'FRONTDESK-PC', since: '2026-11-30T08:15:00.000Z' };

async function confirmDeleteSignInInfo(user: Awaited<ReturnType<typeof renderWizard>>['user']) {
  const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
  await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
  await user.click(await within(card).findByRole('button', { name: 'Make this change' }));
  return card;
}

describe('the data folder locked by the app on another computer', () => {
  it('says which computer and since when, cautions, and breaks the lock only when asked', async () => {
    const { user, client } = await renderWizard({ foreignLock: LOCK });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);

    const notice = await within(card).findByRole('alert');
    expect(notice.textContent).toContain(
      'SfB Sign-in Repair on the computer “FRONTDESK-PC” is using this app’s data folder.',
    );
    expect(notice.textContent).toContain(`since ${formatMoment(LOCK.since)}.`);
    expect(notice.textContent).toContain('Nothing was changed.');
    // The command line's advice (--break-lock) is not the wizard's.
    expect(notice.textContent).not.toContain('--break-lock');
    const breakLock = within(card).getByRole('button', { name: 'Break the lock' });
    expect(breakLock.getAttribute('aria-describedby')).toBeTruthy();
    const caution = document.getElementById(breakLock.getAttribute('aria-describedby') ?? '');
    expect(caution?.textContent).toMatch(
      /^Break the lock only if SfB Sign-in Repair no longer runs on “FRONTDESK-PC”/,
    );
    expect(client.calls.filter((call) => call.name === 'lock.break')).toEqual([]);

    await user.click(breakLock);
    await within(card).findByText('Done. Every change was made and checked.');
    expect(client.calls.filter((call) => call.name === 'lock.break')).toEqual([
      { name: 'lock.break', request: LOCK },
    ]);
    const names = client.calls.map((call) => call.name);
    // It goes on with the same confirmed plan, checking for a running Lync as always.
    expect(names.slice(names.indexOf('lock.break'))).toEqual(
      expect.arrayContaining(['lock.break', 'client.status', 'repair.apply']),
    );
    expect(client.calls.filter((call) => call.name === 'repair.plan')).toHaveLength(1);
  });

  it('does not offer to break a lock it cannot name, and shows a lock that changed instead', async () => {
    const { user, client } = await renderWizard({ foreignLock: LOCK });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await within(card).findByRole('button', { name: 'Break the lock' });

    // Meanwhile another computer took the lock: main refuses, and the card names that one.
    client['lock.break'] = async () => ({
      ok: false,
      error: {
        code: 'file-locked',
        message: 'The data folder is locked by SfB Sign-in Repair on another computer.',
        details: { lockHost: 'RECEPTION-PC', lockedSince: '2026-12-01T09:00:00.000Z' },
      },
    });
    await user.click(within(card).getByRole('button', { name: 'Break the lock' }));
    await within(card).findByText(
      'SfB Sign-in Repair on the computer “RECEPTION-PC” is using this app’s data folder.',
    );
    expect(client.calls.filter((call) => call.name === 'repair.apply')).toHaveLength(1);

    // A copy on this PC that is busy right now is waited for, never broken.
    client['lock.break'] = async () => ({
      ok: false,
      error: {
        code: 'file-locked',
        message: 'Another copy of SfB Sign-in Repair is changing this PC right now.',
        details: { pid: 77 },
      },
    });
    await user.click(within(card).getByRole('button', { name: 'Break the lock' }));
    await within(card).findByText(/Another copy of SfB Sign-in Repair is changing this PC/);
    expect(within(card).queryByRole('button', { name: 'Break the lock' })).toBeNull();
  });

  it('offers the same for undoing a change listed among the earlier ones', async () => {
    const { user, client } = await renderWizard();
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await within(card).findByText(/^Done\./);
    client.lockFromAnotherComputer(LOCK);
    await user.click(
      within(screen.getByRole('navigation', { name: 'Wizard steps' })).getByRole('button', {
        name: /Scan this PC$/,
      }),
    );

    const history = await screen.findByRole('region', {
      name: 'Changes made with this app on this PC',
    });
    const entry = within(history).getByRole('listitem');
    await user.click(within(entry).getByRole('button', { name: /^Undo this change/ }));
    await within(entry).findByText(
      'SfB Sign-in Repair on the computer “FRONTDESK-PC” is using this app’s data folder.',
    );
    await user.click(within(entry).getByRole('button', { name: 'Break the lock' }));
    await within(entry).findByText(/^Undone\./);
    expect(client.calls.filter((call) => call.name === 'lock.break')).toEqual([
      { name: 'lock.break', request: LOCK },
    ]);
    expect(client.calls.filter((call) => call.name === 'runs.undo')).toHaveLength(2);
  });
});

describe('the lock where it stops something other than a card', () => {
  const interrupted = interruptedRun();

  it('offers to break it on the "Put it back" banner, then puts the change back', async () => {
    const { user, client } = await renderWizard({ earlierRuns: [interrupted], foreignLock: LOCK });
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    const banner = await screen.findByRole('region', { name: 'A change needs your attention' });
    await user.click(within(banner).getByRole('button', { name: /^Put it back/ }));

    const notice = await within(banner).findByRole('alert');
    expect(notice.textContent).toContain(
      'SfB Sign-in Repair on the computer “FRONTDESK-PC” is using this app’s data folder.',
    );
    const breakLock = within(notice).getByRole('button', { name: 'Break the lock' });
    const caution = document.getElementById(breakLock.getAttribute('aria-describedby') ?? '');
    expect(caution?.textContent).toMatch(/^Break the lock only if SfB Sign-in Repair no longer/);
    expect(client.calls.filter((call) => call.name === 'lock.break')).toEqual([]);

    await user.click(breakLock);
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'A change needs your attention' })).toBeNull(),
    );
    expect(client.calls.filter((call) => call.name === 'lock.break')).toEqual([
      { name: 'lock.break', request: LOCK },
    ]);
    // Refused once under the lock, then put back once it was broken.
    expect(client.calls.filter((call) => call.name === 'runs.recover')).toHaveLength(2);
  });

  it('offers to break it when deleting old backups, then deletes what was asked', async () => {
    const { user, client } = await renderWizard();
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await within(card).findByText(/^Done\./);
    client.lockFromAnotherComputer(LOCK);
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
    await user.click(within(nav).getByRole('button', { name: /Report/ }));
    const panel = await screen.findByRole('region', { name: 'Backups kept for undo' });
    const input = await within(panel).findByRole('spinbutton', { name: /older than/ });
    await user.clear(input);
    await user.type(input, '0');
    await user.click(within(panel).getByRole('button', { name: 'Delete old backups…' }));
    await user.click(within(panel).getByRole('button', { name: 'Delete the backups' }));

    const notice = await within(panel).findByRole('alert');
    expect(notice.textContent).toContain('“FRONTDESK-PC”');
    expect(notice.textContent).not.toContain('--break-lock');
    expect(within(panel).queryByText(/^Deleted the backups/)).toBeNull();
    await user.click(within(notice).getByRole('button', { name: 'Break the lock' }));

    await within(panel).findByText('Deleted the backups of 1 change: 9.0 KB freed.');
    expect(client.calls.filter((call) => call.name === 'lock.break')).toEqual([
      { name: 'lock.break', request: LOCK },
    ]);
    expect(client.calls.filter((call) => call.name === 'backups.purge')).toEqual([
      { name: 'backups.purge', request: { olderThanDays: 0 } },
      { name: 'backups.purge', request: { olderThanDays: 0 } },
    ]);
    expect(within(panel).queryByRole('button', { name: 'Break the lock' })).toBeNull();
  });
});
