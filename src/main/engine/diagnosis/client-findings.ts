/** `client` and `sign-in-assistant`: what is installed, which build, whether it runs. */
import type { FindingBase } from './context';
import type { Evidence, Finding } from '../../../shared/findings';
import { formatRegistryKey } from '../../../shared/registry-value';
import { SIGN_IN_ASSISTANT_KEY, SIGN_IN_ASSISTANT_SERVICE } from '../inventory/locations';
import type { InstalledClient } from '../inventory';
import { valueOf } from '../inventory/registry-read';
import { type DiagnosisContext, describeValue } from './context';
import { LYNC2010_TLS_TEXT, tlsReadiness } from './client-readiness';
import { compareVersions, parseVersion } from './version';

/**
 * Lync 2010 builds below this predate the cumulative updates Microsoft shipped for Office 365
 * sign-in; the RTM build 4.0.7577.0 is the typical offender. A floor, not an exact cut-off.
 */
export const LYNC2010_MINIMUM_VERSION = '4.0.7577.4103';
/** The Sign-In Assistant's IT Pro RTW build, the one the KB article links to: fine. */
export const SIGN_IN_ASSISTANT_RTW = '7.250.4303.0';

const SIGHTING_WORDS: Record<InstalledClient['sightings'][number]['how'], string> = {
  msi: 'Found by its MSI install key',
  'click-to-run': 'Found by Click-to-Run',
  'app-paths': 'Found by the App Paths entry for lync.exe',
  'program-file': 'Found as a program file',
};

function describeInstall(client: InstalledClient): string {
  const type = client.installType === 'click-to-run' ? 'Click-to-Run' : 'MSI';
  return client.bitness ? `${type}, ${client.bitness}-bit` : type;
}

function clientEvidence(context: DiagnosisContext): Evidence[] {
  const { clients, inventory } = context;
  const evidence: Evidence[] = [];
  for (const client of clients) {
    evidence.push({
      kind: 'version',
      label: `${client.displayName} (${describeInstall(client)})${client === context.primary ? ', the one this tool acts for' : ''}`,
      value: client.version ?? 'version unknown',
    });
    if (client.executablePath) {
      evidence.push({
        kind: 'path',
        label: `${client.displayName} program`,
        value: client.executablePath,
      });
    }
    for (const sighting of client.sightings) {
      evidence.push({
        kind: sighting.key ? 'registry' : 'path',
        label:
          sighting.how === 'program-file'
            ? `${SIGHTING_WORDS[sighting.how]} in its default folder`
            : `${SIGHTING_WORDS[sighting.how]} (${sighting.view}-bit view)`,
        value: sighting.where,
      });
    }
  }
  for (const leftover of inventory.leftoverClients) {
    for (const sighting of leftover.sightings) {
      evidence.push({
        kind: 'registry',
        label: `Leftover ${leftover.displayName} entry: its program does not exist (ignored)`,
        value: `${sighting.where} → ${leftover.program}`,
      });
    }
  }
  if (inventory.attendee) {
    evidence.push({
      kind: 'registry',
      label: 'Lync 2010 Attendee: joins meetings only and never signs in (not a sign-in client)',
      value: `${formatRegistryKey(inventory.attendee.key)} → ${inventory.attendee.directory}`,
    });
  }
  for (const process of inventory.processes) {
    evidence.push({
      kind: 'process',
      label: process.ownedByCurrentUser ? 'Running for this user' : 'Running for another user',
      value: `${process.name} (pid ${process.pid})`,
    });
  }
  for (const hint of inventory.upAndRunning) {
    evidence.push({
      kind: 'registry',
      label: `${formatRegistryKey(hint.key)} UpAndRunning`,
      value: describeValue(hint.value),
    });
  }
  return evidence;
}

/** "A leftover ... entry was ignored", when one disagrees with the client acted for. */
function leftoverNote(context: DiagnosisContext): string {
  const leftovers = context.inventory.leftoverClients;
  if (leftovers.length === 0) return '';
  const names = [...new Set(leftovers.map((leftover) => leftover.displayName))].join(', ');
  return context.primary
    ? ` A leftover ${names} registry entry names a program that no longer exists; the tool acts for ${context.primary.displayName}, whose program does.`
    : ` A leftover ${names} registry entry names a program that no longer exists.`;
}

