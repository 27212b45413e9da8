// Types for dist-cli.mjs.
export const SINGLE_EXE_NAME: string;
export function ensureBlobNode(): string;
export function signIfConfigured(exe: string, env?: NodeJS.ProcessEnv): { signed: boolean };
export function buildSingleExe(options?: {
  out?: string;
  log?: (line: string) => void;
}): Promise<{ exe: string; reused: boolean; signed: boolean; koffiHash: string }>;
