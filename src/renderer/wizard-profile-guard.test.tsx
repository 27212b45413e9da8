// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  renderWizard,
  scanAndContinue,
  seriousA11yViolations,
} from '../../testing/renderer/render-wizard';

afterEach(cleanup);

const AS_ADMIN = { runningAs: 'CONTOSO\\admin', signedIn: 'user', elevated: true };

describe('the wizard started as another account', () => {
  it('explains on the scan screen who it runs as, who is signed in and why, and offers a restart', async () => {
    const { user, client, view } = await renderWizard({ wrongProfile: AS_ADMIN });
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    await screen.findByRole('heading', { name: 'What the scan found' });

    const alert = screen.getByRole('alert', {
      name: 'This app is running as CONTOSO\\admin, not as user',
    });
    expect(alert.textContent).toContain(
      'user is signed in to Windows, but this app was started with “Run as administrator” as CONTOSO\\admin.',
    );
    expect(alert.textContent).toContain(
      'a repair made now would change CONTOSO\\admin’s profile and leave user’s sign-in problem as it is.',
    );
    expect(alert.textContent).toContain('The steps for the whole PC (MachineGuid, DNS cache)');
    // The scan's own finding is the first problem listed.
    const problems = screen.getByText(/problems? found\./).nextElementSibling as HTMLElement;
    expect(within(problems).getAllByRole('listitem')[0]?.textContent).toContain(
      'Started as CONTOSO\\admin while user is signed in: restart it normally.',
    );
    expect(await seriousA11yViolations(view.container)).toEqual([]);

    await user.click(within(alert).getByRole('button', { name: 'Restart normally' }));
    expect(
      (await within(alert).findByText(/^Practice PC: nothing was started\./)).textContent,
    ).toContain('ask Windows Explorer, which runs as user, to start SfB Sign-in Repair again');
    expect(client.calls.filter((call) => call.name === 'app.restartAsUser')).toEqual([
      { name: 'app.restartAsUser', request: {} },
    ]);
  });

  it('switches off the per-user repairs with the explanation on each card, and keeps MachineGuid and DNS', async () => {
    const { user, client } = await renderWizard({ wrongProfile: AS_ADMIN });
    await scanAndContinue(user);

    const signIn = screen.getByRole('region', { name: 'Delete my sign-in information' });
    const note = within(signIn).getByRole('note');
    expect(note.textContent).toContain(
      'Switched off: this app runs as CONTOSO\\admin while user is signed in.',
    );
    expect(note.textContent).toContain('would change CONTOSO\\admin’s profile');
    const preview = within(signIn).getByRole('button', { name: 'Show what will change' });
    expect((preview as HTMLButtonElement).disabled).toBe(true);
    expect(preview.getAttribute('aria-describedby')).toBe('profile-delete-sign-in-info');
    await user.click(preview);
    expect(client.calls.some((call) => call.name === 'repair.plan')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Next: More steps' }));
    const perUser = [
      'Delete the endpoint cache',
      'Delete the personal certificate',
      "Remove the user's stored credentials",
    ];
    for (const title of perUser) {
      const card = screen.getByRole('region', { name: title });
      expect(within(card).getByRole('note').textContent, title).toContain('Switched off');
      const button = within(card).getByRole('button', { name: 'Show what will change' });
      expect((button as HTMLButtonElement).disabled, title).toBe(true);
    }
    for (const title of ['Flush the DNS cache', 'Remove braces from MachineGuid']) {
      const card = screen.getByRole('region', { name: title });
      expect(within(card).getByText(/changes the whole PC, not a user’s profile/)).toBeTruthy();
      expect(within(card).queryByRole('button', { name: 'Restart normally' })).toBeNull();
    }
    const dns = screen.getByRole('region', { name: 'Flush the DNS cache' });
    await user.click(within(dns).getByRole('button', { name: 'Show what will change' }));
    expect(await within(dns).findByText('(cannot be undone)')).toBeTruthy();
    expect(client.calls.find((call) => call.name === 'repair.plan')?.request).toMatchObject({
      steps: ['flush-dns-cache'],
    });

    // The restart answer shows on the card where it was asked, not on every card.
    const endpoint = screen.getByRole('region', { name: 'Delete the endpoint cache' });
    await user.click(within(endpoint).getByRole('button', { name: 'Restart normally' }));
    await within(endpoint).findByText(/^Practice PC: nothing was started\./);
    const certificate = screen.getByRole('region', { name: 'Delete the personal certificate' });
    expect(within(certificate).queryByText(/^Practice PC: nothing was started\./)).toBeNull();
  });

  it('started as another user without elevation, says to start the app yourself', async () => {
    const { user } = await renderWizard({
      wrongProfile: { runningAs: 'FABRIKAM\\helpdesk', signedIn: 'user', elevated: false },
    });
    await user.click(screen.getByRole('button', { name: 'Scan this PC' }));
    const alert = await screen.findByRole('alert', {
      name: 'This app is running as FABRIKAM\\helpdesk, not as user',
    });
    expect(alert.textContent).toContain('this app was started as FABRIKAM\\helpdesk.');
    expect(alert.textContent).not.toContain('Run as administrator');
    await user.click(within(alert).getByRole('button', { name: 'Restart normally' }));
    expect(
      (await within(alert).findByText(/^Practice PC: nothing was started\./)).textContent,
    ).toContain('start SfB Sign-in Repair yourself while signed in as user');
  });

  it('shows nothing of it when the app runs as the signed-in user', async () => {
    const { user } = await renderWizard();
    await scanAndContinue(user);
    expect(screen.queryByText(/Switched off/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Restart normally' })).toBeNull();
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    const preview = within(card).getByRole('button', { name: 'Show what will change' });
    expect((preview as HTMLButtonElement).disabled).toBe(false);
  });

  it('switches off the undo of an earlier per-user change once the scan finds the wrong profile', async () => {
    const { user, client, store } = await renderWizard();
    // A change made while the app still ran as the signed-in user.
    await scanAndContinue(user);
    const card = screen.getByRole('region', { name: 'Delete my sign-in information' });
    await user.click(within(card).getByRole('button', { name: 'Show what will change' }));
    await user.click(await within(card).findByRole('button', { name: 'Make this change' }));
    await within(card).findByText('Done. Every change was made and checked.');

    // The same diagnosis as main would send once the app runs as another account.
    const diagnosis = store.getState().diagnosis;
    if (!diagnosis) throw new Error('no diagnosis');
    store.setState({
      diagnosis: {
        ...diagnosis,
        wrongProfile: { runningAs: 'CONTOSO\\admin', signedIn: 'user', elevated: true },
        findings: [
          {
            id: 'profile',
            status: 'problem',
            kbStep: 'lync2013-delete-sign-in-info',
            summary: 'Started as CONTOSO\\admin while user is signed in: restart it normally.',
            evidence: [
              { kind: 'text', label: 'Running as', value: 'CONTOSO\\admin' },
              { kind: 'text', label: 'Signed in', value: 'user' },
              { kind: 'text', label: 'Elevated', value: 'yes' },
            ],
            repairs: [],
          },
          ...diagnosis.findings,
        ],
      },
    });
    const undo = await within(card).findByRole('button', { name: 'Undo this change' });
    expect((undo as HTMLButtonElement).disabled).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Back: Scan this PC' }));
    const earlier = screen.getByRole('region', { name: 'Changes made with this app on this PC' });
    expect(
      (within(earlier).getByRole('button', { name: /Undo this change/ }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    expect(
      within(earlier).getByText(/Undo is switched off while this app runs as CONTOSO\\admin/),
    ).toBeTruthy();
    expect(client.calls.some((call) => call.name === 'runs.undo')).toBe(false);
  });
});
