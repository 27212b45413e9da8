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
  timings: Record<string, number>;
}

export function runWineSuite(options?: {
  log?: (line: string) => void;
  keepPrefix?: boolean;
}): Promise<WineSuiteResult>;
