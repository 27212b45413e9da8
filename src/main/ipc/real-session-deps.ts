/**
 * The session's dependencies wired to the real modules: the host factory, the engine, the
 * practice PC, the report and the administrators' check.
 */
import { runAdminChecks } from '../engine/admin';
import { createEngine } from '../engine';
import { openHost, resetPractice } from '../host';
import { PRACTICE_SCENARIOS } from '../host/practice';
import { buildReport } from '../report';
import type { SessionDeps } from './session-deps';

export const realSessionDeps: SessionDeps = {
  openHost,
  createEngine,
  practiceScenarios: PRACTICE_SCENARIOS,
  resetPractice,
  buildReport,
  runAdminChecks: (host, request) => runAdminChecks(host, request),
};
