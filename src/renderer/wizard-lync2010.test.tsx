// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWizard, scanAndContinue } from '../../testing/renderer/render-wizard';

afterEach(cleanup);

describe('the Lync 2010 path', () => {
  it('guides the two updates with version found and needed, then clears the cached sign-in', async () => {
    const { user, client } = await renderWizard({ kind: 'lync2010' });
    await scanAndContinue(user);
    expect(
      screen.getByRole('heading', { level: 1, name: 'Resolution for Lync 2010' }),
    ).toBeTruthy();

    const update = screen.getByRole('region', { name: '1. Update the Lync client' });
    expect(
      within(update).getByText('Lync 2010 4.0.7577.0 is older than the latest update.'),
    ).toBeTruthy();
    await user.click(within(update).getByText('Details'));
    expect(within(update).getByText('4.0.7577.4540 or later')).toBeTruthy();

    const assistant = screen.getByRole('region', {
      name: '2. Update the Microsoft Online Services Sign-In Assistant',
    });
    expect(within(assistant).getByText(/out of date and its service is stopped/)).toBeTruthy();
    // The download page opens in the default browser through main, named by an allow-listed id.
    const download = within(assistant).getByRole('link', {
      name: /Microsoft Online Services Sign-In Assistant/,
    });
    expect(download.getAttribute('href')).toBe(
      'https://www.microsoft.com/download/details.aspx?id=41950',
    );
    await user.click(download);
    expect(client.calls.at(-1)).toEqual({
      name: 'app.openExternal',
      request: { link: 'sign-in-assistant-download' },
    });
    await within(assistant).findByText('— opened in your web browser —');
    // Office 365 no longer offers Lync 2010: the updates are in the Microsoft Update Catalog.
    expect(update.textContent).not.toMatch(/portal\.office\.com|Office 365 portal/);
    const catalog = within(update).getByRole('link', { name: /Microsoft Update Catalog/ });
    expect(catalog.getAttribute('href')).toBe(
      'https://www.catalog.update.microsoft.com/Search.aspx?q=Lync%202010',
    );
    await user.click(catalog);
    expect(client.calls.at(-1)).toEqual({
      name: 'app.openExternal',
      request: { link: 'lync2010-update-catalog' },
    });
    await within(update).findByText('— opened in your web browser —');
    expect(
      within(update)
        .getByRole('link', { name: /Lync 2010 lifecycle/ })
        .getAttribute('href'),
    ).toBe('https://learn.microsoft.com/lifecycle/products/microsoft-lync-2010');
    // Guidance only: there is no button that would pretend to install software.
    expect(within(update).queryByRole('button', { name: /change/ })).toBeNull();

    const clear = screen.getByRole('region', {
      name: '3. Clear your cached certificates, credentials and connections',
    });
    await user.click(within(clear).getByRole('button', { name: 'Show what will change' }));
    await user.click(await within(clear).findByRole('button', { name: 'Make this change' }));
    await within(clear).findByText('Done. Every change was made and checked.');
    expect(client.calls.find((call) => call.name === 'repair.plan')?.request).toEqual({
      steps: ['clear-cached-sign-in'],
      address: 'user@contoso.com',
    });

    await user.click(within(clear).getByRole('button', { name: 'Undo this change' }));
    await within(clear).findByText(/^Undone\./);
    expect(client.calls.filter((call) => call.name === 'runs.undo').at(-1)).toEqual({
      name: 'runs.undo',
      request: { runId: expect.stringMatching(/^run-/) },
    });
  });

  it('tells a PC without braces that MachineGuid is fine, with changing it behind a caution', async () => {
    const { user } = await renderWizard({ kind: 'lync2010' });
    await scanAndContinue(user);
    await user.click(screen.getByRole('button', { name: 'Next: More steps' }));
    const titles = screen
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(titles).toEqual([
      'Delete the endpoint cache',
      'Delete the personal certificate',
      "Remove the user's stored credentials",
      'Flush the DNS cache',
      'Remove braces from MachineGuid',
    ]);
    const guid = screen.getByRole('region', { name: 'Remove braces from MachineGuid' });
    // No braces: no administrator warning; nothing is wrong and there is nothing to change, so
    // no change is offered, not even behind a caution.
    expect(within(guid).queryByText(/administrator/)).toBeNull();
    expect(
      within(guid).getByText('Nothing is wrong here, and there is nothing this step could change.'),
    ).toBeTruthy();
    expect(within(guid).queryByText('Change it anyway…')).toBeNull();
    expect(within(guid).queryAllByRole('button')).toEqual([]);

    const dns = screen.getByRole('region', { name: 'Flush the DNS cache' });
    await user.click(within(dns).getByRole('button', { name: 'Show what will change' }));
    expect(await within(dns).findByText('(cannot be undone)')).toBeTruthy();
  });
});
