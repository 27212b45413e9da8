/**
 * The command line's services wired to the real modules. The host factory loads the Windows
 * adapters only on Windows when no practice PC was asked for.
 */
import { version as APP_VERSION } from '../../package.json';
import { runAdminChecks } from '../main/engine/admin';
import { createEngine } from '../main/engine';
import { adminElevationFor } from '../main/elevation';
import { currentPracticeScenario, defaultDataDir, openHost, resetPractice } from '../main/host';
import { DEFAULT_PRACTICE_SCENARIO, PRACTICE_SCENARIOS } from '../main/host/practice';
import type { CliServices } from './services';

export async function realServices(): Promise<CliServices> {
  return {
    appVersion: APP_VERSION,
    defaultDataDir,
    openHost,
    // MachineGuid goes through the one-shot elevated helper when this process is not elevated.
    createEngine: (options) =>
      createEngine({
        ...options,
        elevation:
          options.elevation ??
          adminElevationFor({ host: options.host, engineDataDir: options.dataDir }),
      }),
    practiceScenarios: PRACTICE_SCENARIOS,
    defaultPractice: DEFAULT_PRACTICE_SCENARIO,
    currentPractice: currentPracticeScenario,
    resetPractice: (dataDir, scenario) => resetPractice(dataDir, scenario),
    runAdminChecks: (host, request) => runAdminChecks(host, request),
  };
}
