/**
 * The planner for each repair step. Composite steps (`delete-sign-in-info`,
 * `clear-cached-sign-in`) have no planner: they expand into their parts (see `expandSteps`).
 * The administrators' step registers `remove-distrusted-root` here.
 */
import { REPAIR_STEPS, type RepairStepId } from '../../../shared/repairs';
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

/** Composites replaced by their parts, in order, each step once. */
export function expandSteps(steps: readonly RepairStepId[]): RepairStepId[] {
  const expanded: RepairStepId[] = [];
  const visit = (step: RepairStepId) => {
    const parts = REPAIR_STEPS[step].composite as readonly RepairStepId[];
    if (parts.length > 0) parts.forEach(visit);
    else if (!expanded.includes(step)) expanded.push(step);
  };
  steps.forEach(visit);
  return expanded;
}
