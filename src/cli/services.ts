/**
 * What the command line needs from the rest of the product, as one seam: the host factory, the
 * engine, the practice PC and the administrators' check. `real-services.ts` wires the real
 * modules; tests pass those same real modules, the seam only keeps commands free of imports
 * that would load Windows-only code.
 */
import type { Finding } from '../shared/findings';
import type { Engine, EngineOptions } from '../main/engine/types';
import type { HostSystem } from '../main/host/ports';

export interface AdminCheckRequest {
  domain?: string;
  targets?: string[];
  /** DNS servers to ask instead of the PC's own (`ip` or `ip:port`). */
  dns?: { servers: string[] };
}

export interface CliServices {
  appVersion: string;
  defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string;
  openHost(options: {
    platform: NodeJS.Platform;
    dataDir: string;
    practice?: string;
  }): Promise<{ host: HostSystem; engineDataDir: string }>;
  createEngine(options: EngineOptions): Engine;
  practiceScenarios: ReadonlyArray<{ name: string; description: string }>;
  defaultPractice: string;
  /** The scenario used when none is named (the last one selected), if any. */
  currentPractice(dataDir: string): Promise<string | undefined>;
  /** Replaces the practice PC of `scenario` with a fresh one, forgetting its earlier repairs. */
  resetPractice(dataDir: string, scenario: string): Promise<void>;
  /** Absent until the administrators' step is part of the build. */
  runAdminChecks?: (host: HostSystem, request: AdminCheckRequest) => Promise<Finding[]>;
}
