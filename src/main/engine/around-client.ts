/**
 * Close → change → start again: the one place the order of those is decided, for the command
 * line's repair, undo and recovery alike (the wizard lets the user do each, and starts the client
 * through the same startClient).
 */
import { AppError } from '../../shared/errors';
import { ANY_CLIENT_NAME } from '../../shared/wording';
import type {
  AroundClient,
  AroundClientOptions,
  Engine,
  EngineProgress,
  StartClientResult,
} from './types';

/** The engine's own client calls, each taking its turn in the engine's queue. */
type ClientCalls = Pick<Engine, 'runningClients' | 'closeClient' | 'startClient'>;

const LEFT_CLOSED: StartClientResult = {
  started: false,
  refusal: 'not-requested',
  reason: `Left closed, as asked: start ${ANY_CLIENT_NAME} yourself, then try to sign in.`,
};

export async function aroundClient<T>(
  engine: ClientCalls,
  options: AroundClientOptions,
  change: () => Promise<T>,
  progress: (event: EngineProgress) => void,
): Promise<AroundClient<T>> {
  const running = options.close ? await engine.runningClients() : [];
  if (options.close && running.length > 0) {
    const result = await engine.closeClient(options.close);
    if (!result.closed) {
      throw new AppError(
        'client-running',
        `${ANY_CLIENT_NAME} did not close (${result.stillRunning.join(', ')}). Nothing was changed.`,
        { process: result.stillRunning[0] ?? null, stillRunning: result.stillRunning.join(', ') },
      );
    }
  }
  const closed = [...new Set(running.map((process) => process.name))];
  const startAgain = async (): Promise<StartClientResult | undefined> => {
    if (closed.length === 0) return undefined;
    if (options.restart === false) return LEFT_CLOSED;
    progress({ message: `Starting ${ANY_CLIENT_NAME} again…` });
    // The diagnosis's primary client: startClient decides which, nobody else.
    return engine.startClient({});
  };
  try {
    const value = await change();
    const restart = await startAgain();
    return { ok: true, value, closed, ...(restart ? { restart } : {}) };
  } catch (error) {
    // The user gets their client back even when the change could not run.
    const restart = await startAgain().catch(() => undefined);
    return { ok: false, error, closed, ...(restart ? { restart } : {}) };
  }
}
