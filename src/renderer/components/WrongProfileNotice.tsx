import { useId } from 'react';
import { clientNameIn } from '../diagnosis-view';
import type { WrongProfile } from '../profile-view';
import { useWizard } from '../store/wizard-context';
import { ErrorNotice } from './ErrorNotice';

/** "Restart normally" and what main answered, shown where it was asked. */
function RestartNormally({ origin }: { origin: string }) {
  const restart = useWizard((state) => state.restart);
  const restartAsUser = useWizard((state) => state.restartAsUser);
  const here = restart.origin === origin;
  return (
    <>
      <div className="actions">
        <button type="button" disabled={restart.busy} onClick={() => void restartAsUser(origin)}>
          Restart normally
        </button>
      </div>
      {here && restart.busy && <p role="status">Asking Windows to start the app again…</p>}
      {here && restart.answer && (
        <p role="status" className="restart-answer">
          {restart.answer.message}
        </p>
      )}
      {here && restart.error && <ErrorNotice error={restart.error} />}
    </>
  );
}

function whyWrong(profile: WrongProfile, client: string): string {
  return `${client} keeps its sign-in information (saved password, certificate, connection settings and caches) in each Windows user’s own profile, so a repair made now would change ${profile.runningAs}’s profile and leave ${profile.signedIn}’s sign-in problem as it is.`;
}

/** The scan screen's explanation: who the app runs as, who is signed in, and the way out. */
export function WrongProfileNotice({ profile }: { profile: WrongProfile }) {
  const titleId = useId();
  const how = profile.elevated ? ' with “Run as administrator”' : '';
  const client = useWizard((state) => clientNameIn(state.diagnosis));
  return (
    <section className="notice notice-error wrong-profile" role="alert" aria-labelledby={titleId}>
      <h2 id={titleId} className="notice-title">
        This app is running as {profile.runningAs}, not as {profile.signedIn}
      </h2>
      <p>
        {profile.signedIn} is signed in to Windows, but this app was started{how} as{' '}
        {profile.runningAs}. {whyWrong(profile, client)}
      </p>
      <p>
        The repairs for the profile are switched off until the app runs as {profile.signedIn}. The
        steps for the whole PC (MachineGuid, DNS cache) still work.
      </p>
      <RestartNormally origin="scan" />
    </section>
  );
}

/**
 * The same explanation on a repair card. A per-user card says why it is switched off (its
 * buttons point here with `id`); a machine-wide card says why it still works.
 */
export function WrongProfileCardNote({
  profile,
  perUser,
  origin,
  id,
}: {
  profile: WrongProfile;
  perUser: boolean;
  origin: string;
  id: string;
}) {
  const client = useWizard((state) => clientNameIn(state.diagnosis));
  if (!perUser) {
    return (
      <p className="notice notice-info" id={id}>
        This step changes the whole PC, not a user’s profile, so it works even though this app runs
        as {profile.runningAs} while {profile.signedIn} is signed in.
      </p>
    );
  }
  return (
    <div className="notice notice-error wrong-profile" role="note">
      <p className="notice-title" id={id}>
        Switched off: this app runs as {profile.runningAs} while {profile.signedIn} is signed in.
      </p>
      <p>
        {whyWrong(profile, client)} Restart the app normally, as {profile.signedIn}, to make this
        change.
      </p>
      <RestartNormally origin={origin} />
    </div>
  );
}
