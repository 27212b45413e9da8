/**
 * The session's dependencies wired to the real modules: the host factory, the engine, the
 * practice PC, the report and the administrators' check.
 */
import { runAdminChecks } from '../engine/admin';
import { createEngine } from '../engine';
import { adminElevationFor } from '../elevation';
import { openHost, resetPractice } from '../host';
import { PRACTICE_SCENARIOS } from '../host/practice';
import { buildReport } from '../report';
import type { SessionDeps } from './session-deps';

export const realSessionDeps: SessionDeps = {
  openHost,
  // MachineGuid goes through the one-shot elevated helper when the app is not elevated.
  createEngine: (options) =>
    createEngine({
      ...options,
      elevation:
        options.elevation ??
        adminElevationFor({ host: options.host, engineDataDir: options.dataDir }),
    }),
  practiceScenarios: PRACTICE_SCENARIOS,
  resetPractice,
  buildReport,
  runAdminChecks: (host, request) => runAdminChecks(host, request),
};
