/** Builds the DiagnosisReport from one inventory pass. */
import { randomUUID } from 'node:crypto';
import type { DiagnosisReport } from '../../../shared/findings';
import type { HostSystem } from '../../host/ports';
import type { Inventory } from '../inventory';
import { addressesFinding, collectAddresses } from './addresses';
import { endpointCacheFinding } from './cache-findings';
import { personalCertificateFinding, storedCredentialsFinding } from './certificate-findings';
import { clientFinding, signInAssistantFinding } from './client-findings';
import { createContext } from './context';
import { reportedClient } from '../inventory/clients';
import { dnsCacheFinding, machineGuidFinding } from './machine-findings';
import { connectionSettingsFinding } from './settings-findings';
import { modernAuthenticationFinding } from './modern-auth-finding';
import { profileFinding, type ProfileMismatch } from '../profile-guard';
import { kbPathFor, recommendedSteps } from './recommended-steps';

/**
 * The whole report, decided here once: the primary client, its KB path, the steps that fix
 * what was found and, when the app runs as another account, that mismatch (shown first).
 */
export function buildDiagnosis(
  host: HostSystem,
  inventory: Inventory,
  now: Date,
  mismatch?: ProfileMismatch,
): DiagnosisReport {
  const context = createContext(inventory, now);
  const book = collectAddresses(context);
  const kbPath = kbPathFor(context.primary);
  const findings = [
    ...(mismatch ? [profileFinding(mismatch, kbPath)] : []),
    clientFinding(context),
    signInAssistantFinding(context),
    modernAuthenticationFinding(context),
    addressesFinding(context, book),
    endpointCacheFinding(context),
    personalCertificateFinding(context),
    storedCredentialsFinding(context),
    connectionSettingsFinding(context),
    machineGuidFinding(context),
    dnsCacheFinding(),
  ];
  return {
    id: randomUUID(),
    generatedAt: now.toISOString(),
    hostKind: host.kind,
    ...(host.practiceScenario !== undefined ? { practiceScenario: host.practiceScenario } : {}),
    clients: context.clients.map(reportedClient),
    ...(context.primary ? { primaryClient: reportedClient(context.primary) } : {}),
    ...(context.currentAddress !== undefined ? { currentAddress: context.currentAddress } : {}),
    addresses: book.list().map((entry) => entry.address),
    kbPath,
    recommendedSteps: recommendedSteps(kbPath, findings),
    ...(mismatch ? { wrongProfile: mismatch } : {}),
    findings,
  };
}
