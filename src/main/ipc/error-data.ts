import { ERROR_CODES, type ErrorCode, type ErrorData } from '../../shared/errors';
import { isHostError } from '../host/host-error';

type DetailValue = string | number | boolean | null;

const MAX_MESSAGE = 500;
const MAX_DETAILS = 16;

export const INTERNAL_MESSAGE =
  'Something went wrong inside the app. Nothing more was changed; the app log has the details.';

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function plainDetails(details: Record<string, unknown>): Record<string, DetailValue> | undefined {
  const out: Record<string, DetailValue> = {};
  let count = 0;
  for (const [key, value] of Object.entries(details)) {
    if (count >= MAX_DETAILS) break;
    if (value === null || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = value;
    } else if (typeof value === 'string') {
      out[key] = clip(value, MAX_MESSAGE);
    } else {
      continue;
    }
    count += 1;
  }
  return count > 0 ? out : undefined;
}

export function errorData(
  code: ErrorCode,
  message: string,
  details?: Record<string, DetailValue>,
): ErrorData {
  const data: ErrorData = { code, message: clip(message, MAX_MESSAGE) };
  const plain = details ? plainDetails(details) : undefined;
  if (plain) data.details = plain;
  return data;
}

/**
 * The only way an error leaves main: known, typed errors keep their code, message and plain
 * details; anything else becomes a generic `internal` error (the stack stays in the log).
 */
export function toErrorData(error: unknown): ErrorData {
  if (isHostError(error)) {
    return errorData(error.code, error.message, error.details);
  }
  return errorData('internal', INTERNAL_MESSAGE);
}

/** Re-checks error data produced elsewhere (e.g. a handler returning an error result). */
export function sanitizeErrorData(value: { code: unknown; message: unknown; details?: unknown }) {
  if (!isKnownCode(value.code) || typeof value.message !== 'string') {
    return errorData('internal', INTERNAL_MESSAGE);
  }
  const details =
    typeof value.details === 'object' && value.details !== null
      ? plainDetails(value.details as Record<string, unknown>)
      : undefined;
  return errorData(value.code, value.message, details);
}
