// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWizard, scanAndContinue } from '../../testing/renderer/render-wizard';

afterEach(cleanup);

describe('errors from the client', () => {
  it('shows a refused scan in plain words and lets the user try again', async () => {
    const { user, client } = await renderWizard({
      failures: {
        'diagnosis.run': {
          code: 'corrupt-data',
          message: 'The practice registry file hkcu.json could not be read.',
          details: { file: 'hkcu.json' },
        },
      },
    });
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Some saved data could not be read.');
    expect(alert.textContent).toContain('The practice registry file hkcu.json could not be read.');
    expect(alert.textContent).not.toContain('corrupt-data');
    expect((screen.getByRole('button', { name: /^Next:/ }) as HTMLButtonElement).disabled).toBe(
      true,
    );

    // Helpdesk mode adds the code and details for the technician.
    await user.click(screen.getByRole('button', { name: 'Helpdesk mode' }));
    expect(screen.getByRole('alert').textContent).toContain(
      'Error code: corrupt-data (file: hkcu.json)',
    );
    expect(client.calls.filter((call) => call.name === 'diagnosis.run')).toHaveLength(1);
  });

  it('survives a bridge that throws instead of answering', async () => {
    const { user, client } = await renderWizard();
    client['diagnosis.run'] = () => Promise.reject(new Error('channel closed'));
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong inside the app.');
    expect(alert.textContent).not.toContain('channel closed');
    expect(screen.getByRole('button', { name: 'Scan this PC' })).toBeTruthy();
  });

  it('shows a failed change on its card and offers to preview again', async () => {
    const { user } = await renderWizard({
      failures: {
        'repair.apply': {
          code: 'file-locked',
          message: 'GalContacts.db is in use by lync.exe.',
          details: { path: 'GalContacts.db', process: 'lync.exe' },
        },
      },
    });
    await scanAndContinue(user);
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
    await user.click(await within(card).findByRole('button', { name: 'Make this change' }));
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('A file is in use by another program.');
    expect(alert.textContent).toContain('GalContacts.db is in use by lync.exe.');
    await user.click(within(card).getByRole('button', { name: 'Show the changes again' }));
    await within(card).findByRole('button', { name: 'Make this change' });
  });

  it('shows a failed administrators’ check as an error and keeps the form to try again', async () => {
    const { user, client } = await renderWizard({
      failures: {
        'admin.check': { code: 'io', message: 'The DNS server did not answer.' },
      },
    });
    await scanAndContinue(user);
    await user.click(screen.getByRole('button', { name: /Administrators$/ }));
    await user.click(screen.getByRole('button', { name: 'Run the checks' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The DNS server did not answer.');
    expect(client.calls.filter((call) => call.name === 'admin.check')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Run the checks' }));
    expect(client.calls.filter((call) => call.name === 'admin.check')).toHaveLength(2);
  });

  it('runs the administrators’ checks with the domain and extra servers', async () => {
    const { user, client } = await renderWizard();
    await scanAndContinue(user);
    await user.click(screen.getByRole('button', { name: /Administrators$/ }));
    const domain = (await screen.findByLabelText('SIP domain')) as HTMLInputElement;
    expect(domain.value).toBe('contoso.com');
    const targets = screen.getByLabelText(/Extra servers to check/);
    await user.type(targets, 'sts.contoso.com:443{enter}bad/path');
    await user.click(screen.getByRole('button', { name: 'Run the checks' }));
    expect(screen.getByRole('alert').textContent).toContain('bad/path');
    // Nothing was sent: the bad line is pointed out before any server is contacted.
    expect(client.calls.filter((call) => call.name === 'admin.check')).toHaveLength(0);

    await user.clear(targets);
    await user.type(targets, 'sts.contoso.com:443');
    await user.click(screen.getByRole('button', { name: 'Run the checks' }));
    await screen.findByText('The chain of sip.contoso.com is trusted.');
    expect(client.calls.at(-1)).toEqual({
      name: 'admin.check',
      request: { domain: 'contoso.com', targets: ['sts.contoso.com:443'] },
    });
  });

  it('keeps the window usable when a screen fails to render', async () => {
    const { user, client } = await renderWizard();
    const realScan = client['diagnosis.run'];
    // A response main would never let through (its schema check), to prove the window survives.
    client['diagnosis.run'] = async (request) => {
      const result = await realScan(request);
      return result.ok
        ? { ok: true, value: { ...result.value, clients: null as unknown as [] } }
        : result;
    };
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    await screen.findByRole('heading', { name: 'This screen could not be shown' });
    expect(screen.getByRole('note', { name: 'Practice mode' })).toBeTruthy();
    expect(screen.getByText('K7Q2XM')).toBeTruthy();
    quiet.mockRestore();

    // The step list still works: a screen that does not use the broken data shows normally.
    await user.click(screen.getByRole('button', { name: /Report$/ }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Report');
  });
});
