/**
 * Errors that cross a boundary (IPC, CLI JSON output, reports) are plain data, never class
 * instances, so they survive structured clone and JSON alike.
 */
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

export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, string | number | boolean | null>;
}

export function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(candidate.code) &&
    typeof candidate.message === 'string'
  );
}
