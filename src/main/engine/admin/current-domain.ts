/**
 * The SIP domain the client last signed in with, read from the same per-user values the
 * diagnosis reads (ServerSipUri), newest client first. Used when the administrator names none.
 */
import type { HostSystem } from '../../host/ports';

const SIGN_IN_KEYS = [
  'Software\\Microsoft\\Office\\16.0\\Lync',
  'Software\\Microsoft\\Office\\15.0\\Lync',
  'Software\\Microsoft\\Communicator',
];

export async function currentSipDomain(host: HostSystem): Promise<string | undefined> {
  for (const path of SIGN_IN_KEYS) {
    let value;
    try {
      value = await host.registry.getValue({ hive: 'HKCU', path }, 'ServerSipUri');
    } catch {
      continue;
    }
    if (value && (value.type === 'REG_SZ' || value.type === 'REG_EXPAND_SZ')) {
      const address = value.data.trim().replace(/^sip:/i, '');
      const at = address.lastIndexOf('@');
      if (at > 0 && at < address.length - 1) return address.slice(at + 1).toLowerCase();
    }
  }
  return undefined;
}
