// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { openWizard, renderWizard, scanAndContinue } from '../../testing/renderer/render-wizard';

afterEach(cleanup);

describe('changes made in an earlier session', () => {
  it('lists them after the window is opened again and undoes one exactly', async () => {
    const first = await renderWizard({ clientRunning: false });
    await scanAndContinue(first.user);
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    await first.user.click(within(card).getByRole('button', { name: 'Show what will change' }));
    await first.user.click(await within(card).findByRole('button', { name: 'Make this change' }));
    await within(card).findByText(/^Done\./);
    cleanup();

    // A new window (new store) over the same main process.
    const { user } = await openWizard(first.client);
    const history = screen.getByRole('region', { name: 'Changes made with this app on this PC' });
    const entry = within(history).getByRole('listitem');
    expect(entry.textContent).toContain('Remove the saved sign-in passwords');
    expect(entry.textContent).toContain('(for user@contoso.com) — made');

    await user.click(within(entry).getByRole('button', { name: /^Undo this change/ }));
    await within(history).findByText(/^Undone\./);
    const undos = first.client.calls.filter((call) => call.name === 'runs.undo');
    expect(undos).toEqual([
      { name: 'runs.undo', request: { runId: expect.stringMatching(/^run-/) } },
    ]);
    // The list is read again and now says so; there is nothing left to undo.
    await waitFor(() =>
      expect(within(history).getAllByRole('listitem')[0]?.textContent).toContain('— undone'),
    );
    expect(within(history).queryByRole('button', { name: /^Undo this change/ })).toBeNull();
  });
});
