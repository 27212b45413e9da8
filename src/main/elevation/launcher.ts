/**
 * Asking the elevated helper for one operation: write the request, start the helper through the
 * launcher (the UAC prompt on Windows, a simulated prompt on the practice PC), read and check
 * its result, remove the exchange folder.
 */
import type { AdminOperation } from './admin-operations';
import { toErrorData, type ErrorData } from '../../shared/errors';
import { closeExchange, openExchange, readResult } from './exchange';
import type { RequestTarget } from './messages';

/** How to start this same program again: the executable and the arguments before ours. */
export interface HelperCommand {
  executable: string;
  args: string[];
  /** Environment changes for the helper (`undefined` removes a variable). */
  env?: Record<string, string | undefined>;
}

export type LaunchOutcome = { kind: 'exited'; exitCode: number } | { kind: 'cancelled' };

export interface ElevatedLauncher {
  /** Starts the helper elevated on `requestFile` and waits until it ends. */
  launch(requestFile: string): Promise<LaunchOutcome>;
}

export type ElevatedResult =
  | { status: 'done' | 'unchanged'; before: string; after: string }
  | { status: 'cancelled'; message: string }
  | { status: 'refused' | 'failed'; error: ErrorData };

export const CANCELLED_MESSAGE =
  'The administrator prompt was cancelled, so MachineGuid was not changed. ' +
  'Run the step again and choose Yes to let it change this one value.';

/** Electron's switch that makes its executable a plain Node.js (checked once, at start). */
export const RUN_AS_NODE_ENV = 'ELECTRON_RUN_AS_NODE';

/** What decides how this program starts itself again. */
export interface RunningProgram {
  execPath: string;
  argv: readonly string[];
  /** `process.type`: 'browser' in Electron's main process, undefined under Node (or Electron as Node). */
  electronProcessType: string | undefined;
  /** Electron's `process.defaultApp`: electron.exe started with an app folder (development). */
  defaultApp: boolean;
  /** A Node single executable application (sfb-signin-repair.exe): argv[1] is the exe itself. */
  singleExecutable: boolean;
}

/**
 * The helper command for each way this program runs:
 * - the packaged Electron app: its exe alone, which must start as the app, so the helper may not
 *   inherit ELECTRON_RUN_AS_NODE;
 * - Electron in development: electron.exe and the app folder;
 * - Node.js, or Electron's exe as Node (ELECTRON_RUN_AS_NODE=1): the executable and the script,
 *   keeping ELECTRON_RUN_AS_NODE so the helper is a Node too;
 * - the single exe: the exe alone, since the script is inside it.
 */
export function helperCommandFor(program: RunningProgram): HelperCommand {
  const executable = program.execPath;
  if (program.singleExecutable) return { executable, args: [] };
  const first = program.argv[1];
  if (program.electronProcessType === 'browser') {
    const env = { [RUN_AS_NODE_ENV]: undefined };
    return { executable, args: program.defaultApp && first ? [first] : [], env };
  }
  return { executable, args: first ? [first] : [] };
}

function isSingleExecutable(): boolean {
  // Looked up at run time: Electron's own Node may be built without node:sea.
  const sea = process.getBuiltinModule('node:sea') as typeof import('node:sea') | undefined;
  return sea?.isSea() ?? false;
}

/** The running program as the helper command. */
export function currentHelperCommand(): HelperCommand {
  const running = process as NodeJS.Process & { defaultApp?: boolean; type?: string };
  return helperCommandFor({
    execPath: process.execPath,
    argv: process.argv,
    electronProcessType: running.type,
    defaultApp: running.defaultApp === true,
    singleExecutable: isSingleExecutable(),
  });
}

export interface AdminOperationRunner {
  run(operation: AdminOperation): Promise<ElevatedResult>;
}

export function adminOperationRunner(options: {
  launcher: ElevatedLauncher;
  engineDataDir: string;
  target: RequestTarget;
}): AdminOperationRunner {
  return {
    async run(operation) {
      const exchange = await openExchange(options.engineDataDir, options.target, operation);
      try {
        const outcome = await options.launcher.launch(exchange.requestFile);
        if (outcome.kind === 'cancelled')
          return { status: 'cancelled', message: CANCELLED_MESSAGE };
        const result = await readResult(exchange);
        if (!result) {
          return {
            status: 'failed',
            error: {
              code: 'internal',
              message: `The elevated helper ended (exit code ${outcome.exitCode}) without an answer; nothing is known to have changed.`,
            },
          };
        }
        if (result.outcome === 'done' || result.outcome === 'unchanged') {
          if (result.before === undefined || result.after === undefined) {
            return {
              status: 'failed',
              error: {
                code: 'corrupt-data',
                message: "The elevated helper's answer is incomplete.",
              },
            };
          }
          return { status: result.outcome, before: result.before, after: result.after };
        }
        return {
          status: result.outcome,
          error: result.error ?? {
            code: 'internal',
            message: 'The elevated helper gave no reason.',
          },
        };
      } catch (error) {
        return { status: 'failed', error: toErrorData(error) };
      } finally {
        await closeExchange(exchange);
      }
    },
  };
}
