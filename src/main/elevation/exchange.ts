/**
 * The channel between the user's process and the elevated helper: one folder per request,
 * `<engine data>/elevation/<request id>/`, holding `request.json` (written by the user's
 * process) and `result.json` (written once by the helper).
 *
 * Who can read it: the folder is created with mode 0700 and the files 0600, so on Linux and
 * macOS only the user (and root) can. On Windows the engine data folder sits in the user's own
 * profile (`%APPDATA%\SfB Sign-in Repair`), whose inherited ACL grants only the user, SYSTEM and
 * Administrators; an elevated helper is an administrator, and no other standard user can read or
 * plant a file there. Even so the result is believed only when it echoes the request's random
 * nonce, and the folder is created fresh (never reused) and removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { AdminOperation } from './admin-operations';
import {
  elevatedRequestSchema,
  elevatedResultSchema,
  MAX_MESSAGE_BYTES,
  REQUEST_FORMAT,
  type ElevatedRequest,
  type ElevatedResultDocument,
  type RequestTarget,
} from './messages';

export const EXCHANGE_FOLDER = 'elevation';
export const REQUEST_FILE = 'request.json';
export const RESULT_FILE = 'result.json';

export interface Exchange {
  folder: string;
  requestFile: string;
  resultFile: string;
  request: ElevatedRequest;
}

export function exchangeRoot(engineDataDir: string): string {
  return join(engineDataDir, EXCHANGE_FOLDER);
}

/** Creates a fresh request folder and writes the request; nothing else is ever in it. */
export async function openExchange(
  engineDataDir: string,
  target: RequestTarget,
  operation: AdminOperation,
): Promise<Exchange> {
  const request: ElevatedRequest = {
    format: REQUEST_FORMAT,
    version: 1,
    id: randomBytes(16).toString('hex'),
    nonce: randomBytes(32).toString('hex'),
    target,
    operation,
  };
  const root = exchangeRoot(engineDataDir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  // A folder made earlier with a looser mode (an older version, a restored backup) is tightened.
  if (process.platform !== 'win32') await chmod(root, 0o700);
  await removeAbandoned(root);
  const folder = join(root, request.id);
  await mkdir(folder, { mode: 0o700 });
  const requestFile = join(folder, REQUEST_FILE);
  await writeFile(requestFile, JSON.stringify(request), { mode: 0o600, flag: 'wx' });
  return { folder, requestFile, resultFile: join(folder, RESULT_FILE), request };
}

/** Longer than any helper may run (the launchers stop waiting well before). */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/** Request folders a killed process left behind; their helpers are long gone. */
async function removeAbandoned(root: string): Promise<void> {
  const cutoff = Date.now() - ABANDONED_AFTER_MS;
  for (const name of await readdir(root)) {
    const path = join(root, name);
    try {
      if ((await lstat(path)).mtimeMs < cutoff) await rm(path, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove: it never holds a request we would read.
    }
  }
}

export async function closeExchange(exchange: Exchange): Promise<void> {
  await rm(exchange.folder, { recursive: true, force: true });
}

/** Reads a message file that must be a small regular file (a link is never followed). */
async function readMessage(path: string, what: string): Promise<unknown> {
  const info = await lstat(path);
  if (!info.isFile()) {
    throw new AppError('corrupt-data', `The ${what} is not a plain file.`, { path });
  }
  if (info.size > MAX_MESSAGE_BYTES) {
    throw new AppError('corrupt-data', `The ${what} is too large to be genuine.`, { path });
  }
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    throw new AppError('corrupt-data', `The ${what} is not valid JSON.`, { path });
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * The helper's answer to this exchange's request; `undefined` when it wrote none. A result that
 * is malformed, or names another request or nonce, is refused with `corrupt-data`.
 */
export async function readResult(exchange: Exchange): Promise<ElevatedResultDocument | undefined> {
  let raw: unknown;
  try {
    raw = await readMessage(exchange.resultFile, "elevated helper's result");
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  const parsed = elevatedResultSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('corrupt-data', "The elevated helper's result is not in the expected form.");
  }
  if (parsed.data.id !== exchange.request.id || parsed.data.nonce !== exchange.request.nonce) {
    throw new AppError(
      'corrupt-data',
      "The elevated helper's result does not answer this request; it was ignored.",
    );
  }
  return parsed.data;
}

export interface ReceivedRequest {
  request: ElevatedRequest;
  resultFile: string;
  /** The engine data folder the exchange lives in. */
  engineDataDir: string;
}

/**
 * The helper's side: the request file must be `<engine data>/elevation/<id>/request.json` with a
 * request whose id names its folder, so a file placed anywhere else is not acted on.
 */
export async function receiveRequest(requestFile: string): Promise<ReceivedRequest> {
  if (!isAbsolute(requestFile) || basename(requestFile) !== REQUEST_FILE) {
    throw new AppError('invalid-request', 'The elevated helper was not given a request file.');
  }
  const folder = dirname(requestFile);
  const root = dirname(folder);
  if (basename(root) !== EXCHANGE_FOLDER) {
    throw new AppError('invalid-request', 'The request file is not in a request folder.');
  }
  let raw: unknown;
  try {
    raw = await readMessage(requestFile, 'request');
  } catch (error) {
    if (isMissing(error)) {
      throw new AppError('invalid-request', 'The request file does not exist.');
    }
    throw error;
  }
  const parsed = elevatedRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'invalid-request',
      `The request is not one the elevated helper accepts${issue ? ` (${issue.path.join('.') || 'request'}: ${issue.message})` : ''}.`,
    );
  }
  if (basename(folder) !== parsed.data.id) {
    throw new AppError('invalid-request', 'The request does not belong to its folder.');
  }
  return {
    request: parsed.data,
    resultFile: join(folder, RESULT_FILE),
    engineDataDir: dirname(root),
  };
}

/** Written once: an existing result (planted or stale) makes the helper stop instead. */
export async function writeResult(
  resultFile: string,
  result: ElevatedResultDocument,
): Promise<void> {
  await writeFile(resultFile, JSON.stringify(result), { mode: 0o600, flag: 'wx' });
}
