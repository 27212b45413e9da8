/**
 * Profile guard. The per-user steps act on the profile of the account the process runs as; a
 * tool started "as administrator" with another account (or through runas) would repair the
 * wrong profile. Only the machine-wide steps may run then.
 */
import type { Finding, KbPath, WrongProfile } from '../../shared/findings';
import {
  isPerUserStep,
  REPAIR_STEP_IDS,
  REPAIR_STEPS,
  type RepairStepId,
} from '../../shared/repairs';
import { sameWindowsName } from '../../shared/windows-names';
import { AppError } from '../../shared/errors';
import type { HostSystem, Identity } from '../host/ports';

/** Who the process runs as and who is signed in, when they differ (the report's wrongProfile). */
export type ProfileMismatch = WrongProfile;

function split(account: string): { domain?: string; name: string } {
  const slash = account.lastIndexOf('\\');
  return slash === -1
    ? { name: account }
    : { domain: account.slice(0, slash), name: account.slice(slash + 1) };
}

/** `undefined` when the process runs as the signed-in user, or when that cannot be told. */
export function profileMismatch(identity: Identity): ProfileMismatch | undefined {
  const interactive = identity.interactiveUserName?.trim();
  if (!interactive) return undefined;
  const signedIn = split(interactive);
  const self = split(identity.userName);
  const domain = self.domain ?? (identity.domain || undefined);
  // Windows account names compare without regard to case.
  const sameName = sameWindowsName(signedIn.name, self.name);
  const sameDomain =
    signedIn.domain === undefined ||
    domain === undefined ||
    sameWindowsName(signedIn.domain, domain);
  if (sameName && sameDomain) return undefined;
  return {
    runningAs: domain ? `${domain}\\${self.name}` : self.name,
    signedIn: interactive,
    elevated: identity.elevated,
  };
}

export function perUserSteps(steps: Iterable<RepairStepId>): RepairStepId[] {
  return [...steps].filter(isPerUserStep);
}

export function mismatchExplanation(mismatch: ProfileMismatch): string {
  const how = mismatch.elevated ? ' as administrator' : '';
  return `This tool was started${how} as ${mismatch.runningAs} while ${mismatch.signedIn} is signed in, so it would change ${mismatch.runningAs}'s profile instead of ${mismatch.signedIn}'s. Close it and restart it normally (not "Run as administrator" or "Run as different user").`;
}

/** Refuses with `wrong-profile` when any of `steps` acts on the profile of the wrong user. */
export async function refuseWrongProfile(
  host: HostSystem,
  steps: Iterable<RepairStepId>,
): Promise<void> {
  const perUser = perUserSteps(steps);
  if (perUser.length === 0) return;
  const mismatch = profileMismatch(await host.identity.current());
  if (!mismatch) return;
  throw new AppError(
    'wrong-profile',
    `${mismatchExplanation(mismatch)} Refused: ${perUser.map((step) => REPAIR_STEPS[step].title).join(', ')}.`,
    { runningAs: mismatch.runningAs, signedIn: mismatch.signedIn, step: perUser[0] ?? null },
  );
}

const MACHINE_STEP_TITLES = REPAIR_STEP_IDS.filter((step) => !isPerUserStep(step))
  .map((step) => `“${REPAIR_STEPS[step].title}”`)
  .join(', ');

/** The finding shown before anything else when the profile is the wrong one. */
export function profileFinding(mismatch: ProfileMismatch, kbPath: KbPath): Finding {
  return {
    id: 'profile',
    status: 'problem',
    kbStep: kbPath === 'lync2010' ? 'lync2010-clear-cache' : 'lync2013-delete-sign-in-info',
    summary: `Started as ${mismatch.runningAs} while ${mismatch.signedIn} is signed in: restart it normally.`,
    detail: `${mismatchExplanation(mismatch)} Until then only the steps that act on the whole PC (${MACHINE_STEP_TITLES}) can run; the other findings describe ${mismatch.runningAs}'s profile.`,
    evidence: [
      { kind: 'text', label: 'Running as', value: mismatch.runningAs },
      { kind: 'text', label: 'Signed in', value: mismatch.signedIn },
      { kind: 'text', label: 'Elevated', value: mismatch.elevated ? 'yes' : 'no' },
    ],
    repairs: [],
  };
}
