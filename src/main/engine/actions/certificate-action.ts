/**
 * Deleting one certificate from one store. The store is part of the target, so the same action
 * serves CurrentUser\My (the personal certificate) and CurrentUser\Root (the administrators'
 * distrusted-root step). The backup is the store entry as `exportEntry` gives it (DER plus the
 * key link and friendly name), which `importEntry` restores exactly.
 */
import { createHash } from 'node:crypto';
import * as z from '../../../shared/model/zod';
import { parseCertificateEntry } from '../../host/certificate-entry';
import { AppError } from '../../../shared/errors';
import type { ActionExecutor } from './executor';

const ENTRY = 'certificate.entry';
const INFO = 'certificate.json';

const infoSchema = z.object({ thumbprint: z.string(), store: z.string() });

export const certificateAction: ActionExecutor<'delete-certificate'> = {
  undoable: true,

  async check({ host }, target) {
    return (await host.certificates.exportEntry(target.store, target.thumbprint))
      ? 'present'
      : 'gone';
  },

  async backup({ host }, target, writer) {
    const entry = await host.certificates.exportEntry(target.store, target.thumbprint);
    if (!entry) {
      throw new AppError(
        'backup-failed',
        `Certificate ${target.thumbprint} disappeared before it was backed up.`,
        {
          thumbprint: target.thumbprint,
        },
      );
    }
    writer.writeBlob(ENTRY, entry);
    writer.writeDocument(INFO, {
      thumbprint: target.thumbprint,
      store: `${target.store.location}\\${target.store.name}`,
    });
  },

  async apply({ host }, target) {
    await host.certificates.remove(target.store, target.thumbprint);
  },

  async verifyApplied({ host }, target) {
    return (await host.certificates.exportEntry(target.store, target.thumbprint)) === undefined;
  },

  async restore({ host }, target, reader) {
    const info = infoSchema.safeParse(reader.readDocument(INFO));
    if (!info.success || info.data.thumbprint !== target.thumbprint) {
      throw new AppError(
        'corrupt-data',
        `The backup of certificate ${target.thumbprint} is damaged.`,
      );
    }
    const entry = reader.readBlob(ENTRY);
    // Only the certificate this action removed goes back: an entry holding any other one (a
    // root of someone else's choosing) is refused before the store is touched.
    let held: string | undefined;
    try {
      held = createHash('sha1')
        .update(parseCertificateEntry(entry).der)
        .digest('hex')
        .toUpperCase();
    } catch {
      held = undefined;
    }
    if (held !== target.thumbprint) {
      throw new AppError(
        'corrupt-data',
        `The backup of certificate ${target.thumbprint} holds another certificate; it is not restored.`,
      );
    }
    const current = await host.certificates.exportEntry(target.store, target.thumbprint);
    if (current && Buffer.from(current).equals(entry)) return;
    // Replace rather than merge, so the key link and friendly name are exactly as backed up.
    if (current) await host.certificates.remove(target.store, target.thumbprint);
    await host.certificates.importEntry(target.store, entry);
  },

  async verifyRestored({ host }, target) {
    return (await host.certificates.exportEntry(target.store, target.thumbprint)) !== undefined;
  },
};
