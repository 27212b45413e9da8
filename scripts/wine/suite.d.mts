// Types for suite.mjs, so the TypeScript tests can call it.
export interface WineCaseResult {
  name: string;
  passed: boolean;
  ms: number;
  error?: string;
}

export interface WineSuiteResult {
  prefix: string;
  adapters: {
    description: string;
    /** The prefix user's token is elevated, so LocalMachine-writing contract cases run. */
    elevated: boolean;
    contract: WineCaseResult[];
    windows: WineCaseResult[];
  };
  /** What seed-lync2013 planted: thumbprints by name, and the seeder's record. */
  seeded: WineSeeded;
  before: unknown;
  diagnosis: { code: number; report: unknown; stderr: string };
  repair: { code: number; record: unknown; stderr: string };
  afterRepair: unknown;
  undo: { code: number; record: unknown; stderr: string };
  afterUndo: unknown;
  /** The same round trip through the single sfb-signin-repair.exe, when one was given. */
  singleExe?: {
    diagnosis: { code: number; report: unknown; stderr: string; ms: number };
    repair: { code: number; record: unknown; stderr: string };
    afterRepair: unknown;
    undo: { code: number; record: unknown; stderr: string };
    afterUndo: unknown;
    /** `<folder>/koffi.node` → SHA-256 of each copy written under LocalAppData. */
    nativeCopies: Record<string, string>;
  };
  /** The sfb2019-onprem Click-to-Run profile, planted after the Lync 2013 one was taken off. */
  clickToRun: {
    /** Which command line did the round trip: the single exe when given, else node.exe + cli. */
    runner: 'single-exe' | 'node-cli';
    seeded: WineSeeded;
    before: unknown;
    diagnosis: { code: number; report: unknown; stderr: string };
    repair: { code: number; record: unknown; stderr: string };
    afterRepair: unknown;
    undo: { code: number; record: unknown; stderr: string };
    afterUndo: unknown;
  };
  timings: Record<string, number>;
}

export interface WineSeeded {
  /** Thumbprints of the certificates the scenario named (expiredPrimary, vpn, ...). */
  certificates: Record<string, string>;
  /** The seeder's PlantedRecord (scenario-seeder.ts). */
  planted: unknown;
}

export function runWineSuite(options?: {
  log?: (line: string) => void;
  keepPrefix?: boolean;
  /** A built sfb-signin-repair.exe to run the round trip with too. */
  singleExe?: string;
}): Promise<WineSuiteResult>;
