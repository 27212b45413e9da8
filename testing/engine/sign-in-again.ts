/**
 * The user signs in to the kb-lync2013 practice PC again after a repair: a new saved password,
 * a per-address key with a new setting, and a cache folder with a changed file and a new one.
 * An undo of that repair then finds newer data to keep; undoing the undo puts it back.
 */
import type { HostSystem } from '../../src/main/host/ports';

export const SIGNED_IN_AGAIN = {
  credential: 'Microsoft_OC1:uri=user@contoso.com:specific:OCS:1',
  secret: 'the new password',
  perAddressKey: {
    hive: 'HKCU' as const,
    path: 'Software\\Microsoft\\Office\\15.0\\Lync\\user@contoso.com',
  },
};

export async function signInAgain(host: HostSystem): Promise<void> {
  await host.credentials.write({
    targetName: SIGNED_IN_AGAIN.credential,
    type: 'generic',
    userName: 'CONTOSO\\user',
    persist: 'local-machine',
    lastWritten: '2026-12-02T00:00:00.000Z',
    secret: new Uint8Array(Buffer.from(SIGNED_IN_AGAIN.secret, 'utf16le')),
  });
  await host.registry.createKey(SIGNED_IN_AGAIN.perAddressKey);
  await host.registry.setValue(SIGNED_IN_AGAIN.perAddressKey, 'NewSetting', {
    type: 'REG_DWORD',
    data: 7,
  });
  const local = (await host.files.knownFolder('LocalAppData')) as string;
  const cache = host.files.join(
    local,
    'Microsoft',
    'Office',
    '15.0',
    'Lync',
    'sip_user@contoso.com',
  );
  // A file the repair also backed up (its newer version) and one only the new sign-in wrote.
  await host.files.writeFile(host.files.join(cache, 'GalContacts.db'), new Uint8Array([9, 9]));
  await host.files.writeFile(
    host.files.join(cache, 'new-after-sign-in.xml'),
    new Uint8Array([1, 2, 3]),
  );
}

/** The saved password the credential holds now, as text; `undefined` when there is none. */
export async function savedPassword(host: HostSystem): Promise<string | undefined> {
  const record = await host.credentials.read(SIGNED_IN_AGAIN.credential, 'generic');
  return record ? Buffer.from(record.secret).toString('utf16le') : undefined;
}
