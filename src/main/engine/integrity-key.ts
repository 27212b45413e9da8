/**
 * Where the engine's integrity key lives: outside the data folder, in
 * `HKCU\Software\SfBSigninRepair` value `IntegrityKey` (REG_BINARY), protected with
 * `host.secrets` — DPAPI for the current user on Windows, the practice PC's own key
 * (`vault.key`, see src/main/host/practice/README.md) on the practice PC. Another Windows
 * account cannot open it, and a file dropped into the data folder cannot carry it.
 *
 * A key that cannot be opened (damaged, or protected by another account) is replaced by a new
 * one: runs sealed with the old key then show as damaged, which is the safe direction.
 */
import { randomBytes } from 'node:crypto';
import type { RegistryKeyRef } from '../../shared/registry-value';
import type { HostSystem } from '../host/ports';
import { INTEGRITY_KEY_BYTES, type KeyProvider } from '../journal/integrity';

export const INTEGRITY_KEY_LOCATION: RegistryKeyRef = {
  hive: 'HKCU',
  path: 'Software\\SfBSigninRepair',
};
const VALUE_NAME = 'IntegrityKey';

async function openStored(host: HostSystem): Promise<Uint8Array | undefined> {
  const stored = await host.registry.getValue(INTEGRITY_KEY_LOCATION, VALUE_NAME);
  if (stored?.type !== 'REG_BINARY') return undefined;
  try {
    const key = await host.secrets.unprotect(Buffer.from(stored.data, 'base64'));
    return key.byteLength === INTEGRITY_KEY_BYTES ? key : undefined;
  } catch {
    return undefined;
  }
}

export function hostKeyProvider(host: HostSystem): KeyProvider {
  return {
    where: `HKCU\\${INTEGRITY_KEY_LOCATION.path} ${VALUE_NAME}`,
    find: () => openStored(host),
    async load() {
      const existing = await openStored(host);
      if (existing) return existing;
      const fresh = new Uint8Array(randomBytes(INTEGRITY_KEY_BYTES));
      const sealed = await host.secrets.protect(fresh);
      await host.registry.createKey(INTEGRITY_KEY_LOCATION);
      await host.registry.setValue(INTEGRITY_KEY_LOCATION, VALUE_NAME, {
        type: 'REG_BINARY',
        data: Buffer.from(sealed).toString('base64'),
      });
      // Two processes creating it at once: both go on with the one that was written last.
      return (await openStored(host)) ?? fresh;
    },
  };
}
