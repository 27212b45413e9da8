// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { interruptedRun } from '../../testing/renderer/fake-data';
import { renderWizard } from '../../testing/renderer/render-wizard';

afterEach(cleanup);

const interrupted = interruptedRun([
  'Remove the saved sign-in credential Microsoft_OC1:uri=user@contoso.com',
]);

describe('an interrupted change', () => {
  it('is shown with what is still changed, and put back only when "Put it back" is clicked', async () => {
    const { client, user } = await renderWizard({ earlierRuns: [interrupted] });
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    const banner = await screen.findByRole('region', { name: 'A change needs your attention' });
    expect(banner.textContent).toContain('was interrupted before it finished');
    expect(banner.textContent).toContain('Still changed: Remove the saved sign-in credential');
    // Opening and scanning never recovered anything.
    expect(client.calls.some((call) => call.name === 'runs.recover')).toBe(false);

    await user.click(within(banner).getByRole('button', { name: /^Put it back/ }));
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'A change needs your attention' })).toBeNull(),
    );
    expect(client.calls.filter((call) => call.name === 'runs.recover')).toEqual([
      { name: 'runs.recover', request: { runId: interrupted.id } },
    ]);
  });

  it('says why when putting it back is refused, and keeps the button', async () => {
    const { user } = await renderWizard({
      earlierRuns: [interrupted],
      failures: {
        'runs.recover': {
          code: 'wrong-profile',
          message:
            'This tool was started as administrator as CONTOSO\\admin while CONTOSO\\user is signed in.',
        },
      },
    });
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    const banner = await screen.findByRole('region', { name: 'A change needs your attention' });
    await user.click(within(banner).getByRole('button', { name: /^Put it back/ }));
    expect((await within(banner).findByRole('alert')).textContent).toContain(
      'CONTOSO\\user is signed in',
    );
    expect(within(banner).getByRole('button', { name: /^Put it back/ })).toBeTruthy();
  });
});
