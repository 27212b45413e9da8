import type { FindingId } from '../shared/findings';
import type { Diagnosis } from './client/client-types';

export type Finding = Diagnosis['findings'][number];
export type DetectedClient = Diagnosis['clients'][number];

export function findingById(diagnosis: Diagnosis | undefined, id: FindingId): Finding | undefined {
  return diagnosis?.findings.find((finding) => finding.id === id);
}

/** The client the KB path is chosen for: a running one first, then the newest installed. */
export function primaryClient(diagnosis: Diagnosis | undefined): DetectedClient | undefined {
  if (!diagnosis) return undefined;
  const order = { sfb2016: 0, lync2013: 1, lync2010: 2 } as const;
  return [...diagnosis.clients].sort(
    (a, b) => Number(b.running) - Number(a.running) || order[a.kind] - order[b.kind],
  )[0];
}

export function problemFindings(diagnosis: Diagnosis | undefined): Finding[] {
  return diagnosis?.findings.filter((finding) => finding.status === 'problem') ?? [];
}
