/**
 * SIP addresses as they appear in the registry, folder names, credential targets and
 * certificates. Comparison is as Windows compares folder and key names (`windowsUpcase`: ordinal,
 * case-insensitive, no Unicode folding) and ignores a `sip:` prefix; the address itself is kept
 * as found, odd characters included.
 */
import { startsWithWindowsName, windowsUpcase } from '../../shared/windows-names';

export function stripSipPrefix(raw: string): string {
  const trimmed = raw.trim();
  return /^sip:/i.test(trimmed) ? trimmed.slice(4) : trimmed;
}

/** The key two spellings of one address share. */
export function addressKey(raw: string): string {
  return windowsUpcase(stripSipPrefix(raw));
}

export function sameAddress(a: string, b: string): boolean {
  return addressKey(a) === addressKey(b);
}

export function looksLikeAddress(raw: string): boolean {
  const address = stripSipPrefix(raw);
  const at = address.indexOf('@');
  return at > 0 && at < address.length - 1 && !/[\s\\/]/.test(address);
}

const OC1_PREFIX = 'Microsoft_OC1:uri=';

/** `Microsoft_OC1:uri=user@contoso.com:specific:OCS:1` → `user@contoso.com`. */
export function addressFromCredentialTarget(target: string): string | undefined {
  if (!startsWithWindowsName(target, OC1_PREFIX)) return undefined;
  let rest = target.slice(OC1_PREFIX.length);
  if (/^sip:/i.test(rest)) rest = rest.slice(4);
  const end = rest.indexOf(':');
  const address = end === -1 ? rest : rest.slice(0, end);
  return looksLikeAddress(address) ? address : undefined;
}

/** `sip_user@contoso.com` → `user@contoso.com`. */
export function addressFromCacheFolder(name: string): string | undefined {
  if (!/^sip_/i.test(name)) return undefined;
  const address = name.slice(4);
  return looksLikeAddress(address) ? address : undefined;
}

/** Collects addresses once each, keeping the first spelling seen and every place it came from. */
export class AddressBook {
  private readonly entries = new Map<string, { address: string; sources: string[] }>();

  add(raw: string, source: string): void {
    const address = stripSipPrefix(raw);
    if (!looksLikeAddress(address)) return;
    const key = addressKey(address);
    const entry = this.entries.get(key);
    if (entry) {
      if (!entry.sources.includes(source)) entry.sources.push(source);
    } else {
      this.entries.set(key, { address, sources: [source] });
    }
  }

  list(): Array<{ address: string; sources: string[] }> {
    return [...this.entries.values()];
  }
}
