/**
 * What the app and the command line need from the rest of the product, as one seam: the host
 * factory, the engine, the practice PC, the report and the administrators' check.
 * `real-services.ts` wires the real modules once for both front ends and the end-to-end harness;
 * tests pass those same real modules (overriding one member at most, e.g. a loopback DNS server
 * for the administrators' check). The seam keeps the front ends free of imports that would load
 * Windows-only code.
 */
import type { Finding } from '../../shared/findings';
import type { Engine, EngineOptions } from '../engine/types';
import type { HostSystem } from '../host/ports';
import type { BuiltReport, ReportFormat, ReportInput } from '../report';

export interface AdminCheckRequest {
  domain?: string;
  targets?: string[];
  /** DNS servers to ask instead of the PC's own (`ip` or `ip:port`). */
  dns?: { servers: string[] };
}

export interface OpenHostRequest {
  platform: NodeJS.Platform;
  dataDir: string;
  /** A practice scenario, '' for the one selected last; absent: practice off Windows only. */
  practice?: string;
}

export interface ProductServices {
  appVersion: string;
  defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string;
  openHost(request: OpenHostRequest): Promise<{ host: HostSystem; engineDataDir: string }>;
  createEngine(options: EngineOptions): Engine;
  practiceScenarios: ReadonlyArray<{ name: string; description: string }>;
  defaultPractice: string;
  /** The scenario used when none is named (the last one selected), if any. */
  currentPractice(dataDir: string): Promise<string | undefined>;
  /** Replaces the practice PC of `scenario` with a fresh one, forgetting its earlier repairs. */
  resetPractice(dataDir: string, scenario: string): Promise<void>;
  /** Loaded on first use: most commands make no report. */
  buildReport(input: ReportInput, format: ReportFormat): Promise<BuiltReport>;
  runAdminChecks(host: HostSystem, request: AdminCheckRequest): Promise<Finding[]>;
}
