/**
 * The product's services wired to the real modules, once, for the app, the command line and the
 * end-to-end harness. The host factory loads the Windows adapters only on Windows when no
 * practice PC was asked for.
 */
import { version as APP_VERSION } from '../../../package.json';
import { createEngine } from '../engine';
import { adminElevationFor } from '../elevation';
import { currentPracticeScenario, defaultDataDir, openHost, resetPractice } from '../host';
import { DEFAULT_PRACTICE_SCENARIO, PRACTICE_SCENARIOS } from '../host/practice/scenario-catalogue';
import type { ProductServices } from './services';

export async function realServices(): Promise<ProductServices> {
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
    buildReport: async (input, format) => (await import('../report')).buildReport(input, format),
    // Loaded when asked for (TLS, DNS and the public roots): most commands never run them.
    runAdminChecks: async (host, request) => {
      const [{ runAdminChecks }, { nodeNetwork }] = await Promise.all([
        import('../engine/admin'),
        import('../host/network/node-network'),
      ]);
      return runAdminChecks(host, { ...request, network: nodeNetwork() });
    },
  };
}
