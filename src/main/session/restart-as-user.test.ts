/**
 * "Restart normally" through the real dispatcher and handlers on practice PCs whose identity is
 * adjusted the way a tool started with another account would see it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationResponse } from '../../shared/operations';
import { practicePcDir } from '../host';
import type { HostSystem, Identity } from '../host/ports';
import { adjustPracticePc } from '../host/practice';
import { createOperationDispatcher } from '../ipc/dispatcher';
import { createHandlers } from './handlers';
import { realServices } from './real-services';
import { restartAsUser, type UserRelauncher } from './restart-as-user';
import { openAppSession, type AppSession } from './app-session';

const ORIGIN = 'app://renderer';
const mainFrame = { frameUrl: `${ORIGIN}/index.html`, isAppMainFrame: true };
const opened: Array<{ session: AppSession; dataDir: string }> = [];

afterEach(async () => {
  for (const { session, dataDir } of opened.splice(0)) {
    await session.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** Counts relaunches; on the practice PC there must be none. */
function recordingRelauncher(fails = false) {
  const relauncher = {
    calls: 0,
    async relaunch() {
      relauncher.calls += 1;
      if (fails) throw Object.assign(new Error('spawn explorer.exe ENOENT'), { code: 'ENOENT' });
    },
  };
  return relauncher;
}

async function open(identity: Partial<Identity>, relauncher?: UserRelauncher) {
  const dataDir = await mkdtemp(join(tmpdir(), 'sfb-restart-'));
  const session = await openAppSession({
    platform: 'linux',
    dataDir,
    practice: 'kb-lync2013',
    services: { ...(await realServices()), appVersion: '9.9.9' },
  });
  opened.push({ session, dataDir });
  // Adjusted after the session opened, as the walkthroughs do: the identity is read per call.
  await adjustPracticePc(practicePcDir(dataDir, 'kb-lync2013'), { identity });
  const dispatch = createOperationDispatcher(
    createHandlers(session, relauncher ? { relauncher } : {}),
    { trustedOrigin: ORIGIN, isPractice: () => session.isPractice() },
  );
  const restart = async () => {
    const result = await dispatch(mainFrame, 'app.restartAsUser', {});
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as OperationResponse<'app.restartAsUser'>;
  };
  return { session, restart };
}

describe('app.restartAsUser on the practice PC', () => {
  it('has nothing to do when the app runs as the signed-in user, elevated or not', async () => {
    for (const elevated of [false, true]) {
      const relauncher = recordingRelauncher();
      const { restart } = await open({ elevated }, relauncher);
      expect(await restart()).toEqual({
        outcome: 'not-needed',
        practice: true,
        runningAs: 'CONTOSO\\user',
        signedIn: 'user',
        message:
          'This app already runs as the signed-in user (CONTOSO\\user): there is nothing to restart.',
      });
      expect(relauncher.calls).toBe(0);
    }
  });

  it('elevated as another account: says it would ask the shell, and starts nothing', async () => {
    const relauncher = recordingRelauncher();
    const { restart } = await open(
      { userName: 'admin', elevated: true, interactiveUserName: 'user' },
      relauncher,
    );
    const answer = await restart();
    expect(answer).toMatchObject({
      outcome: 'restarting',
      practice: true,
      runningAs: 'CONTOSO\\admin',
      signedIn: 'user',
    });
    expect(answer.message).toMatch(
      /^Practice PC: nothing was started\. On a real PC the app would/,
    );
    expect(answer.message).toContain('Windows Explorer, which runs as user');
    expect(relauncher.calls).toBe(0);
  });

  it('started as another user without elevation: tells the user to start it themselves', async () => {
    const { restart } = await open({
      userName: 'helpdesk',
      domain: 'FABRIKAM',
      elevated: false,
      interactiveUserName: 'CONTOSO\\user',
    });
    const answer = await restart();
    expect(answer).toMatchObject({
      outcome: 'start-it-yourself',
      practice: true,
      runningAs: 'FABRIKAM\\helpdesk',
      signedIn: 'CONTOSO\\user',
    });
    expect(answer.message).toContain(
      'start SfB Sign-in Repair yourself while signed in as CONTOSO\\user',
    );
    expect(answer.message).toContain('not “Run as administrator” and not “Run as different user”');
  });
});

describe('restartAsUser on a Windows host', () => {
  // Windows cannot run here: the practice host answers for it with its kind changed, so the
  // decisions a real PC reaches (relaunch, or instructions) are exercised on real identity data.
  async function windowsHost(identity: Partial<Identity>): Promise<HostSystem> {
    const { session } = await open(identity);
    return { ...session.host(), kind: 'windows', practiceScenario: undefined };
  }
  const asAdmin = { userName: 'admin', elevated: true, interactiveUserName: 'user' };

  it('elevated as another account: asks the shell once and says the window closes', async () => {
    const relauncher = recordingRelauncher();
    const answer = await restartAsUser(await windowsHost(asAdmin), relauncher);
    expect(relauncher.calls).toBe(1);
    expect(answer).toMatchObject({ outcome: 'restarting', practice: false, signedIn: 'user' });
    expect(answer.message).toContain('Windows Explorer was asked to start SfB Sign-in Repair');
    expect(answer.message).toContain('this window closes now');
  });

  it('falls back to instructions when the shell cannot be asked, or the build cannot relaunch', async () => {
    const failing = recordingRelauncher(true);
    const failed = await restartAsUser(await windowsHost(asAdmin), failing);
    expect(failing.calls).toBe(1);
    expect(failed.outcome).toBe('start-it-yourself');
    expect(failed.message).toMatch(/^Windows Explorer could not be asked to start the app\. Close/);

    const withoutRelauncher = await restartAsUser(await windowsHost(asAdmin), undefined);
    expect(withoutRelauncher.outcome).toBe('start-it-yourself');
    expect(withoutRelauncher.message).toContain('cannot start itself as user');
  });

  it('never relaunches a process started as another user without elevation', async () => {
    const relauncher = recordingRelauncher();
    const answer = await restartAsUser(
      await windowsHost({ userName: 'admin', elevated: false, interactiveUserName: 'user' }),
      relauncher,
    );
    expect(relauncher.calls).toBe(0);
    expect(answer.outcome).toBe('start-it-yourself');
  });
});
