/** Any thrown value as the shared error data, for the helper's result and messages. */
import type { ErrorData } from '../../shared/errors';
import { isHostError } from '../host/host-error';

export function errorData(error: unknown): ErrorData {
  if (isHostError(error)) return { code: error.code, message: error.message };
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (errno === 'EACCES' || errno === 'EPERM') return { code: 'access-denied', message };
  if (errno === 'ENOSPC') return { code: 'disk-full', message };
  return { code: errno ? 'io' : 'internal', message };
}
