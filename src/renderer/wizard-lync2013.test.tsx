// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearEndpointCacheAndScanAgain,
  renderWizard,
  scanAndContinue,
} from '../../testing/renderer/render-wizard';

afterEach(cleanup);

function readBlob(blob: Blob | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob ?? new Blob());
  });
}

describe('the Lync 2013 path', () => {
  it('scans, shows the client and addresses, and previews, applies and undoes “Delete my sign-in information”', async () => {
    const { user, client } = await renderWizard({ kind: 'lync2013' });
    expect(screen.getByRole('note', { name: 'Practice mode' }).textContent).toContain(
      'kb-lync2013',
    );

    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    await screen.findByRole('heading', { name: 'What the scan found' });
    const clientLine = screen.getByText('Lync 2013', { selector: 'strong' }).closest('li');
    expect(clientLine?.textContent).toBe('Lync 2013 version 15.0.4569.1506 (not running)');
    const current = screen.getByRole('radio', { name: /user@contoso.com/ }) as HTMLInputElement;
    expect(current.checked).toBe(true);
    expect(screen.getByRole('radio', { name: /other@fabrikam.com/ })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Next: Your Lync' }));
    expect(
      screen.getByRole('heading', { level: 1, name: 'Resolution for Lync 2013' }),
    ).toBeTruthy();
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    await user.click(within(card).getByRole('button', { name: 'Show what will change' }));

    // The plan in plain words, for the chosen address only, with the exact targets on demand.
    await within(card).findByText('Delete the expired sign-in certificate for user@contoso.com');
    expect(
      within(card).getByText('Remove the saved sign-in password for user@contoso.com'),
    ).toBeTruthy();
    // Plain words first: no credential target names, no REG types.
    expect(
      within(card).getByText(
        'Remove the password Lync 2013 saved for user@contoso.com; it asks for it again',
      ),
    ).toBeTruthy();
    expect(client.calls.find((call) => call.name === 'repair.plan')?.request).toEqual({
      steps: ['delete-sign-in-info'],
      address: 'user@contoso.com',
    });
    const certificateStep = within(card).getByRole('region', {
      name: 'Delete the personal certificate issued by Communications Server',
    });
    expect(
      within(certificateStep).getByText('3F1A9C0B7D2E4F6A8B0C1D2E3F4A5B6C7D8E9F00'),
    ).toBeTruthy();
    expect(within(certificateStep).getByText('CN=Communications Server')).toBeTruthy();

    await user.click(within(card).getByRole('button', { name: 'Make this change' }));
    await within(card).findByText('Done. Every change was made and checked.');
    expect(within(card).getAllByText(/— checked/)).toHaveLength(3);
    const applied = client.calls.filter((call) => call.name === 'repair.apply');
    expect(applied).toHaveLength(1);

    // Undo one step only, then the card says what was put back.
    await user.click(
      within(card).getByRole('button', { name: 'Undo only: Remove the saved sign-in passwords' }),
    );
    await within(card).findByText(/Partly undone/);
    expect(client.calls.filter((call) => call.name === 'runs.undo').at(-1)).toEqual({
      name: 'runs.undo',
      request: { runId: expect.stringMatching(/^run-/), stepId: 'remove-stored-credentials' },
    });
    expect(within(card).getByText('Undone:')).toBeTruthy();
  });

  it('re-scans from “Did this fix the problem?” and reports the remaining problems', async () => {
    const { user } = await renderWizard({ kind: 'lync2013' });
    await scanAndContinue(user);
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
    await user.click(await within(card).findByRole('button', { name: 'Make this change' }));
    await within(card).findByText(/^Done\./);

    await user.click(screen.getByRole('button', { name: 'Next: More steps' }));
    await clearEndpointCacheAndScanAgain(user);
    await screen.findByText('The new scan found no problems on this PC.');

    await user.click(screen.getByRole('radio', { name: /other accounts sign in fine/ }));
    expect(screen.getByText(/most likely with your user account/)).toBeTruthy();
    const support = screen.getByRole('region', { name: '3. What to tell support' });
    expect(within(support).getByText('K7Q2XM')).toBeTruthy();
    expect(within(support).getByText(/Delete the endpoint cache/)).toBeTruthy();
  });

  it('builds the report, copies it and offers it as a file', async () => {
    const { user, client } = await renderWizard({ kind: 'lync2013' });
    await scanAndContinue(user);
    await user.click(screen.getByRole('button', { name: /Report$/ }));
    await user.click(screen.getByRole('button', { name: 'Prepare the report' }));
    await screen.findByText('sfb-signin-report.html');
    expect(client.calls.at(-1)).toEqual({
      name: 'report.build',
      request: { format: 'html', context: { address: 'user@contoso.com' } },
    });

    await user.click(screen.getByRole('button', { name: 'Copy summary' }));
    await screen.findByText(/^Copied the summary\./);
    // The ticket gets the plain-text summary, never the HTML.
    expect(await navigator.clipboard.readText()).toBe(
      'SfB Sign-in Repair — summary\nSupport code: K7Q2XM\n',
    );

    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:report';
    };
    URL.revokeObjectURL = () => {};
    // jsdom cannot download; record which link the browser would have followed instead.
    const followed: Array<{ href: string; download: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      followed.push({ href: this.href, download: this.download });
    });
    await user.click(screen.getByRole('button', { name: 'Save the report' }));
    click.mockRestore();
    expect(followed).toEqual([{ href: 'blob:report', download: 'sfb-signin-report.html' }]);
    expect(created).toHaveLength(1);
    expect(created[0]?.type).toBe('text/html');
    expect(await readBlob(created[0])).toBe('<!doctype html><title>Report</title>');
  });
});
