import type { WrongProfile } from '../shared/findings';
import type { Diagnosis } from './client/client-types';

export { isPerUserStep } from '../shared/repairs';
export type { WrongProfile };

/** Who the app runs as and who is signed in, when the scan found they differ. */
export function wrongProfile(diagnosis: Diagnosis | undefined): WrongProfile | undefined {
  return diagnosis?.wrongProfile;
}
