/**
 * What a session needs from the rest of main, as one seam: the host factory, the engine, the
 * practice PC, the report and the administrators' check. `realSessionDeps` wires the real
 * modules; the seam exists so the session does not reach for them by itself.
 */
import type { Finding } from '../../shared/findings';
import type { Engine, EngineOptions } from '../engine/types';
import type { HostSystem } from '../host/ports';
import type { BuiltReport, ReportFormat, ReportInput } from '../report';

export interface AdminCheckRequest {
  domain?: string;
  targets?: string[];
}

export interface SessionDeps {
  openHost(options: {
    platform: NodeJS.Platform;
    dataDir: string;
    practice?: string;
  }): Promise<{ host: HostSystem; engineDataDir: string }>;
  createEngine(options: EngineOptions): Engine;
  practiceScenarios: ReadonlyArray<{ name: string; description: string }>;
  /** Replaces the practice PC of `scenario` with a fresh one, forgetting its earlier repairs. */
  resetPractice(dataDir: string, scenario: string): Promise<void>;
  buildReport(input: ReportInput, format: ReportFormat): BuiltReport;
  /** Absent until the administrators' step is part of the build. */
  runAdminChecks?: (host: HostSystem, request: AdminCheckRequest) => Promise<Finding[]>;
}
