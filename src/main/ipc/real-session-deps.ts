/**
 * The session's dependencies wired to the real modules: the host factory, the engine, the
 * practice PC, the report and the administrators' check.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runAdminChecks } from '../engine/admin';
import { createEngine } from '../engine';
import { openHost } from '../host';
import { PRACTICE_SCENARIOS, resetPracticePc } from '../host/practice';
import { buildReport } from '../report';
import type { SessionDeps } from './session-deps';

export const realSessionDeps: SessionDeps = {
  openHost,
  createEngine,
  practiceScenarios: PRACTICE_SCENARIOS,
  async resetPractice(dataDir, scenario) {
    // The layout of the host factory: <dataDir>/practice/<scenario>/{pc,engine}. Starting the
    // practice PC afresh also forgets its earlier repairs, whose backups no longer apply.
    const scenarioDir = join(dataDir, 'practice', scenario);
    await rm(join(scenarioDir, 'engine'), { recursive: true, force: true });
    await resetPracticePc(join(scenarioDir, 'pc'), scenario);
  },
  buildReport,
  runAdminChecks: (host, request) => runAdminChecks(host, request),
};
