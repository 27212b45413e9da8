/**
 * Deleting one stored credential. The backup keeps target, type, user, persistence and comment
 * in clear, and the secret only as `host.secrets.protect` returns it (DPAPI on Windows), so no
 * password is ever written in clear text to the journal or the backups.
 */
import * as z from '../../../shared/model/zod';
import { AppError } from '../../../shared/errors';
import type { ActionExecutor } from './executor';

const DOCUMENT = 'credential.json';

const backupSchema = z.object({
  targetName: z.string(),
  type: z.enum(['generic', 'domain-password', 'domain-certificate']),
  userName: z.string(),
  persist: z.enum(['session', 'local-machine', 'enterprise']),
  comment: z.string().optional(),
  lastWritten: z.string(),
  protectedSecret: z.string(),
});

function readBackup(reader: { readDocument(name: string): unknown }) {
  const parsed = backupSchema.safeParse(reader.readDocument(DOCUMENT));
  if (!parsed.success) throw new AppError('corrupt-data', 'The credential backup is damaged.');
  return parsed.data;
}

export const credentialAction: ActionExecutor<'delete-credential'> = {
  undoable: true,

  async check({ host }, target) {
    return (await host.credentials.read(target.targetName, target.type)) ? 'present' : 'gone';
  },

  async backup({ host }, target, writer) {
    const record = await host.credentials.read(target.targetName, target.type);
    if (!record) {
      throw new AppError(
        'backup-failed',
        `The credential ${target.targetName} disappeared before it was backed up.`,
        {
          target: target.targetName,
        },
      );
    }
    const protectedSecret = await host.secrets.protect(record.secret);
    writer.writeDocument(DOCUMENT, {
      targetName: record.targetName,
      type: record.type,
      userName: record.userName,
      persist: record.persist,
      ...(record.comment !== undefined ? { comment: record.comment } : {}),
      lastWritten: record.lastWritten,
      protectedSecret: Buffer.from(protectedSecret).toString('base64'),
    });
  },

  async apply({ host }, target) {
    await host.credentials.remove(target.targetName, target.type);
  },

  async verifyApplied({ host }, target) {
    return (await host.credentials.read(target.targetName, target.type)) === undefined;
  },

  async restore({ host }, target, reader) {
    const backup = readBackup(reader);
    if (backup.targetName !== target.targetName) {
      throw new AppError(
        'corrupt-data',
        `The credential backup does not belong to ${target.targetName}.`,
      );
    }
    const secret = await host.secrets.unprotect(Buffer.from(backup.protectedSecret, 'base64'));
    await host.credentials.write({
      targetName: backup.targetName,
      type: backup.type,
      userName: backup.userName,
      persist: backup.persist,
      ...(backup.comment !== undefined ? { comment: backup.comment } : {}),
      lastWritten: backup.lastWritten,
      secret,
    });
  },

  async verifyRestored({ host }, target, reader) {
    const backup = readBackup(reader);
    const current = await host.credentials.read(target.targetName, target.type);
    if (!current || current.userName !== backup.userName) return false;
    const secret = await host.secrets.unprotect(Buffer.from(backup.protectedSecret, 'base64'));
    return Buffer.from(current.secret).equals(Buffer.from(secret));
  },
};
