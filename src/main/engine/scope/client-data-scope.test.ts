/**
 * The scope rules of Microsoft's current procedure: the Tracing folder and AccountProfiles.dat
 * only directly in one of the profile's Office `Lync` folders, each only for its own step.
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED_TARGETS, type ScopeProfile } from './allowed-targets';

const LOCAL = 'C:\\Users\\kate\\AppData\\Local\\Microsoft\\Office\\16.0\\Lync';
const ROAMING = 'C:\\Users\\kate\\AppData\\Roaming\\Microsoft\\Office\\16.0\\Lync';
const LYNC2010 = 'C:\\Users\\kate\\AppData\\Local\\Microsoft\\Communicator';

const profile: ScopeProfile = {
  cacheLocations: [LOCAL, ROAMING, LYNC2010],
  join: (location, name) => `${location}\\${name}`,
  settingsKeys: [],
  disallowed: new Set(),
};

const tracing = ALLOWED_TARGETS['clear-tracing-folder'];
const accountProfiles = ALLOWED_TARGETS['remove-account-profiles'];

describe('scope of the Tracing folder and AccountProfiles.dat', () => {
  it('allows each directly in an Office Lync folder, compared as Windows compares names', () => {
    expect(tracing?.({ kind: 'delete-folder', path: `${LOCAL}\\Tracing` }, profile)).toBe(
      undefined,
    );
    expect(tracing?.({ kind: 'delete-folder', path: `${LOCAL}\\TRACING` }, profile)).toBe(
      undefined,
    );
    expect(
      accountProfiles?.({ kind: 'delete-file', path: `${ROAMING}\\AccountProfiles.dat` }, profile),
    ).toBe(undefined);
  });

  it('refuses them anywhere else, deeper, outside Office, or as the other kind of target', () => {
    const refused = [
      tracing?.(
        { kind: 'delete-folder', path: `${LOCAL}\\sip_kate@contoso.com\\Tracing` },
        profile,
      ),
      tracing?.({ kind: 'delete-folder', path: `${LYNC2010}\\Tracing` }, profile),
      tracing?.({ kind: 'delete-folder', path: 'C:\\Windows\\Tracing' }, profile),
      tracing?.({ kind: 'delete-folder', path: `${LOCAL}\\..\\Tracing` }, profile),
      tracing?.({ kind: 'delete-file', path: `${LOCAL}\\Tracing` }, profile),
      accountProfiles?.({ kind: 'delete-file', path: `${LOCAL}\\Other.dat` }, profile),
      accountProfiles?.(
        { kind: 'delete-folder', path: `${ROAMING}\\AccountProfiles.dat` },
        profile,
      ),
    ];
    for (const why of refused) expect(why).toEqual(expect.any(String));
  });
});
