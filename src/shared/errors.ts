/**
 * The one error type and the one mapper. Code anywhere in main throws `AppError`; every
 * boundary (IPC, the elevated helper, the journal, the command line) turns whatever was thrown
 * into `ErrorData` with `toErrorData`. Error data is plain, so it survives structured clone and
 * JSON alike, and it is bounded: a message or a detail never carries a whole file.
 */
// valibot, not zod: every command loads this module, and loading zod at all is start-up time
// (measured: ~2 ms); valibot's functions are small and its schemas plain objects.
import * as v from 'valibot';
import { lazySchema } from './model/lazy-schema';

export const ERROR_CODES = [
  'invalid-request',
  'forbidden-sender',
  'unknown-operation',
  'unknown-plan',
  'stale-plan',
  'unknown-run',
  'client-running',
  'needs-admin',
  'wrong-profile',
  'file-locked',
  'access-denied',
  'not-found',
  'corrupt-data',
  'unsupported',
  'verification-failed',
  'backup-failed',
  'disk-full',
  'practice-only',
  'cancelled',
  'io',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export type ErrorDetailValue = string | number | boolean | null;
export type ErrorDetails = Record<string, ErrorDetailValue>;

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/**
 * Error data that came from elsewhere (the elevated helper's answer, a handler), checked before
 * it is believed. Built on first use: every module imports this one for AppError.
 */
const errorDataSchema = lazySchema((): v.GenericSchema<ErrorData> =>
  v.object({
    code: v.picklist(ERROR_CODES),
    message: v.string(),
    details: v.optional(
      v.record(v.string(), v.union([v.string(), v.number(), v.boolean(), v.null()])),
    ),
  }),
);

/** What the user reads for a failure that is a bug: the stack stays in the log. */
export const INTERNAL_MESSAGE =
  'Something went wrong inside the app. Nothing more was changed; the app log has the details.';

const MAX_MESSAGE = 500;
const MAX_DETAILS = 16;

/** A failure main explains: a known code, a message in plain words, plain details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, details: { ...this.details } };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function plainDetails(details: unknown): ErrorDetails | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const out: ErrorDetails = {};
  let count = 0;
  for (const [key, value] of Object.entries(details)) {
    if (count >= MAX_DETAILS) break;
    if (value === null || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'string') out[key] = clip(value, MAX_MESSAGE);
    else continue;
    count += 1;
  }
  return count > 0 ? out : undefined;
}

/** Error data from its parts, bounded. */
export function errorData(code: ErrorCode, message: string, details?: unknown): ErrorData {
  const data: ErrorData = { code, message: clip(message, MAX_MESSAGE) };
  const plain = plainDetails(details);
  if (plain) data.details = plain;
  return data;
}

/** The errno codes a file-system call fails with that mean something to the user. */
const ERRNO_CODES: Record<string, ErrorCode> = {
  EACCES: 'access-denied',
  EPERM: 'access-denied',
  ENOSPC: 'disk-full',
  EBUSY: 'file-locked',
};

function errnoOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

/**
 * The one mapper: whatever was thrown, as error data. An `AppError` keeps its code, message and
 * details; error data from elsewhere (the elevated helper's result, a handler) is re-checked; a
 * file-system failure no adapter wrapped becomes `access-denied`, `disk-full`, `file-locked` or
 * `io` with its errno; anything else is `internal`, with a message that says so and nothing more.
 */
export function toErrorData(error: unknown): ErrorData {
  if (isAppError(error)) return errorData(error.code, error.message, error.details);
  const checked = v.safeParse(errorDataSchema(), error);
  if (checked.success) {
    return errorData(checked.output.code, checked.output.message, checked.output.details);
  }
  const errno = errnoOf(error);
  if (errno !== undefined && error instanceof Error) {
    return errorData(ERRNO_CODES[errno] ?? 'io', error.message, { errno });
  }
  return errorData('internal', INTERNAL_MESSAGE);
}

/** The thrown value's own words, for logs only (never shown as the app's explanation). */
export function rawMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
