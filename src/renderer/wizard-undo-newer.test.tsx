// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openWizard, renderWizard, scanAndContinue } from '../../testing/renderer/render-wizard';

afterEach(cleanup);

type User = ReturnType<typeof userEvent.setup>;

const KEPT = 'What Lync 2013 saved since the repair was kept';

async function repairThenSignInAgain(user: User, client: { signInAgain(): void }) {
  await scanAndContinue(user);
  const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
  await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
  await user.click(await within(card).findByRole('button', { name: 'Make this change' }));
  await within(card).findByText(/^Done\./);
  client.signInAgain();
  return card;
}

function undoCalls(client: { calls: Array<{ name: string; request: unknown }> }): unknown[] {
  return client.calls.filter((call) => call.name === 'runs.undo').map((call) => call.request);
}

describe('an undo that kept newer sign-in data', () => {
  it('says so on the card and puts it back from there, undoing the undo of the same run', async () => {
    const { user, client } = await renderWizard({ clientRunning: false });
    const card = await repairThenSignInAgain(user, client);
    expect(client.newerInPlace()).toBe(true);

    await user.click(within(card).getByRole('button', { name: 'Undo this change' }));
    const kept = await within(card).findByRole('group', { name: KEPT });
    expect(kept.textContent).toContain(
      'Lync 2013 had saved newer sign-in information after the repair',
    );
    expect(kept.textContent).toContain('so nothing was lost');
    expect(client.newerInPlace()).toBe(false);
    const [undo] = undoCalls(client) as Array<{ runId: string }>;
    expect(undo?.runId).toMatch(/^run-/);

    await user.click(within(kept).getByRole('button', { name: 'Put back what was newer' }));
    await within(card).findByText(
      'What was newer is back: the change was made again and what Lync 2013 saved since the repair is in place again.',
    );
    expect(client.newerInPlace()).toBe(true);
    // The same run, undone again: the engine undoes its undo.
    expect(undoCalls(client)).toEqual([{ runId: undo?.runId }, { runId: undo?.runId }]);
    expect(within(card).queryByRole('group', { name: KEPT })).toBeNull();
    // The change is in effect again, so it can be undone again.
    expect(within(card).getByRole('button', { name: 'Undo this change' })).toBeTruthy();
  });

  it('offers the same in the list of earlier changes, after the window is opened again', async () => {
    const first = await renderWizard({ clientRunning: false });
    const card = await repairThenSignInAgain(first.user, first.client);
    await first.user.click(within(card).getByRole('button', { name: 'Undo this change' }));
    await within(card).findByRole('group', { name: KEPT });
    cleanup();

    const { user } = await openWizard(first.client);
    const history = screen.getByRole('region', { name: 'Changes made with this app on this PC' });
    const entry = within(history).getByRole('listitem');
    expect(entry.textContent).toContain('— undone');
    // Before a scan the client is not known yet: both names the family goes by.
    const kept = within(entry).getByRole('group', {
      name: 'What Lync or Skype for Business saved since the repair was kept',
    });
    expect(within(entry).queryByRole('button', { name: /^Undo this change/ })).toBeNull();

    await user.click(within(kept).getByRole('button', { name: 'Put back what was newer' }));
    await within(entry).findByText(/^What was newer is back/);
    expect(first.client.newerInPlace()).toBe(true);
    const undos = undoCalls(first.client);
    expect(undos).toHaveLength(2);
    expect(undos[1]).toEqual(undos[0]);
    await waitFor(() => expect(entry.textContent).toContain('— made'));
    expect(
      within(entry).queryByRole('group', { name: /saved since the repair was kept$/ }),
    ).toBeNull();
    expect(within(entry).getByRole('button', { name: /^Undo this change/ })).toBeTruthy();
  });
});

describe('putting back what was newer while the client runs', () => {
  it('asks to close it first, and Cancel leaves the card as the undo left it', async () => {
    const { user, client } = await renderWizard({ clientRunning: false });
    const card = await repairThenSignInAgain(user, client);
    await user.click(within(card).getByRole('button', { name: 'Undo this change' }));
    const kept = await within(card).findByRole('group', { name: KEPT });
    await user.click(within(card).getByRole('button', { name: 'Start Lync 2013 again' }));
    await within(card).findByText('Lync 2013 is starting.');

    await user.click(within(kept).getByRole('button', { name: 'Put back what was newer' }));
    await within(card).findByText('Lync 2013 is still open (lync.exe).');
    expect(undoCalls(client)).toHaveLength(1);
    await user.click(within(card).getByRole('button', { name: 'Cancel' }));
    // Still undone, still offering to put the newer data back; nothing claims the change is made.
    await within(card).findByRole('group', { name: KEPT });
    expect(within(card).queryByRole('button', { name: 'Undo this change' })).toBeNull();
    expect(client.newerInPlace()).toBe(false);

    await user.click(within(card).getByRole('button', { name: 'Put back what was newer' }));
    await user.click(await within(card).findByRole('button', { name: 'Close Lync 2013 for me' }));
    await within(card).findByText(/^What was newer is back/);
    expect(client.newerInPlace()).toBe(true);
  });
});
