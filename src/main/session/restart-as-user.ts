/**
 * "Restart normally": what the app can honestly do when it runs as another account than the
 * person signed in to Windows. Elevated, it asks the Windows shell (which runs as the signed-in
 * user) to start the app again and closes; started as another user without elevation, or where
 * no relaunch is possible, it says how to start the app normally. On the practice PC it only
 * says what it would do.
 */
import type { OperationResponse } from '../../shared/operations';
import { profileMismatch } from '../engine/profile-guard';
import type { HostSystem, Identity } from '../host/ports';

export type RestartAnswer = OperationResponse<'app.restartAsUser'>;

/** How the Electron app starts itself again for the desktop user; absent in tests and dev runs. */
export interface UserRelauncher {
  /** Hands the start over to the Windows shell; rejects when that could not even be asked. */
  relaunch(): Promise<void>;
}

const APP_NAME = 'SfB Sign-in Repair';

function accountName(identity: Identity): string {
  return identity.domain ? `${identity.domain}\\${identity.userName}` : identity.userName;
}

function startItYourself(signedIn: string): string {
  return `Close this window, then start ${APP_NAME} yourself while signed in as ${signedIn}: from the Start menu or its shortcut, with a normal click — not “Run as administrator” and not “Run as different user”.`;
}

export async function restartAsUser(
  host: HostSystem,
  relauncher: UserRelauncher | undefined,
): Promise<RestartAnswer> {
  const identity = await host.identity.current();
  const mismatch = profileMismatch(identity);
  const practice = host.kind === 'practice';
  if (!mismatch) {
    return {
      outcome: 'not-needed',
      practice,
      runningAs: accountName(identity),
      ...(identity.interactiveUserName ? { signedIn: identity.interactiveUserName } : {}),
      message: `This app already runs as the signed-in user (${accountName(identity)}): there is nothing to restart.`,
    };
  }
  const { runningAs, signedIn } = mismatch;
  const base = { practice, runningAs, signedIn };
  // Only an elevated process counts on the shell: the shell runs as the signed-in user and
  // starts what it is asked to at that user's level. A process started as another user without
  // elevation ("Run as different user") has no such way back, nor has a build that cannot name
  // its own executable.
  if (!mismatch.elevated || (!practice && !relauncher)) {
    const yourself = startItYourself(signedIn);
    return {
      ...base,
      outcome: 'start-it-yourself',
      message: practice
        ? `Practice PC: nothing was started. A real PC would answer: ${yourself}`
        : `This window runs as ${runningAs} and cannot start itself as ${signedIn}. ${yourself}`,
    };
  }
  if (practice || !relauncher) {
    return {
      ...base,
      outcome: 'restarting',
      message: `Practice PC: nothing was started. On a real PC the app would now ask Windows Explorer, which runs as ${signedIn}, to start ${APP_NAME} again without administrator rights, and close this window.`,
    };
  }
  try {
    await relauncher.relaunch();
  } catch {
    return {
      ...base,
      outcome: 'start-it-yourself',
      message: `Windows Explorer could not be asked to start the app. ${startItYourself(signedIn)}`,
    };
  }
  return {
    ...base,
    outcome: 'restarting',
    message: `Windows Explorer was asked to start ${APP_NAME} again as ${signedIn}, without administrator rights; this window closes now. If the app does not open within a few seconds, start it from the Start menu with a normal click.`,
  };
}
