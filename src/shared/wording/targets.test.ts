import { describe, expect, it } from 'vitest';
import type { ActionTarget } from '../repairs';
import { ANY_CLIENT_NAME, clientNameOf } from './client';
import { plainAction, plainActionOutcome } from './targets';

const NOW = new Date('2026-12-02T12:00:00.000Z');

function credential(targetName: string): ActionTarget {
  return { kind: 'credential', targetName, userName: 'CONTOSO\\user', credentialType: 'generic' };
}

describe('a planned change in plain words', () => {
  it('names the client the scan found, and tells the sign-in password from the mailbox one', () => {
    const client = clientNameOf({ displayName: 'Skype for Business 2019' });
    const signIn = plainAction(
      'remove-stored-credentials',
      credential('Microsoft_OC1:uri=user@contoso.com:specific:OCS:1'),
      NOW,
      client,
    );
    const mailbox = plainAction(
      'remove-stored-credentials',
      credential('Microsoft_OC1:uri=user@contoso.com:specific:EWS:1'),
      NOW,
      client,
    );
    expect(signIn).toBe(
      'Remove the password Skype for Business 2019 saved for user@contoso.com; it asks for it again',
    );
    expect(mailbox).toBe(
      'Remove the Exchange mailbox password Skype for Business 2019 saved for user@contoso.com; it asks for it again',
    );
  });

  it('uses both family names before a scan has found the client', () => {
    expect(clientNameOf(undefined)).toBe(ANY_CLIENT_NAME);
    expect(clientNameOf({ displayName: '  ' })).toBe('Lync or Skype for Business');
    expect(
      plainAction(
        'clear-connection-settings',
        {
          kind: 'registry-key',
          key: 'HKCU\\Software\\Microsoft\\Office\\16.0\\Lync\\user@contoso.com',
          valueCount: 3,
          subkeyCount: 0,
        },
        NOW,
        clientNameOf(undefined),
      ),
    ).toBe('Clear the connection settings Lync or Skype for Business saved for user@contoso.com');
  });
});

describe('a change in a run outcome', () => {
  it('says what follows from it only when it was made', () => {
    const target = credential('Microsoft_OC1:uri=user@contoso.com:specific:OCS:1');
    const said = (outcome: 'applied' | 'undone' | 'failed') =>
      plainActionOutcome(outcome, 'remove-stored-credentials', target, NOW, 'Lync 2013');
    expect(said('applied')).toBe(
      'Remove the password Lync 2013 saved for user@contoso.com; it asks for it again',
    );
    // Put back, the password is there again: the client does not ask for it.
    expect(said('undone')).toBe('Remove the password Lync 2013 saved for user@contoso.com');
    expect(said('failed')).toBe('Remove the password Lync 2013 saved for user@contoso.com');
  });
});
