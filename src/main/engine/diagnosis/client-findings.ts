/** `client` and `sign-in-assistant`: what is installed, which build, whether it runs. */
import type { FindingBase } from './context';
import type { Evidence, Finding } from '../../../shared/findings';
import { formatRegistryKey } from '../../../shared/registry-value';
import { SIGN_IN_ASSISTANT_KEY, SIGN_IN_ASSISTANT_SERVICE } from '../inventory/locations';
import { type DiagnosisContext, describeValue } from './context';
import { compareVersions, parseVersion } from './version';

/**
 * Lync 2010 builds below this predate the cumulative updates Microsoft shipped for Office 365
 * sign-in; the RTM build 4.0.7577.0 is the typical offender. A floor, not an exact cut-off.
 */
export const LYNC2010_MINIMUM_VERSION = '4.0.7577.4103';
/** The Sign-In Assistant's RTW build; later tooling needs at least 7.250.4358. */
export const SIGN_IN_ASSISTANT_RTW = '7.250.4303.0';
export const SIGN_IN_ASSISTANT_MINIMUM = '7.250.4358';

export function clientFinding(context: DiagnosisContext): Finding {
  const { clients, inventory } = context;
  const evidence: Evidence[] = [];
  for (const client of clients) {
    evidence.push({
      kind: 'version',
      label: `${client.displayName} (${formatRegistryKey(client.installKey)})`,
      value: client.version ?? 'version unknown',
    });
    if (client.executablePath) {
      evidence.push({
        kind: 'path',
        label: `${client.displayName} program`,
        value: client.executablePath,
      });
    }
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
  const kbStep = clients.some((client) => client.kind === 'lync2010')
    ? 'lync2010-update-client'
    : 'lync2013-delete-sign-in-info';
  if (clients.length === 0) {
    return {
      id: 'client',
      status: 'warning',
      kbStep,
      summary: 'No Lync or Skype for Business desktop client was found.',
      detail:
        'Neither the 64-bit nor the 32-bit registry lists Lync 2010, Lync 2013 or Skype for Business 2015/2016. Leftover sign-in data can still be cleaned up.',
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
  const names = clients.map((client) => `${client.displayName} ${client.version ?? ''}`.trim());
  const running = clients.filter((client) => client.running);
  if (outdated) {
    return {
      id: 'client',
      status: 'problem',
      kbStep: 'lync2010-update-client',
      summary: `${outdated.displayName} ${outdated.version ?? ''} is out of date: update the client.`,
      detail: `Builds older than ${LYNC2010_MINIMUM_VERSION} cannot acquire the sign-in certificate reliably. Install the latest Lync 2010 update, then sign in again.`,
      evidence,
      repairs: [],
    };
  }
  if (running.length > 0) {
    return {
      id: 'client',
      status: 'warning',
      kbStep,
      summary: `${names.join(', ')} is installed and running; it has to be closed before repairs.`,
      evidence,
      repairs: [],
    };
  }
  return {
    id: 'client',
    status: 'ok',
    kbStep,
    summary: `${names.join(', ')} is installed and not running.`,
    evidence,
    repairs: [],
  };
}

export function signInAssistantFinding(context: DiagnosisContext): Finding {
  const base: FindingBase = {
    id: 'sign-in-assistant',
    kbStep: 'lync2010-update-sign-in-assistant',
    repairs: [],
  };
  if (!context.clients.some((client) => client.kind === 'lync2010')) {
    return {
      ...base,
      status: 'not-applicable',
      summary: 'The Sign-In Assistant is only needed by Lync 2010.',
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
  else if (compareVersions(parsed, parseVersion(SIGN_IN_ASSISTANT_MINIMUM) as number[]) < 0) {
    const rtw = compareVersions(parsed, parseVersion(SIGN_IN_ASSISTANT_RTW) as number[]) <= 0;
    problems.push(
      `version ${(version as { data: string }).data} is ${rtw ? 'the first release' : 'too old'} (at least ${SIGN_IN_ASSISTANT_MINIMUM} is needed)`,
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
