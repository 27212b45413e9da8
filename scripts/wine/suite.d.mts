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
  seeded: {
    machineGuid: string;
    lyncExe: string;
    certificates: { expiredPrimary: string; validSecond: string; vpn: string; smime: string };
    folders: Record<string, string>;
  };
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
  timings: Record<string, number>;
}

export function runWineSuite(options?: {
  log?: (line: string) => void;
  keepPrefix?: boolean;
  /** A built sfb-signin-repair.exe to run the round trip with too. */
  singleExe?: string;
}): Promise<WineSuiteResult>;
