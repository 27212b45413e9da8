// Types for harness.mjs, so the TypeScript tests and bench can call it.
export const REPO: string;
export const NODE_WIN_VERSION: string;
export const BUNDLE_DIR: string;
export const ENTRIES: string[];
export function wineAvailable(): boolean;
export function toWindowsPath(path: string): string;
export function ensureWindowsNode(): string;
export function wineEnv(prefix: string): NodeJS.ProcessEnv;
export function createPrefix(): string;
export function removePrefix(prefix: string): void;
export interface WindowsNodeRun {
  code: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}
export function runWindowsNode(
  prefix: string,
  script: string,
  args?: string[],
  options?: { timeoutMs?: number; env?: Record<string, string> },
): Promise<WindowsNodeRun>;
export function runWindowsProgram(
  prefix: string,
  program: string,
  args?: string[],
  options?: { timeoutMs?: number; env?: Record<string, string> },
): Promise<WindowsNodeRun>;
export function runEntry(
  prefix: string,
  entry: string,
  args?: string[],
  options?: { timeoutMs?: number; env?: Record<string, string> },
): Promise<
  WindowsNodeRun & {
    result:
      { ok: true; value: unknown } | { ok: false; error: { message: string; stack?: string } };
  }
>;
export function bundleEntries(): Promise<void>;
export function buildCli(): Promise<string | undefined>;
