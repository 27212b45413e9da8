// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWizard, scanAndContinue } from './testing/render-wizard';

afterEach(cleanup);

async function confirmDeleteSignInInfo(user: Awaited<ReturnType<typeof renderWizard>>['user']) {
  const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
  await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
  await user.click(await within(card).findByRole('button', { name: 'Make this change' }));
  return card;
}

describe('a running client', () => {
  it('offers to close Lync, then makes the confirmed change', async () => {
    const { user, client } = await renderWizard({ clientRunning: 'cooperative' });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);

    await within(card).findByText('Lync is still open (lync.exe).');
    expect(client.calls.some((call) => call.name === 'repair.apply')).toBe(false);
    await user.click(within(card).getByRole('button', { name: 'Close Lync for me' }));
    await within(card).findByText('Done. Every change was made and checked.');
    const names = client.calls.map((call) => call.name);
    expect(names.slice(names.indexOf('client.status'))).toEqual([
      'client.status',
      'client.close',
      'repair.apply',
      'runs.list',
    ]);
    expect(client.calls.find((call) => call.name === 'client.close')?.request).toEqual({
      force: false,
    });
  });

  it('says plainly what ending Lync loses before forcing it, and only forces when asked', async () => {
    const { user, client } = await renderWizard({ clientRunning: 'stubborn' });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await user.click(await within(card).findByRole('button', { name: 'Close Lync for me' }));

    await within(card).findByText(/Lync did not close when asked/);
    expect(
      within(card).getByText(/anything not\s+yet sent or saved in Lync .* is lost/),
    ).toBeTruthy();
    expect(client.calls.filter((call) => call.name === 'repair.apply')).toHaveLength(0);

    await user.click(within(card).getByRole('button', { name: 'End Lync now' }));
    await within(card).findByText('Done. Every change was made and checked.');
    expect(
      client.calls.filter((call) => call.name === 'client.close').map((call) => call.request),
    ).toEqual([{ force: false }, { force: true }]);
  });

  it('keeps the change undoable when the user cancels closing Lync for an undo', async () => {
    const { user, client } = await renderWizard({ clientRunning: false });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await within(card).findByText(/^Done\./);
    // Lync was started again before the undo.
    const status = client['client.status'];
    client['client.status'] = async () => ({
      ok: true,
      value: { running: [{ pid: 7, name: 'lync.exe' }] },
    });
    await user.click(within(card).getByRole('button', { name: 'Undo this change' }));
    await user.click(await within(card).findByRole('button', { name: 'Cancel' }));
    expect(within(card).getByRole('button', { name: 'Undo this change' })).toBeTruthy();
    client['client.status'] = status;
    await user.click(within(card).getByRole('button', { name: 'Undo this change' }));
    await within(card).findByText(/^Undone\./);
  });
});
