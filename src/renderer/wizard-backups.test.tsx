// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import {
  renderWizard,
  scanAndContinue,
  seriousA11yViolations,
} from '../../testing/renderer/render-wizard';

afterEach(cleanup);

type User = ReturnType<typeof userEvent.setup>;

async function makeChange(user: User) {
  await scanAndContinue(user);
  const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
  await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
  await user.click(await within(card).findByRole('button', { name: 'Make this change' }));
  await within(card).findByText(/^Done\./);
}

async function openReport(user: User) {
  const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
  await user.click(within(nav).getByRole('button', { name: /Report/ }));
  return screen.findByRole('region', { name: 'Backups kept for undo' });
}

async function askToDelete(user: User, panel: HTMLElement, days: string) {
  const input = within(panel).getByRole('spinbutton', { name: /older than/ });
  await user.clear(input);
  await user.type(input, days);
  await user.click(within(panel).getByRole('button', { name: 'Delete old backups…' }));
}

describe('backups on the report screen', () => {
  it('says there are none before any change', async () => {
    const { user, client } = await renderWizard();
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    await screen.findByRole('heading', { name: 'What the scan found' });
    const panel = await openReport(user);
    await within(panel).findByText(/There are no backups/);
    expect(client.calls.some((call) => call.name === 'backups.purge')).toBe(false);
  });

  it('shows the size, confirms before deleting, and then no longer offers the undo anywhere', async () => {
    const { user, client } = await renderWizard({ clientRunning: false });
    await makeChange(user);
    const panel = await openReport(user);
    // Three changes of 3 KB each in the fake: 9.0 KB.
    await within(panel).findByText(/1 change keeps backups, 9\.0 KB in all; 1 of them can still/);
    expect(within(panel).getByRole('listitem').textContent).toContain('9.0 KB — can be undone');
    expect(await seriousA11yViolations(panel)).toEqual([]);

    // Nothing that old: said so, nothing asked of main.
    await askToDelete(user, panel, '30');
    await within(panel).findByText(/No change is older than 30 days: there is nothing to delete/);
    expect(client.calls.some((call) => call.name === 'backups.purge')).toBe(false);

    // Declined: nothing deleted.
    await askToDelete(user, panel, '0');
    await within(panel).findByText('Delete the backups of 1 change (9.0 KB)?');
    expect(within(panel).getByText(/1 of them can then no longer be undone\./)).toBeTruthy();
    expect(within(panel).getByText(/Nothing on this PC is changed/)).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Keep them' }));
    expect(within(panel).queryByText(/Delete the backups of 1 change/)).toBeNull();
    expect(client.calls.some((call) => call.name === 'backups.purge')).toBe(false);

    // Confirmed: exactly one purge, by age only.
    await askToDelete(user, panel, '0');
    await user.click(within(panel).getByRole('button', { name: 'Delete the backups' }));
    await within(panel).findByText('Deleted the backups of 1 change: 9.0 KB freed.');
    expect(client.calls.filter((call) => call.name === 'backups.purge')).toEqual([
      { name: 'backups.purge', request: { olderThanDays: 0 } },
    ]);
    await waitFor(() =>
      expect(within(panel).getByRole('listitem').textContent).toContain(
        '0 bytes — backups deleted, can no longer be undone',
      ),
    );

    // The card that made the change and the list of earlier changes stop offering the undo.
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
    await user.click(within(nav).getByRole('button', { name: /Your Lync/ }));
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    expect(within(card).queryByRole('button', { name: /^Undo/ })).toBeNull();
    expect(within(card).getByText(/can no longer be undone/)).toBeTruthy();
    await user.click(within(nav).getByRole('button', { name: /Scan this PC/ }));
    const history = screen.getByRole('region', { name: 'Changes made with this app on this PC' });
    expect(within(history).getByRole('listitem').textContent).toContain(
      'its backups were deleted, so it can no longer be undone',
    );
    expect(within(history).queryByRole('button', { name: /^Undo this change/ })).toBeNull();
    expect(client.calls.some((call) => call.name === 'runs.undo')).toBe(false);
  });

  it('refuses a number of days that is not a whole number of 0 or more', async () => {
    const { user } = await renderWizard({ clientRunning: false });
    await makeChange(user);
    const panel = await openReport(user);
    await within(panel).findByText(/1 change keeps backups/);
    const input = within(panel).getByRole('spinbutton', { name: /older than/ });
    await user.clear(input);
    await user.type(input, '-3');
    expect(within(panel).getByText('Enter a whole number of days, 0 or more.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(
      (within(panel).getByRole('button', { name: 'Delete old backups…' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
  });

  it('shows a failure to read the backups as an error, not as "no backups"', async () => {
    const { user } = await renderWizard({
      failures: { 'backups.list': { code: 'corrupt-data', message: 'The journal is damaged.' } },
    });
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    await screen.findByRole('heading', { name: 'What the scan found' });
    const panel = await openReport(user);
    expect((await within(panel).findByRole('alert')).textContent).toContain(
      'The journal is damaged.',
    );
    expect(within(panel).queryByText(/There are no backups/)).toBeNull();
  });
});
