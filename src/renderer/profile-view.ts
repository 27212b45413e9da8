import type { RepairStepId } from '../shared/repairs';
import type { Diagnosis } from './client/client-types';
import { findingById } from './diagnosis-view';

/**
 * Steps that act on the whole PC rather than on a user's profile, so they stay available while
 * the app runs as another account. Main refuses the others (engine/profile-guard); a test in
 * src/main/ipc checks that both sides name the same steps.
 */
export const MACHINE_WIDE_STEPS: readonly RepairStepId[] = ['fix-machine-guid', 'flush-dns-cache'];

export function isPerUserStep(step: string): boolean {
  return !(MACHINE_WIDE_STEPS as readonly string[]).includes(step);
}

export interface WrongProfile {
  /** The account the app runs as ("CONTOSO\admin"). */
  runningAs: string;
  /** The person signed in to Windows ("user"). */
  signedIn: string;
  elevated: boolean;
}

/** Who the app runs as and who is signed in, when the scan found they differ. */
export function wrongProfile(diagnosis: Diagnosis | undefined): WrongProfile | undefined {
  const finding = findingById(diagnosis, 'profile');
  if (finding?.status !== 'problem') return undefined;
  const value = (label: string) => finding.evidence.find((entry) => entry.label === label)?.value;
  return {
    runningAs: value('Running as') ?? 'another account',
    signedIn: value('Signed in') ?? 'the signed-in user',
    elevated: value('Elevated') === 'yes',
  };
}
