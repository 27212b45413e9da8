/**
 * What the diagnosis recommends: the KB path for the primary client and the steps that fix what
 * it found. The wizard leads through these and `repair --all` applies them; neither decides again.
 */
import type { Finding, KbPath } from '../../../shared/findings';
import { REPAIR_STEP_IDS, type RepairStepId } from '../../../shared/repairs';
import type { InstalledClient } from '../inventory';

/** Lync 2010 has its own resolution; Lync 2013 and every later client follow Lync 2013's. */
export function kbPathFor(primary: Pick<InstalledClient, 'kind'> | undefined): KbPath {
  return primary?.kind === 'lync2010' ? 'lync2010' : 'lync2013';
}

/** The composite step of each path; the other path's composite is never recommended. */
const PATH_STEP: Record<KbPath, RepairStepId> = {
  lync2010: 'clear-cached-sign-in',
  lync2013: 'delete-sign-in-info',
};

/**
 * The steps that fix the problems found, on `path`, plus the DNS flush the KB always suggests,
 * in the table's order. Composite steps stay composite: the engine expands them when it plans.
 */
export function recommendedSteps(path: KbPath, findings: readonly Finding[]): RepairStepId[] {
  const otherPath = PATH_STEP[path === 'lync2010' ? 'lync2013' : 'lync2010'];
  const wanted = new Set<RepairStepId>(['flush-dns-cache']);
  for (const finding of findings) {
    if (finding.status !== 'problem') continue;
    for (const step of finding.repairs) if (step !== otherPath) wanted.add(step);
  }
  return REPAIR_STEP_IDS.filter((step) => wanted.has(step));
}
