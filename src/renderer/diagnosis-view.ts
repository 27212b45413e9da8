import type { FindingId } from '../shared/findings';
import type { Diagnosis } from './client/client-types';
import { clientNameOf } from '../shared/wording';

export type Finding = Diagnosis['findings'][number];
export type DetectedClient = Diagnosis['clients'][number];

export function findingById(diagnosis: Diagnosis | undefined, id: FindingId): Finding | undefined {
  return diagnosis?.findings.find((finding) => finding.id === id);
}

/** The client the KB path is chosen for: the diagnosis decides it (primaryClient). */
export function primaryClient(diagnosis: Diagnosis | undefined): DetectedClient | undefined {
  return diagnosis?.primaryClient;
}

export function problemFindings(diagnosis: Diagnosis | undefined): Finding[] {
  return diagnosis?.findings.filter((finding) => finding.status === 'problem') ?? [];
}

/** The name every wizard sentence gives the client: the one the latest scan found. */
export function clientNameIn(diagnosis: Diagnosis | undefined): string {
  return clientNameOf(diagnosis?.primaryClient);
}
