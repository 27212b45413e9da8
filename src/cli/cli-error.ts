import {
  AppError,
  isAppError,
  rawMessage,
  toErrorData,
  type ErrorCode,
  type ErrorData,
  type ErrorDetails,
} from '../shared/errors';
import { basename } from 'node:path';
import { LOCK_FILE } from '../main/journal/data-lock';
import { EXIT, exitCodeForError } from './exit-codes';
import { restartNormallyHint } from './format/profile-text';
import type { ExitCode } from './exit-codes';

/**
 * A failure the command line explains in plain words and ends with a documented exit code: the
 * one error type (AppError) with the exit code it ends the process with.
 */
export class CliError extends AppError {
  constructor(
    readonly exitCode: ExitCode,
    code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(code, message, details);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, details?: ErrorData['details']): CliError =>
  new CliError(EXIT.usage, 'invalid-request', message, details);

/** Whether a `file-locked` error is the engine's data-folder lock (another copy of this tool). */
export function isDataFolderLock(code: ErrorCode, details: ErrorData['details']): boolean {
  const path = details?.path;
  return code === 'file-locked' && typeof path === 'string' && basename(path) === LOCK_FILE;
}

function fromErrorData(code: ErrorCode, message: string, details: ErrorData['details']) {
  if (code === 'wrong-profile') {
    // The engine says what is wrong; the command line adds how to run it the right way.
    const signedIn = typeof details?.signedIn === 'string' ? details.signedIn : undefined;
    message = `${message} ${restartNormallyHint(signedIn)} Nothing was changed.`;
  }
  return new CliError(
    exitCodeForError(code, isDataFolderLock(code, details)),
    code,
    message,
    details,
  );
}

/**
 * Whatever was thrown, as a CliError, through the one mapper (toErrorData). A file-system failure
 * no adapter wrapped means the data folder is unusable (exit 8); a bug is `internal` (exit 70).
 */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  const data = toErrorData(error);
  if (data.code === 'internal') {
    return new CliError(EXIT.internal, 'internal', `Internal error: ${rawMessage(error)}`);
  }
  if (!isAppError(error) && typeof data.details?.errno === 'string') {
    return new CliError(EXIT.dataError, data.code, data.message, data.details);
  }
  return fromErrorData(data.code, data.message, data.details ?? {});
}
