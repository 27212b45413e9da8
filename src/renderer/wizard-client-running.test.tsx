// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWizard, scanAndContinue } from '../../testing/renderer/render-wizard';

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

    await within(card).findByText('Lync 2013 is still open (lync.exe).');
    expect(client.calls.some((call) => call.name === 'repair.apply')).toBe(false);
    await user.click(within(card).getByRole('button', { name: 'Close Lync 2013 for me' }));
    await within(card).findByText('Done. Every change was made and checked.');
    const names = client.calls.map((call) => call.name);
    expect(names.slice(names.indexOf('client.status'))).toEqual([
      'client.status',
      'client.close',
      'repair.apply',
      // The PC is scanned again so every card says what is true now.
      'diagnosis.run',
      'runs.list',
      // Whether there is a Lync to sign in with afterwards.
      'client.status',
    ]);
    expect(client.calls.find((call) => call.name === 'client.close')?.request).toEqual({
      force: false,
    });
  });

  it('says Lync still runs when the user says they closed it but it runs, and goes no further', async () => {
    const { user, client } = await renderWizard({ clientRunning: 'cooperative' });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await within(card).findByText('Lync 2013 is still open (lync.exe).');
    await user.click(within(card).getByRole('button', { name: 'I closed it myself' }));

    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toMatch(/^Lync 2013 is still running: it was checked again just now/);
    expect(within(card).getByText('Lync 2013 is still open (lync.exe).')).toBeTruthy();
    const names = client.calls.map((call) => call.name);
    expect(names.filter((name) => name === 'client.status')).toHaveLength(2);
    expect(names).not.toContain('repair.apply');
    expect(names).not.toContain('client.close');
    expect(within(card).queryByText(/^Done\./)).toBeNull();
    // Still the same choices, so the user can close it either way.
    expect(within(card).getByRole('button', { name: 'Close Lync 2013 for me' })).toBeTruthy();

    // Once it really is closed, the same button goes on with the change.
    client.exitClient();
    await user.click(within(card).getByRole('button', { name: 'I closed it myself' }));
    await within(card).findByText('Done. Every change was made and checked.');
    expect(within(card).queryByText(/^Lync 2013 is still running/)).toBeNull();
    expect(client.calls.map((call) => call.name)).not.toContain('client.close');
  });

  it('says plainly what ending Lync loses before forcing it, and only forces when asked', async () => {
    const { user, client } = await renderWizard({ clientRunning: 'stubborn' });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await user.click(await within(card).findByRole('button', { name: 'Close Lync 2013 for me' }));

    await within(card).findByText(/Lync 2013 did not close when asked/);
    expect(within(card).getByText(/anything not yet sent or saved in it .* is lost/)).toBeTruthy();
    expect(client.calls.filter((call) => call.name === 'repair.apply')).toHaveLength(0);

    await user.click(within(card).getByRole('button', { name: 'End Lync 2013 now' }));
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

describe('starting Lync again after a change', () => {
  it('offers to start the Lync it closed, starts it, and says to sign in', async () => {
    const { user, client } = await renderWizard({ clientRunning: 'cooperative' });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await user.click(await within(card).findByRole('button', { name: 'Close Lync 2013 for me' }));
    await within(card).findByText('Lync 2013 was closed for this change.');
    expect(client.calls.some((call) => call.name === 'client.start')).toBe(false);

    await user.click(within(card).getByRole('button', { name: 'Start Lync 2013 again' }));
    await within(card).findByText('Lync 2013 is starting.');
    expect(within(card).getByText(/^Try to sign in as user@contoso\.com\./)).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Start Lync 2013 again' })).toBeNull();
    expect(client.calls.filter((call) => call.name === 'client.start')).toEqual([
      // Main decides which client: the diagnosis's primary one.
      { name: 'client.start', request: {} },
    ]);
    // It runs again: an undo now has to close it first.
    await user.click(within(card).getByRole('button', { name: 'Undo this change' }));
    await within(card).findByText('Lync 2013 is still open (lync.exe).');
  });

  it('with Lync 2010 and Lync 2013 both installed, starts the primary client, Lync 2013', async () => {
    const { user, client } = await renderWizard({
      clientRunning: 'cooperative',
      lync2010Too: true,
    });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await user.click(await within(card).findByRole('button', { name: 'Close Lync 2013 for me' }));
    await user.click(await within(card).findByRole('button', { name: 'Start Lync 2013 again' }));
    await within(card).findByText('Lync 2013 is starting.');
    expect(client.calls.filter((call) => call.name === 'client.start')).toEqual([
      // Main decides which client: the diagnosis's primary one.
      { name: 'client.start', request: {} },
    ]);
  });

  it('offers it too when Lync was not running at the time of the change', async () => {
    const { user } = await renderWizard({ clientRunning: false });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await within(card).findByText('Lync 2013 is not running.');
    expect(within(card).getByRole('button', { name: 'Start Lync 2013 again' })).toBeTruthy();
  });

  it('does not offer it while Lync runs after the change', async () => {
    const { user, client } = await renderWizard({ clientRunning: false });
    await scanAndContinue(user);
    // The user starts Lync themselves while the change is being made.
    client['client.status'] = async () => ({
      ok: true,
      value: {
        running: client.calls.some((call) => call.name === 'repair.apply')
          ? [{ pid: 7, name: 'lync.exe' }]
          : [],
      },
    });
    const card = await confirmDeleteSignInInfo(user);
    await within(card).findByText(/^Done\./);
    await within(card).findByRole('button', { name: 'Undo this change' });
    expect(within(card).queryByText(/Lync 2013 (is not running|was closed)/)).toBeNull();
    expect(within(card).queryByRole('button', { name: /^Start Lync/ })).toBeNull();
  });

  it("shows main's reason when it will not start Lync, and an error without losing the offer", async () => {
    const { user, client } = await renderWizard({
      clientRunning: 'cooperative',
      failures: {
        'client.start': { code: 'internal', message: 'The bridge to the app went away.' },
      },
    });
    await scanAndContinue(user);
    const card = await confirmDeleteSignInInfo(user);
    await user.click(await within(card).findByRole('button', { name: 'Close Lync 2013 for me' }));
    await user.click(await within(card).findByRole('button', { name: 'Start Lync 2013 again' }));
    await within(card).findByText('The bridge to the app went away.');
    expect(within(card).getByRole('button', { name: 'Start Lync 2013 again' })).toBeTruthy();

    const reason =
      'This tool runs as administrator, so Lync 2013 would too. Start it yourself from the Start menu with a normal click.';
    client['client.start'] = async () => ({
      ok: true,
      value: { started: false, client: 'Lync 2013', refusal: 'elevated', reason },
    });
    await user.click(within(card).getByRole('button', { name: 'Start Lync 2013 again' }));
    await within(card).findByText('Lync 2013 was not started.');
    expect(within(card).getByText(reason)).toBeTruthy();
    expect(
      within(card).getByText('Once you have started it yourself, try to sign in.'),
    ).toBeTruthy();
  });
});
