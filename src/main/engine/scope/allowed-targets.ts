/**
 * What each repair step's planner can produce, and nothing more: the one table recovery, undo
 * and apply check every journalled or planned action against (`index.ts`). A step added to the
 * product is one more entry here.
 *
 * Each rule answers `undefined` when the target is one the step's planner could have made for
 * this profile, or says in plain words why not.
 */
import type { RepairStepId } from '../../../shared/repairs';
import type { RegistryKeyRef } from '../../../shared/registry-value';
import { sameWindowsName, startsWithWindowsName } from '../../../shared/windows-names';
import type { InternalTarget } from '../actions/internal-target';
import { CRYPTOGRAPHY_KEY } from '../inventory/locations';
import { addressFromCacheFolder, looksLikeAddress } from '../sip-address';

/** The current profile's places, read from the host (never from the data folder). */
export interface ScopeProfile {
  /** Full paths of the folders `sip_` caches sit directly in (CACHE_LOCATIONS). */
  cacheLocations: string[];
  /** `join(location, name)` as the host builds paths. */
  join(location: string, name: string): string;
  /** HKCU paths of the clients' settings keys (CLIENT_SPECS). */
  settingsKeys: string[];
  /** Thumbprints (upper case) a Disallowed store holds now. */
  disallowed: ReadonlySet<string>;
}

type Rule = (target: InternalTarget, profile: ScopeProfile) => string | undefined;

const CONNECTION_VALUES = ['ServerSipUri', 'ServerUsername'];
export const CREDENTIAL_PREFIX = 'Microsoft_OC1:';

/** One path part that stays where it is put: no separators, drive, stream or `..`. */
export function isPlainName(part: unknown): part is string {
  return (
    typeof part === 'string' &&
    part !== '' &&
    part !== '.' &&
    part !== '..' &&
    !/[\\/:]/.test(part) &&
    !part.includes(String.fromCharCode(0))
  );
}

function segments(path: string): string[] {
  return path.split('\\');
}

function isSettingsKey(key: RegistryKeyRef, profile: ScopeProfile): boolean {
  return (
    key.hive === 'HKCU' &&
    profile.settingsKeys.some((settings) => sameWindowsName(settings, key.path))
  );
}

const sipCacheFolder: Rule = (target, profile) => {
  if (target.kind !== 'delete-folder') return 'only sip_ cache folders can be deleted here';
  for (const location of profile.cacheLocations) {
    const prefix = profile.join(location, '');
    if (!startsWithWindowsName(target.path, prefix)) continue;
    const name = target.path.slice(prefix.length);
    if (!isPlainName(name)) continue;
    if (addressFromCacheFolder(name) === undefined) continue;
    if (sameWindowsName(profile.join(location, name), target.path)) return undefined;
  }
  return `${target.path} is not a sip_ folder directly in one of this profile's Lync cache folders`;
};

function certificateIn(name: 'My' | 'Root'): Rule {
  return (target, profile) => {
    if (target.kind !== 'delete-certificate') return 'only certificates can be removed here';
    if (target.store.location !== 'CurrentUser' || target.store.name !== name) {
      return `the certificate is in ${target.store.location}\\${target.store.name}, not CurrentUser\\${name}`;
    }
    if (name === 'Root' && !profile.disallowed.has(target.thumbprint.toUpperCase())) {
      return `root ${target.thumbprint} is not one Windows distrusts (no Disallowed store holds it)`;
    }
    return undefined;
  };
}

const oc1Credential: Rule = (target) => {
  if (target.kind !== 'delete-credential')
    return 'only the sign-in credentials Lync and Skype for Business save can be removed here';
  return startsWithWindowsName(target.targetName, CREDENTIAL_PREFIX)
    ? undefined
    : `the credential ${target.targetName} is not a Lync / Skype for Business sign-in (${CREDENTIAL_PREFIX}) credential`;
};

const connectionSettings: Rule = (target, profile) => {
  if (target.kind === 'delete-registry-key') {
    const parts = segments(target.key.path);
    const address = parts.at(-1) ?? '';
    const parent = { ...target.key, path: parts.slice(0, -1).join('\\') };
    return parts.length > 1 && looksLikeAddress(address) && isSettingsKey(parent, profile)
      ? undefined
      : `${target.key.hive}\\${target.key.path} is not a per-address key of a Lync settings key`;
  }
  if (target.kind === 'delete-registry-value') {
    return isSettingsKey(target.key, profile) &&
      CONNECTION_VALUES.some((name) => sameWindowsName(name, target.name))
      ? undefined
      : `${target.key.hive}\\${target.key.path} ${target.name} is not a saved connection setting`;
  }
  return 'only Lync settings keys and values can be deleted here';
};

/** A GUID, with or without braces: all MachineGuid may ever hold. */
export const GUID =
  /^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$/;

const machineGuid: Rule = (target) => {
  if (
    target.kind === 'set-registry-value' &&
    target.key.hive === 'HKLM' &&
    target.key.view === '64' &&
    sameWindowsName(target.key.path, CRYPTOGRAPHY_KEY) &&
    sameWindowsName(target.name, 'MachineGuid') &&
    target.value.type === 'REG_SZ' &&
    GUID.test(target.value.data) &&
    target.expected.type === 'REG_SZ' &&
    GUID.test(target.expected.data)
  ) {
    return undefined;
  }
  return 'only the MachineGuid value can be changed here, from one GUID to the same GUID';
};

/**
 * A fixed name directly in one of the Office clients' `Lync` folders (the places the `sip_`
 * caches sit in): the Tracing folder and AccountProfiles.dat of Microsoft's current procedure.
 */
function clientDataIn(kind: 'delete-folder' | 'delete-file', name: string): Rule {
  return (target, profile) => {
    if (target.kind !== kind) return `only ${name} can be deleted here`;
    const match = profile.cacheLocations.some(
      (location) =>
        sameWindowsName(location.split(/[\\/]/).at(-1) ?? '', 'Lync') &&
        sameWindowsName(profile.join(location, name), target.path),
    );
    return match
      ? undefined
      : `${target.path} is not ${name} in one of this profile's Lync folders`;
  };
}

const dnsFlush: Rule = (target) =>
  target.kind === 'flush-dns' ? undefined : 'this step only flushes the DNS cache';

/** Composite steps never appear on an action: their parts do. */
export const ALLOWED_TARGETS: Partial<Record<RepairStepId, Rule>> = {
  'clear-endpoint-cache': sipCacheFolder,
  'remove-personal-certificate': certificateIn('My'),
  'remove-distrusted-root': certificateIn('Root'),
  'remove-stored-credentials': oc1Credential,
  'clear-connection-settings': connectionSettings,
  'fix-machine-guid': machineGuid,
  'flush-dns-cache': dnsFlush,
  'clear-tracing-folder': clientDataIn('delete-folder', 'Tracing'),
  'remove-account-profiles': clientDataIn('delete-file', 'AccountProfiles.dat'),
};
