/**
 * The planner for each repair step. Composite steps (`delete-sign-in-info`,
 * `clear-cached-sign-in`) have no planner: they expand into their parts (see `expandRepairSteps`).
 * The administrators' step registers `remove-distrusted-root` here.
 */
import type { RepairStepId } from '../../../shared/repairs';
import { removeDistrustedRoot } from '../admin/remove-distrusted-root-planner';
import { clearTracingFolder, removeAccountProfiles } from './clear-client-data';
import { clearConnectionSettings } from './clear-connection-settings';
import { clearEndpointCache } from './clear-endpoint-cache';
import { fixMachineGuid } from './fix-machine-guid';
import { flushDnsCache } from './flush-dns-cache';
import type { StepPlanner } from './planner';
import { removePersonalCertificate } from './remove-personal-certificate';
import { removeStoredCredentials } from './remove-stored-credentials';

export const PLANNERS: Partial<Record<RepairStepId, StepPlanner>> = {
  'clear-endpoint-cache': clearEndpointCache,
  'clear-tracing-folder': clearTracingFolder,
  'remove-account-profiles': removeAccountProfiles,
  'remove-personal-certificate': removePersonalCertificate,
  'remove-stored-credentials': removeStoredCredentials,
  'clear-connection-settings': clearConnectionSettings,
  'flush-dns-cache': flushDnsCache,
  'fix-machine-guid': fixMachineGuid,
  'remove-distrusted-root': removeDistrustedRoot,
};
