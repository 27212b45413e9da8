/**
 * The elevated helper: the same executable started through the UAC prompt with
 * `--elevated-helper <request file>`. It does exactly one operation of the closed table, writes
 * its result beside the request and exits. It opens nothing the request could name: the
 * registry value is fixed by the table and the practice PC is found from the scenario id.
 */
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { AppError, rawMessage, toErrorData } from '../../shared/errors';
import { practiceEngineDir, practicePcDir } from '../host/paths';
import type { RegistryPort } from '../host/ports';
import { receiveRequest, writeResult } from './exchange';
import { RESULT_FORMAT, type ElevatedRequest, type ElevatedResultDocument } from './messages';
import { performAdminOperation, RefusedOperation } from './perform';

export { HELPER_FLAG } from './helper-flag';

export const HELPER_EXIT = {
  done: 0,
  /** No request it could trust: nothing read from the registry, no result written. */
  badRequest: 2,
  refused: 3,
  failed: 4,
} as const;

interface OpenedRegistry {
  registry: RegistryPort;
  close(): Promise<void>;
}

async function registryFor(
  request: ElevatedRequest,
  engineDataDir: string,
  platform: NodeJS.Platform,
): Promise<OpenedRegistry> {
  if (request.target.kind === 'windows') {
    if (platform !== 'win32') {
      throw new AppError('unsupported', 'This request is for Windows; this is not Windows.');
    }
    const { createRegistry } = await import('../host/windows/registry');
    return { registry: createRegistry(), close: async () => undefined };
  }
  // `<data>/practice/<scenario>/engine/elevation/<id>/request.json`: the exchange must sit in
  // that scenario's engine folder, so the id alone decides which practice PC is opened.
  const { scenario } = request.target;
  const dataDir = dirname(dirname(dirname(engineDataDir)));
  if (
    basename(engineDataDir) !== 'engine' ||
    practiceEngineDir(dataDir, scenario) !== engineDataDir
  ) {
    throw new AppError('invalid-request', 'The request is not in that practice PC’s folder.');
  }
  const { openPracticePc } = await import('../host/practice');
  const host = await openPracticePc(practicePcDir(dataDir, scenario));
  if (host.practiceScenario !== scenario) {
    await host.close();
    throw new AppError('invalid-request', 'That practice PC is another scenario.');
  }
  return { registry: host.registry, close: () => host.close() };
}

export interface HelperIo {
  platform: NodeJS.Platform;
  stderr(text: string): void;
}

/** Runs one request; the exit code says how it went when no result could be written. */
export async function runElevatedHelper(requestFile: string, io: HelperIo): Promise<number> {
  let received;
  try {
    received = await receiveRequest(requestFile);
  } catch (error) {
    io.stderr(`Elevated helper: ${rawMessage(error)}\n`);
    return HELPER_EXIT.badRequest;
  }
  const { request, resultFile, engineDataDir } = received;
  if (existsSync(resultFile)) {
    // Someone answered before the helper ran: act on nothing, so the planted answer stays unused.
    io.stderr('Elevated helper: this request already has a result; nothing was done.\n');
    return HELPER_EXIT.badRequest;
  }
  const base = {
    format: RESULT_FORMAT,
    version: 1 as const,
    id: request.id,
    nonce: request.nonce,
  };
  let result: ElevatedResultDocument;
  let code: number;
  try {
    const opened = await registryFor(request, engineDataDir, io.platform);
    try {
      const done = await performAdminOperation(opened.registry, request.operation);
      result = { ...base, ...done };
      code = HELPER_EXIT.done;
    } finally {
      await opened.close();
    }
  } catch (error) {
    const refused =
      error instanceof RefusedOperation || toErrorData(error).code === 'invalid-request';
    const { code: errorCode, message } = toErrorData(error);
    result = {
      ...base,
      outcome: refused ? 'refused' : 'failed',
      error: { code: errorCode, message: message.slice(0, 1000) },
    };
    code = refused ? HELPER_EXIT.refused : HELPER_EXIT.failed;
  }
  try {
    await writeResult(resultFile, result);
  } catch (error) {
    io.stderr(`Elevated helper: the result could not be written: ${rawMessage(error)}\n`);
    return HELPER_EXIT.failed;
  }
  return code;
}