export function clientFinding(context: DiagnosisContext): Finding {
  const { clients, primary } = context;
  const evidence = clientEvidence(context);
  const kbStep =
    primary?.kind === 'lync2010' ? 'lync2010-update-client' : 'lync2013-delete-sign-in-info';
  const note = leftoverNote(context);
  if (!primary) {
    return {
      id: 'client',
      status: 'warning',
      kbStep,
      summary: `No Lync or Skype for Business desktop client was found.${note}`,
      detail:
        'Neither the MSI install keys, Click-to-Run, the App Paths entry nor the default program folders show Lync 2010, Lync 2013 / Skype for Business 2015 or Skype for Business 2016 or later, in the 64-bit or the 32-bit registry. Leftover sign-in data can still be cleaned up.',
      evidence,
      repairs: [],
    };
  }
  const outdated = clients.find((client) => {
    if (client.kind !== 'lync2010') return false;
    const version = client.version ? parseVersion(client.version) : undefined;
    const minimum = parseVersion(LYNC2010_MINIMUM_VERSION) as number[];
    return version !== undefined && compareVersions(version, minimum) < 0;
  });
  const names = clients.map((client) =>
    `${client.displayName} ${client.version ?? ''} (${describeInstall(client)})`.replace(
      /\s+\(/,
      ' (',
    ),
  );
  const running = clients.filter((client) => client.running);
  const readiness = tlsReadiness(primary);
  const readinessText = readiness.ready ? undefined : readiness.text;
  if (outdated) {
    return {
      id: 'client',
      status: 'problem',
      kbStep: 'lync2010-update-client',
      summary: `${outdated.displayName} ${outdated.version ?? ''} is out of date: update the client.${note}`,
      detail: `Builds older than ${LYNC2010_MINIMUM_VERSION} cannot acquire the sign-in certificate reliably. Install the latest Lync 2010 update, then sign in again. ${LYNC2010_TLS_TEXT}`,
      evidence,
      repairs: [],
    };
  }
  if (running.length > 0) {
    return {
      id: 'client',
      status: 'warning',
      kbStep,
      summary: `${names.join(', ')} is installed and running; it has to be closed before repairs.${note}`,
      ...(readinessText ? { detail: readinessText } : {}),
      evidence,
      repairs: [],
    };
  }
  if (readinessText) {
    return {
      id: 'client',
      status: 'warning',
      kbStep,
      summary: `${names.join(', ')} is installed; it may not sign in to a TLS 1.2-only server.${note}`,
      detail: readinessText,
      evidence,
      repairs: [],
    };
  }
  return {
    id: 'client',
    status: 'ok',
    kbStep,
    summary: `${names.join(', ')} is installed and not running.${note}`,
    evidence,
    repairs: [],
  };
}

/**
 * Lync 2010 signs in to Office 365 through the Sign-In Assistant; on premises it does not use
 * it. It is taken to aim at Office 365 when the assistant is installed or its server settings
 * name Microsoft's service.
 */
function lync2010SignsInToOffice365(context: DiagnosisContext): boolean {
  if (context.inventory.signInAssistant.version) return true;
  const settings = context.inventory.settings.find((root) => root.spec.kind === 'lync2010');
  const servers = ['ServerAddressInternal', 'ServerAddressExternal'].map((name) => {
    const value = valueOf(settings?.contents, name);
    return value?.type === 'REG_SZ' ? value.data.trim().toLowerCase() : '';
  });
  if (servers.every((server) => server === '')) return true;
  return servers.some((server) => server.endsWith('online.lync.com'));
}

export function signInAssistantFinding(context: DiagnosisContext): Finding {
  const base: FindingBase = {
    id: 'sign-in-assistant',
    kbStep: 'lync2010-update-sign-in-assistant',
    repairs: [],
  };
  if (context.primary?.kind !== 'lync2010') {
    return {
      ...base,
      status: 'not-applicable',
      summary: 'The Sign-In Assistant is only needed by Lync 2010.',
      evidence: [],
    };
  }
  if (!lync2010SignsInToOffice365(context)) {
    return {
      ...base,
      status: 'not-applicable',
      summary:
        'Lync 2010 signs in to an on-premises server here, which does not use the Sign-In Assistant.',
      evidence: [],
    };
  }
  const { version, view, service } = context.inventory.signInAssistant;
  const evidence: Evidence[] = [];
  const problems: string[] = [];
  if (version) {
    evidence.push({
      kind: 'version',
      label: `${formatRegistryKey({ hive: 'HKLM', path: SIGN_IN_ASSISTANT_KEY, ...(view ? { view } : {}) })} MSOIDCRLVersion`,
      value: describeValue(version),
    });
  }
  const parsed =
    version && (version.type === 'REG_SZ' || version.type === 'REG_EXPAND_SZ')
      ? parseVersion(version.data)
      : undefined;
  if (!version) problems.push('the Sign-In Assistant is not installed');
  else if (!parsed) problems.push('its version cannot be read');
  else if (compareVersions(parsed, parseVersion(SIGN_IN_ASSISTANT_RTW) as number[]) < 0) {
    problems.push(
      `version ${(version as { data: string }).data} is too old (${SIGN_IN_ASSISTANT_RTW}, the release the KB article links to, or later is needed)`,
    );
  }
  if (service) {
    evidence.push({
      kind: 'text',
      label: `Service ${SIGN_IN_ASSISTANT_SERVICE}`,
      value: `${service.state}${service.startType ? `, start type ${service.startType}` : ''}`,
    });
    if (service.state !== 'running')
      problems.push(`the ${SIGN_IN_ASSISTANT_SERVICE} service is ${service.state}`);
  } else if (version) {
    problems.push(`the ${SIGN_IN_ASSISTANT_SERVICE} service is not installed`);
  }
  if (problems.length > 0) {
    return {
      ...base,
      status: 'problem',
      summary: `Update the Microsoft Online Services Sign-In Assistant: ${problems.join('; ')}.`,
      detail:
        'Lync 2010 signs in through the Sign-In Assistant. Install its latest version and make sure the "Microsoft Online Services Sign-in Assistant" service runs.',
      evidence,
    };
  }
  return {
    ...base,
    status: 'ok',
    summary: 'The Sign-In Assistant is up to date and running.',
    evidence,
  };
}
