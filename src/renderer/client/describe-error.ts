import type { ClientError } from './client-types';

/** A calm headline per error code; the message from main follows it with the specifics. */
const HEADLINES: Record<ClientError['code'], string> = {
  'invalid-request': 'The app asked for something it should not have.',
  'forbidden-sender': 'This window is not allowed to make that request.',
  'unknown-operation': 'This version of the app cannot do that.',
  'unknown-plan': 'That preview has expired. Please show the changes again.',
  'stale-plan': 'Something on this PC changed since the preview. Please show the changes again.',
  'unknown-run': 'That earlier change could not be found.',
  'client-running': 'Lync or Skype for Business is still open. It needs to be closed first.',
  'needs-admin': 'This change needs administrator rights.',
  'wrong-profile': 'This change belongs to a different Windows user.',
  'file-locked': 'A file is in use by another program.',
  'access-denied': 'Windows did not allow the change.',
  'not-found': 'Something the app looked for is not there.',
  'corrupt-data': 'Some saved data could not be read.',
  unsupported: 'This version of the app cannot do that yet.',
  'verification-failed': 'The change was made but could not be confirmed.',
  'backup-failed': 'The backup could not be made, so nothing was changed.',
  'disk-full': 'The disk is full, so nothing was changed.',
  'practice-only': 'That only works on the practice PC.',
  cancelled: 'Cancelled.',
  io: 'Reading or writing a file failed.',
  internal: 'Something went wrong inside the app.',
};

export function errorHeadline(error: ClientError): string {
  return HEADLINES[error.code] ?? HEADLINES.internal;
}

/** The details main sent along, as readable "name: value" lines (never a stack trace). */
export function errorDetails(error: ClientError): string[] {
  return Object.entries(error.details ?? {}).map(([name, value]) => `${name}: ${String(value)}`);
}
