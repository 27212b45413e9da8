// @vitest-environment jsdom
/**
 * The additional steps' cards on a PC where nothing is wrong: what the person reads must be true
 * of this PC (the certificate left may be another account's; there may be nothing to change).
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { finding } from '../../../testing/renderer/fake-data';
import { renderWizard, scanAndContinue } from '../../../testing/renderer/render-wizard';
import type { Diagnosis } from '../client/client-types';

afterEach(cleanup);

type Finding = Diagnosis['findings'][number];

function replacing(replacement: Finding) {
  return (diagnosis: Diagnosis): Diagnosis => ({
    ...diagnosis,
    findings: diagnosis.findings.map((item) => (item.id === replacement.id ? replacement : item)),
  });
}

/** Fine, and another account's: the only certificate left, the only password saved. */
const OTHER_ACCOUNTS_CERTIFICATE = finding(
  'personal-certificate',
  'ok',
  'additional-personal-certificate',
  'The sign-in certificate for other@fabrikam.com is valid; user@contoso.com has none: the client gets one when it signs in with it.',
  [
    {
      kind: 'certificate',
      label: 'CN=other@fabrikam.com, valid, valid 2026-01-01 to 2027-01-01',
      value: '3F1A9C0B7D2E4F6A8B0C1D2E3F4A5B6C7D8E9F00',
    },
  ],
  ['delete-sign-in-info', 'remove-personal-certificate'],
);
const OTHER_ACCOUNTS_PASSWORD = finding(
  'stored-credentials',
  'ok',
  'additional-stored-credentials',
  'Saved sign-in passwords for Lync 2013: 1 for other@fabrikam.com. None belongs to a sign-in that no longer works.',
  [
    {
      kind: 'credential-target',
      label: 'user other@fabrikam.com',
      value: 'Microsoft_OC1:uri=other@fabrikam.com:specific:OCS:1',
    },
  ],
  ['delete-sign-in-info', 'remove-stored-credentials'],
);

async function additionalCard(name: string, reportedAs: (diagnosis: Diagnosis) => Diagnosis) {
  const { user } = await renderWizard({ reportedAs });
  await scanAndContinue(user);
  await user.click(screen.getByRole('button', { name: 'Next: More steps' }));
  return { user, card: screen.getByRole('region', { name }) };
}

describe('the additional steps on a healthy PC', () => {
  it('does not call another account’s valid certificate yours', async () => {
    const { user, card } = await additionalCard(
      'Delete the personal certificate',
      replacing(OTHER_ACCOUNTS_CERTIFICATE),
    );
    expect(within(card).getByText(/^Nothing is wrong here: there is no need/)).toBeTruthy();
    await user.click(within(card).getByText('Change it anyway…'));
    expect(card.textContent).not.toMatch(/Your sign-in certificate/);
    expect(
      within(card).getByText(
        'The sign-in certificate on this PC is valid. Deleting it signs you out of Lync 2013 until it gets a new one at the next sign-in. Do it only when a helpdesk agent asks you to.',
      ),
    ).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Show what would change' })).toBeTruthy();
  });

  it('counts the saved passwords it calls fine', async () => {
    const { user, card } = await additionalCard(
      "Remove the user's stored credentials",
      replacing(OTHER_ACCOUNTS_PASSWORD),
    );
    await user.click(within(card).getByText('Change it anyway…'));
    expect(
      within(card).getByText(
        'The password Lync 2013 saved looks fine. Removing it means typing your password at the next sign-in.',
      ),
    ).toBeTruthy();
  });

  it('offers no change where there is nothing to change: no certificate, no saved password', async () => {
    const noCertificate = replacing(
      finding(
        'personal-certificate',
        'ok',
        'additional-personal-certificate',
        'No certificate issued by Communications Server; the client gets one at sign-in.',
      ),
    );
    const noPassword = replacing(
      finding(
        'stored-credentials',
        'ok',
        'additional-stored-credentials',
        'No saved sign-in passwords for Lync 2013 / Skype for Business 2015.',
      ),
    );
    const { card } = await additionalCard('Delete the personal certificate', (diagnosis) =>
      noPassword(noCertificate(diagnosis)),
    );
    const credentials = screen.getByRole('region', {
      name: "Remove the user's stored credentials",
    });
    for (const region of [card, credentials]) {
      expect(
        within(region).getByText(
          'Nothing is wrong here, and there is nothing this step could change.',
        ),
      ).toBeTruthy();
      expect(within(region).queryByText('Change it anyway…')).toBeNull();
      expect(within(region).queryAllByRole('button')).toEqual([]);
    }
  });
});
