/**
 * Runs the command line in-process with the real engine, host factory and practice PCs, a
 * temporary data folder and captured output. Only the terminal is simulated: whether someone
 * can answer, and the answers they give.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../../src/cli/context';
import { runCli } from '../../src/cli/program';
import { realServices } from '../../src/main/session/real-services';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Questions the command asked. */
  questions: string[];
}

export interface RunOptions {
  interactive?: boolean;
  answers?: string[];
  platform?: NodeJS.Platform;
  /** Leave out the harness's `--data-dir`. */
  noDataDir?: boolean;
  context?: Partial<CliContext>;
}

export interface CliHarness {
  dataDir: string;
  run(args: string[], options?: RunOptions): Promise<CliResult>;
  /** `run` with `--json`, stdout parsed. */
  json<T>(args: string[], options?: RunOptions): Promise<CliResult & { value: T }>;
  dispose(): Promise<void>;
}

export async function createCliHarness(): Promise<CliHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sfb-cli-'));
  const services = await realServices();
  const run = async (args: string[], options: RunOptions = {}): Promise<CliResult> => {
    let stdout = '';
    let stderr = '';
    const questions: string[] = [];
    const answers = [...(options.answers ?? [])];
    const ctx: CliContext = {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      env: {},
      platform: options.platform ?? 'linux',
      home: dataDir,
      cwd: dataDir,
      stdoutIsTTY: false,
      interactive: options.interactive ?? false,
      prompt: async (question) => {
        questions.push(question);
        return answers.shift();
      },
      services,
      now: () => new Date(),
      ...options.context,
    };
    const full = options.noDataDir ? args : ['--data-dir', dataDir, ...args];
    const code = await runCli(full, ctx);
    return { code, stdout, stderr, questions };
  };
  return {
    dataDir,
    run,
    async json<T>(args: string[], options?: RunOptions) {
      const result = await run(['--json', ...args], options);
      let value: T;
      try {
        value = JSON.parse(result.stdout) as T;
      } catch {
        throw new Error(
          `stdout is not JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
        );
      }
      return { ...result, value };
    },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}
