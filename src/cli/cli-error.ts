import { isErrorData } from '../shared/errors';
import type { ErrorCode, ErrorData } from '../shared/errors';
import { basename } from 'node:path';
import { isHostError } from '../main/host/host-error';
import { LOCK_FILE } from '../main/journal/data-lock';
import { EXIT, exitCodeForError } from './exit-codes';
import { restartNormallyHint } from './format/profile-text';
import type { ExitCode } from './exit-codes';

/** A failure the command line explains in plain words and ends with a documented exit code. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorData['details'] = {},
  ) {
    super(message);
    this.name = 'CliError';
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, details: { ...this.details } };
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

/** Whatever was thrown, as a CliError; unexpected errors become `internal` (exit 70). */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (isHostError(error)) return fromErrorData(error.code, error.message, error.details);
  if (isErrorData(error)) return fromErrorData(error.code, error.message, error.details);
  const message = error instanceof Error ? error.message : String(error);
  const errno = (error as { code?: unknown } | null)?.code;
  if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) {
    // A file-system failure that no adapter wrapped: the data folder is unusable.
    return new CliError(EXIT.dataError, 'io', message, { errno });
  }
  return new CliError(EXIT.internal, 'internal', `Internal error: ${message}`);
}
