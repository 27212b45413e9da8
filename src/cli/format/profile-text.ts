import type { DiagnosisReport } from '../../shared/findings';
import type { Output } from '../output';

/**
 * The command line's side of the profile guard: the tool runs as another account than the
 * person signed in to Windows, so the per-user steps would act on the wrong profile.
 */
export function restartNormallyHint(signedIn: string | undefined): string {
  const who = signedIn ? ` as ${signedIn}` : ' as the signed-in user';
  return (
    `To repair the right profile, run sfb-signin-repair again${who} from a normal command prompt ` +
    '(not “Run as administrator”, not “Run as different user”, not as SYSTEM); in Intune, set ' +
    '“Run this script using the logged-on credentials” to Yes.'
  );
}

/** Printed before anything else by `diagnose`: the other findings describe the wrong profile. */
export function printProfileWarning(out: Output, report: DiagnosisReport): void {
  const mismatch = report.wrongProfile;
  if (!mismatch) return;
  const finding = report.findings.find((f) => f.id === 'profile');
  out.line(
    out.red(out.bold(`WRONG PROFILE: this tool runs as ${mismatch.runningAs}`)) +
      out.bold(`, but ${mismatch.signedIn} is signed in to Windows.`),
  );
  if (finding) out.line(finding.detail ?? finding.summary);
  out.line(restartNormallyHint(mismatch.signedIn));
  out.line();
}
