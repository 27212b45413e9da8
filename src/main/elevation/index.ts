/**
 * One step elevated: the closed table of administrator operations, the helper that performs
 * them (`--elevated-helper`), the launchers (UAC on Windows, a simulated prompt on the practice
 * PC) and the engine capability that routes MachineGuid through them.
 */
import type { AdminElevation } from '../engine/types';
import type { HostSystem } from '../host/ports';
import { elevationThrough } from './elevated-host';
import type { AdminOperationRunner, ElevatedLauncher, HelperCommand } from './launcher';
import type { SimulatedUacAnswer } from './practice-launcher';

export type { HelperCommand } from './launcher';
export { type SimulatedUacAnswer } from './practice-launcher';

export interface ElevationSetup {
  host: HostSystem;
  /** The engine's data folder, where the request folders are made. */
  engineDataDir: string;
  /** How to start this program again; defaults to the running one. */
  helper?: HelperCommand;
  /** The practice PC's simulated prompt; defaults to `SFB_PRACTICE_UAC`, else accept. */
  practiceUac?: SimulatedUacAnswer | (() => SimulatedUacAnswer);
  env?: NodeJS.ProcessEnv;
}

/** A window handle (HWND) as a pointer-sized integer; 0 for none. */
export type WindowHandle = number | bigint;

let promptOwner: () => WindowHandle = () => 0;

/**
 * The window that owns the UAC prompt: the app's, so the prompt is tied to it and comes up in
 * front of it rather than behind as an unowned window. The command line has none (0).
 */
export function setPromptOwner(window: () => WindowHandle): void {
  promptOwner = window;
}

function lazyWindowsLauncher(command: HelperCommand): ElevatedLauncher {
  return {
    async launch(requestFile) {
      const { windowsLauncher } = await import('./windows-launcher');
      return windowsLauncher({ command, ownerWindow: promptOwner() }).launch(requestFile);
    },
  };
}

/**
 * The runner, with its launchers and the request exchange, is loaded when the first operation
 * runs: most commands change no MachineGuid, and every one of them starts a new process.
 */
function runnerOnFirstUse(make: () => Promise<AdminOperationRunner>): AdminOperationRunner {
  let runner: Promise<AdminOperationRunner> | undefined;
  return {
    async run(operation) {
      runner ??= make();
      return (await runner).run(operation);
    },
  };
}

/** The capability the engine gets (EngineOptions.elevation) for this host. */
export function adminElevationFor(setup: ElevationSetup): AdminElevation {
  const { host } = setup;
  return elevationThrough(
    runnerOnFirstUse(async () => {
      const { adminOperationRunner, currentHelperCommand } = await import('./launcher');
      const command = setup.helper ?? currentHelperCommand();
      if (host.kind === 'windows') {
        return adminOperationRunner({
          launcher: lazyWindowsLauncher(command),
          engineDataDir: setup.engineDataDir,
          target: { kind: 'windows' },
        });
      }
      const { practiceLauncher, uacAnswerFromEnv } = await import('./practice-launcher');
      const env = setup.env ?? process.env;
      return adminOperationRunner({
        launcher: practiceLauncher({
          command,
          uac: setup.practiceUac ?? (() => uacAnswerFromEnv(env)),
        }),
        engineDataDir: setup.engineDataDir,
        target: { kind: 'practice', scenario: host.practiceScenario ?? '' },
      });
    }),
  );
}
