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

export function buildDiagnosis(host: HostSystem, inventory: Inventory, now: Date): DiagnosisReport {
  const context = createContext(inventory, now);
  const book = collectAddresses(context);
  return {
    id: randomUUID(),
    generatedAt: now.toISOString(),
    hostKind: host.kind,
    ...(host.practiceScenario !== undefined ? { practiceScenario: host.practiceScenario } : {}),
    clients: context.clients.map(reportedClient),
    ...(context.primary ? { primaryClient: reportedClient(context.primary) } : {}),
    ...(context.currentAddress !== undefined ? { currentAddress: context.currentAddress } : {}),
    addresses: book.list().map((entry) => entry.address),
    findings: [
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
    ],
  };
}
