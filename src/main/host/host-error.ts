import type { ErrorCode, ErrorData } from '../../shared/errors';

/** The one error type host adapters throw; `toData()` is what crosses a boundary. */
export class HostError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message);
    this.name = 'HostError';
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message, details: { ...this.details } };
  }
}

export function isHostError(error: unknown): error is HostError {
  return error instanceof HostError;
}
