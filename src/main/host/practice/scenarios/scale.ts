/**
 * Extra bulk for benchmarks and tests: unrelated certificates in CurrentUser\My, unrelated
 * credentials in the vault and files in the primary sip_ folder. None of it belongs to Lync,
 * so a correct repair leaves all of it alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import { CURRENT_USER_MY, daysFrom } from './common-parts';
import { CLONE_NUMBER_MARK, cloneCertificates, issueCertificate } from './certificate-factory';
import type { FolderFact } from './facts';
import type { PracticeBuilder } from './practice-builder';

export interface PracticeScale {
  certificates?: number;
  credentials?: number;
  cacheFiles?: number;
}

const LIMIT = 1_000_000;

export const SCALE_CERTIFICATE_ISSUER = 'CN=Practice Bulk Issuing CA, O=Practice Tools';
export const SCALE_CREDENTIAL_PREFIX = 'PracticeTool:item/';
/** Bulk cache files go in this subfolder of the primary sip_ folder. */
export const SCALE_CACHE_SUBFOLDER = 'Bulk';

function count(scale: PracticeScale, name: keyof PracticeScale): number {
  const value = scale[name] ?? 0;
  if (!Number.isInteger(value) || value < 0 || value > LIMIT) {
    throw new AppError(
      'invalid-request',
      `Scale ${name} must be a whole number from 0 to ${LIMIT}`,
      {
        [name]: String(value),
      },
    );
  }
  return value;
}

export function checkScale(scale: PracticeScale): Required<PracticeScale> {
  return {
    certificates: count(scale, 'certificates'),
    credentials: count(scale, 'credentials'),
    cacheFiles: count(scale, 'cacheFiles'),
  };
}

export async function addScale(
  pc: PracticeBuilder,
  now: Date,
  scale: Required<PracticeScale>,
  cacheFolder: FolderFact,
): Promise<void> {
  if (scale.certificates > 0) {
    const template = await issueCertificate({
      subject: `CN=Practice Bulk Certificate ${CLONE_NUMBER_MARK}, O=Practice Tools`,
      issuer: SCALE_CERTIFICATE_ISSUER,
      notBefore: daysFrom(now, -30),
      notAfter: daysFrom(now, 335),
    });
    for (const der of await cloneCertificates(template, scale.certificates)) {
      pc.addCertificate(CURRENT_USER_MY, der);
    }
  }
  for (let index = 1; index <= scale.credentials; index += 1) {
    pc.addCredential({
      targetName: `${SCALE_CREDENTIAL_PREFIX}${String(index).padStart(6, '0')}`,
      type: 'generic',
      userName: `bulk-user-${index}`,
      persist: 'local-machine',
      secret: new Uint8Array(Buffer.from(`bulk secret ${index}`, 'utf16le')),
    });
  }
  if (scale.cacheFiles > 0) {
    const folder = join(pc.path(cacheFolder), SCALE_CACHE_SUBFOLDER);
    mkdirSync(folder, { recursive: true });
    // Synchronous writes: for 100,000 small files this is several times faster than promises.
    for (let index = 1; index <= scale.cacheFiles; index += 1) {
      writeFileSync(
        join(folder, `item-${String(index).padStart(6, '0')}.cache`),
        `cache item ${index}\n`,
      );
    }
  }
}
