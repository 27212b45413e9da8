/**
 * Asking the elevated helper for one operation: write the request, start the helper through the
 * launcher (the UAC prompt on Windows, a simulated prompt on the practice PC), read and check
 * its result, remove the exchange folder.
 */
import type { ErrorData } from '../../shared/errors';
import type { AdminOperation } from './admin-operations';
import { errorData } from './error-text';
import { closeExchange, openExchange, readResult } from './exchange';
import type { RequestTarget } from './messages';

/** How to start this same program again: the executable and the arguments before ours. */
export interface HelperCommand {
  executable: string;
  args: string[];
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

/** The running program as the helper command: the CLI script under Node, the app under Electron. */
export function currentHelperCommand(): HelperCommand {
  const script = process.argv[1];
  const packagedApp =
    process.versions.electron !== undefined &&
    (process as NodeJS.Process & { defaultApp?: boolean }).defaultApp !== true;
  return { executable: process.execPath, args: packagedApp || !script ? [] : [script] };
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
        return { status: 'failed', error: errorData(error) };
      } finally {
        await closeExchange(exchange);
      }
    },
  };
}
