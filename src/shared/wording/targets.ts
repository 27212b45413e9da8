import type { ActionOutcome, ActionTarget } from '../repairs';
import type { RegistryValue } from '../registry-value';
import { formatDay } from './dates';
import { countOf, formatBytes } from './numbers';

/** A registry value as one line: `REG_DWORD 1`, `REG_MULTI_SZ a | b`. */
export function formatRegistryValue(value: RegistryValue): string {
  switch (value.type) {
    case 'REG_MULTI_SZ':
      return `${value.type} ${value.data.join(' | ')}`;
    case 'REG_RAW':
      return `type ${value.rawType} ${value.data}`;
    default:
      return `${value.type} ${String(value.data)}`;
  }
}

/** A folder's contents; the size is "about" when it was estimated from a sample of its files. */
function contentsOfFolder(target: Extract<ActionTarget, { kind: 'folder' }>): string {
  const size = `${target.sizeEstimated ? 'about ' : ''}${formatBytes(target.totalBytes)}`;
  return `${countOf(target.fileCount, 'file', 'files')}, ${size}`;
}

/** The exact place a planned change acts on, as label/value pairs (paths, thumbprints, keys). */
export function targetFacts(target: ActionTarget): Array<[string, string]> {
  switch (target.kind) {
    case 'folder':
      return [
        ['Folder', target.path],
        ['Contents', contentsOfFolder(target)],
      ];
    case 'file':
      return [
        ['File', target.path],
        ['Size', formatBytes(target.size)],
      ];
    case 'certificate':
      return [
        ['Store', target.store],
        ['Subject', target.subject],
        ['Issuer', target.issuer],
        ['Thumbprint', target.thumbprint],
        ['Valid until', target.notAfter],
      ];
    case 'credential':
      return [
        ['Credential', target.targetName],
        ['User name', target.userName],
        ['Type', target.credentialType],
      ];
    case 'registry-key':
      return [
        ['Registry key', target.key],
        [
          'Contents',
          `${countOf(target.valueCount, 'value', 'values')}, ${countOf(target.subkeyCount, 'subkey', 'subkeys')}`,
        ],
      ];
    case 'registry-value':
      return [
        ['Registry key', target.key],
        ['Value', target.name === '' ? '(Default)' : target.name],
        ['Now', formatRegistryValue(target.before)],
        ...(target.after ? [['After', formatRegistryValue(target.after)] as [string, string]] : []),
      ];
    case 'dns-cache':
      return [['DNS cache', 'the resolver cache of this PC (like ipconfig /flushdns)']];
  }
}

/** "user@contoso.com" out of a certificate subject or a credential target name, when there. */
function addressIn(text: string): string | undefined {
  return /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.exec(text)?.[0];
}

function forWhom(text: string): string {
  const address = addressIn(text);
  return address ? ` for ${address}` : '';
}

/**
 * Which password a saved credential holds: Lync and Skype for Business save the sign-in one
 * (`…:specific:OCS:…`) and, apart, the one for the Exchange mailbox (`…:specific:EWS:…`).
 */
function passwordKind(targetName: string): string {
  return /:specific:EWS:/i.test(targetName) ? 'Exchange mailbox password' : 'password';
}

/** The client's connection values a person knows by what they hold. */
const SETTING_NAMES: Record<string, string> = {
  ServerSipUri: 'sign-in address',
  ServerUsername: 'user name',
  ServerAddressInternal: 'internal server address',
  ServerAddressExternal: 'external server address',
};

/** A change in plain words, and what follows from it when something does. */
function plainChange(
  stepId: string,
  target: ActionTarget,
  now: Date,
  client: string,
  locale?: string,
): { what: string; then?: string } {
  switch (target.kind) {
    case 'folder':
      return stepId === 'clear-tracing-folder'
        ? {
            what: `Delete the client’s Tracing folder (${contentsOfFolder(target)})`,
            then: 'the client makes it again',
          }
        : {
            what: `Delete the server list ${client} saved${forWhom(target.path)} (${contentsOfFolder(target)})`,
            then: 'it finds its servers again at the next sign-in',
          };
    case 'file':
      return {
        what: `Delete AccountProfiles.dat (${formatBytes(target.size)})`,
        then: 'the client makes it again',
      };
    case 'certificate': {
      const day = formatDay(target.notAfter, locale);
      const ended = new Date(target.notAfter).getTime() < now.getTime();
      const what =
        stepId === 'remove-distrusted-root'
          ? 'the copy of a distrusted root certificate kept in your user profile'
          : `your sign-in certificate${forWhom(target.subject)}`;
      return { what: `Delete ${what}, which ${ended ? 'expired' : 'is valid until'} ${day}` };
    }
    case 'credential':
      return {
        what: `Remove the ${passwordKind(target.targetName)} ${client} saved${forWhom(target.targetName)}`,
        then: 'it asks for it again',
      };
    case 'registry-key':
      return { what: `Clear the connection settings ${client} saved${forWhom(target.key)}` };
    case 'registry-value':
      return {
        what:
          stepId === 'fix-machine-guid'
            ? 'Remove the braces around this PC’s machine ID (MachineGuid)'
            : `Clear the ${SETTING_NAMES[target.name] ?? 'sign-in setting'} ${client} saved`,
      };
    case 'dns-cache':
      return { what: 'Empty the list of server addresses Windows remembers (the DNS cache)' };
  }
}

/**
 * A planned change as a person would say it, with what follows from it ("…; it asks for it
 * again"), without paths, keys, thumbprints or REG types (those are under Details and in helpdesk
 * mode), naming the `client` the scan found (see clientNameOf). Dates in the reader's locale.
 */
export function plainAction(
  stepId: string,
  target: ActionTarget,
  now: Date,
  client: string,
  locale?: string,
): string {
  const { what, then } = plainChange(stepId, target, now, client, locale);
  return then ? `${what}; ${then}` : what;
}

/**
 * The same change as a line of a run's outcome: what follows from it is said only when it was
 * made; once undone, failed or skipped, it did not follow ("Undone: Remove the password …").
 */
export function plainActionOutcome(
  outcome: ActionOutcome,
  stepId: string,
  target: ActionTarget,
  now: Date,
  client: string,
): string {
  return outcome === 'applied'
    ? plainAction(stepId, target, now, client)
    : plainChange(stepId, target, now, client).what;
}
