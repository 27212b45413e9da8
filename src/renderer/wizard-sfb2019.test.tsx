// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  clearEndpointCacheAndScanAgain,
  renderWizard,
  scanAndContinue,
} from '../../testing/renderer/render-wizard';

afterEach(cleanup);

/** "Lync" on its own, not as part of a KB section's name ("Resolution for Lync 2013"). */
const BARE_LYNC = /\bLync\b(?! 2013)/;

describe('Skype for Business 2019 from Click-to-Run', () => {
  it('is named in the client-running panel and every sentence about the client', async () => {
    const { user, client } = await renderWizard({ kind: 'sfb2019', clientRunning: 'cooperative' });
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    // The step about the client is named after it, in the step list and on Next.
    await user.click(await screen.findByRole('button', { name: 'Next: Your Skype for Business' }));
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
    expect(within(nav).getByRole('button', { current: 'step' }).textContent).toBe(
      '2 Your Skype for Business',
    );
    const lead = screen.getByText(/^The scan found/);
    expect(lead.textContent).toContain('Skype for Business 2019 version 16.0.10417.20007');
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    expect(card.textContent).toContain(
      'Skype for Business 2019 keeps your saved password, its certificate and its connection settings.',
    );
    await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
    await user.click(await within(card).findByRole('button', { name: 'Make this change' }));

    const panel = await within(card).findByRole('group', { name: /is still open/ });
    expect(within(panel).getByText(/is still open/).textContent).toBe(
      'Skype for Business 2019 is still open (lync.exe).',
    );
    expect(panel.textContent).not.toMatch(BARE_LYNC);
    await user.click(within(panel).getByRole('button', { name: 'I closed it myself' }));
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toMatch(/^Skype for Business 2019 is still running: it was checked/);
    expect(panel.textContent).not.toMatch(BARE_LYNC);

    await user.click(
      within(card).getByRole('button', { name: 'Close Skype for Business 2019 for me' }),
    );
    await within(card).findByText('Done. Every change was made and checked.');
    expect(client.calls.find((call) => call.name === 'client.close')?.request).toEqual({
      force: false,
    });
  });

  it('names it when it will not close, and when it could not be ended', async () => {
    const { user, client } = await renderWizard({ kind: 'sfb2019', clientRunning: 'stubborn' });
    await scanAndContinue(user);
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
    await user.click(await within(card).findByRole('button', { name: 'Make this change' }));
    await user.click(
      await within(card).findByRole('button', { name: 'Close Skype for Business 2019 for me' }),
    );
    const refused = await within(card).findByText(/did not close when asked/);
    expect(refused.textContent).toMatch(/^Skype for Business 2019 did not close when asked\./);
    expect(refused.textContent).not.toMatch(BARE_LYNC);

    // Ending it fails too: the way out names the client, not "Lync".
    client['client.close'] = async () => ({
      ok: true,
      value: { closed: false, stillRunning: ['lync.exe'] },
    });
    await user.click(within(card).getByRole('button', { name: 'End Skype for Business 2019 now' }));
    const forced = await within(card).findByText(/could not be ended/);
    expect(forced.textContent).toMatch(
      /^Skype for Business 2019 could not be ended\. Restarting the PC closes it for sure; then open this app again before starting Skype for Business 2019\.$/,
    );
  });

  it('names it on the outcome screen', async () => {
    const { user } = await renderWizard({ kind: 'sfb2019' });
    await scanAndContinue(user);
    const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
    await user.click(within(nav).getByRole('button', { name: /Did it work\?/ }));
    await user.click(await screen.findByRole('button', { name: 'No, it still fails' }));
    const rescan = await screen.findByRole('region', { name: '1. Scan again' });
    expect(rescan.textContent).toContain(
      'Restart Skype for Business 2019 and try to sign in. If it still fails,',
    );
    const accounts = screen.getByRole('region', {
      name: '2. Does it happen with other accounts on this PC?',
    });
    expect(accounts.textContent).toContain(
      'Ask a colleague to sign in to Skype for Business 2019 on this PC with their own account.',
    );
    expect(rescan.textContent).not.toMatch(BARE_LYNC);
    expect(accounts.textContent).not.toMatch(BARE_LYNC);
  });
});

describe('Microsoft’s newer steps on “More steps”', () => {
  it('are not said to be fixed when only the endpoint cache they are shown for was deleted', async () => {
    const { user } = await renderWizard({ kind: 'sfb2019' });
    await scanAndContinue(user);
    await user.click(screen.getByRole('button', { name: 'Next: More steps' }));
    const card = (name: string) => screen.getByRole('region', { name });
    const badge = (name: string) => card(name).querySelector('.status-badge')?.textContent;
    expect(badge('Delete the Tracing folder')).toBe('Problem found');
    expect(badge('Delete AccountProfiles.dat')).toBe('Problem found');

    await clearEndpointCacheAndScanAgain(user);
    await screen.findByText(/^The new scan still finds/);

    const nav = screen.getByRole('navigation', { name: 'Wizard steps' });
    await user.click(within(nav).getByRole('button', { name: /More steps/ }));
    // The cache's own card says it is fixed; the two cards it was the reason for say how it is.
    expect(badge('Delete the endpoint cache')).toBe('Fixed');
    expect(badge('Delete the Tracing folder')).toBe('Looks fine');
    expect(badge('Delete AccountProfiles.dat')).toBe('Looks fine');
    // Their own steps were not taken: what they delete is still there, and each is offered.
    for (const [name, left] of [
      ['Delete the Tracing folder', /^Tracing folder: 2 files/],
      ['Delete AccountProfiles.dat', /^AccountProfiles.dat: 96 bytes/],
    ] as const) {
      expect(within(card(name)).getByText(left)).toBeTruthy();
      expect(within(card(name)).getByText('Change it anyway…')).toBeTruthy();
    }
  });

  it('stay on the screen after their own change, with its result and its undo', async () => {
    const { user, client } = await renderWizard({ kind: 'sfb2019' });
    await scanAndContinue(user);
    await user.click(screen.getByRole('button', { name: 'Next: More steps' }));
    const tracing = () => screen.getByRole('region', { name: 'Delete the Tracing folder' });
    await user.click(within(tracing()).getByRole('button', { name: 'Show what will change' }));
    await user.click(await within(tracing()).findByRole('button', { name: 'Make this change' }));
    await within(tracing()).findByText('Done. Every change was made and checked.');
    // The PC is scanned again after the change, and that scan no longer lists the step (the
    // folder is gone, as the practice PC's sfb2019-onprem says too): the card stays regardless.
    await waitFor(() =>
      expect(client.calls.filter((call) => call.name === 'diagnosis.run')).toHaveLength(2),
    );
    expect(within(tracing()).getByText('Done. Every change was made and checked.')).toBeTruthy();

    await user.click(within(tracing()).getByRole('button', { name: /^Undo/ }));
    await within(tracing()).findByText(/^Undone\./);
  });
});
