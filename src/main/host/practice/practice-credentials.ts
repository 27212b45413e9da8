/**
 * The practice credential vault, with Credential Manager's rules: target names are compared
 * case-insensitively, a credential is identified by target and type, `list` filters like
 * CredEnumerateW (`Prefix*` matches by prefix, anything else the whole name), writing sets
 * LastWritten to the time of writing, and the limits of CREDENTIALW are enforced. Secrets are
 * sealed with the practice PC's key and only opened by `read`.
 */
import { sameWindowsName, startsWithWindowsName } from '../../../shared/windows-names';
import * as v from 'valibot';
import { AppError } from '../../../shared/errors';
import type {
  CredentialPersist,
  CredentialRecord,
  CredentialSummary,
  CredentialType,
  CredentialVaultPort,
} from '../ports';
import type { JsonDocument } from './json-document';
import { canonicalBase64, isoUtcTime, nonEmptyText } from './document-checks';
import type { SecretBox } from './secret-box';

export const CREDENTIAL_TYPES: CredentialType[] = [
  'generic',
  'domain-password',
  'domain-certificate',
];
export const CREDENTIAL_PERSISTS: CredentialPersist[] = ['session', 'local-machine', 'enterprise'];

/** CRED_MAX_GENERIC_TARGET_NAME_LENGTH, CRED_MAX_USERNAME_LENGTH, CRED_MAX_CREDENTIAL_BLOB_SIZE. */
const MAX_TARGET = 32_767;
const MAX_USER = 513;
const MAX_SECRET = 5 * 512;
const MAX_COMMENT = 256;

export interface StoredCredential {
  targetName: string;
  type: CredentialType;
  userName: string;
  persist: CredentialPersist;
  comment?: string;
  lastWritten: string;
  /** Sealed with the practice PC's key, base64. */
  secret: string;
}

export interface CredentialDocument {
  format: 1;
  credentials: StoredCredential[];
}

export const credentialDocumentSchema: v.GenericSchema<CredentialDocument> = v.object({
  format: v.literal(1),
  credentials: v.array(
    v.object({
      targetName: nonEmptyText,
      type: v.picklist(CREDENTIAL_TYPES),
      userName: v.string(),
      persist: v.picklist(CREDENTIAL_PERSISTS),
      comment: v.optional(v.string()),
      lastWritten: isoUtcTime,
      secret: canonicalBase64,
    }),
  ),
});

export function emptyVault(): CredentialDocument {
  return { format: 1, credentials: [] };
}

const sameTarget = sameWindowsName;

/** CredEnumerateW: `Prefix*` is a prefix match; no filter (or `*`) lists everything. */
export function targetMatcher(filter: string | undefined): (target: string) => boolean {
  if (filter === undefined || filter === '' || filter === '*') return () => true;
  if (filter.endsWith('*')) {
    const prefix = filter.slice(0, -1);
    return (target) => startsWithWindowsName(target, prefix);
  }
  return (target) => sameWindowsName(target, filter);
}

function summaryOf(stored: StoredCredential): CredentialSummary {
  return {
    targetName: stored.targetName,
    type: stored.type,
    userName: stored.userName,
    persist: stored.persist,
    ...(stored.comment === undefined ? {} : { comment: stored.comment }),
    lastWritten: stored.lastWritten,
  };
}

function checkRecord(record: CredentialRecord): void {
  const problem = (reason: string) =>
    new AppError('invalid-request', `Cannot store credential ${record.targetName}: ${reason}`, {
      target: record.targetName,
    });
  if (typeof record.targetName !== 'string' || record.targetName.length === 0) {
    throw problem('the target name is empty');
  }
  if (record.targetName.length > MAX_TARGET) throw problem('the target name is too long');
  if (record.targetName.includes('\u0000')) throw problem('the target name contains NUL');
  if (!CREDENTIAL_TYPES.includes(record.type)) throw problem(`unknown type ${String(record.type)}`);
  if (!CREDENTIAL_PERSISTS.includes(record.persist)) {
    throw problem(`unknown persistence ${String(record.persist)}`);
  }
  if (typeof record.userName !== 'string' || record.userName.length > MAX_USER) {
    throw problem('the user name is missing or too long');
  }
  if (record.comment !== undefined && record.comment.length > MAX_COMMENT) {
    throw problem('the comment is too long');
  }
  if (!(record.secret instanceof Uint8Array)) throw problem('the secret is not bytes');
  if (record.secret.length > MAX_SECRET) throw problem(`the secret is over ${MAX_SECRET} bytes`);
}

export function sealCredential(
  box: SecretBox,
  record: CredentialRecord,
  lastWritten: string,
): StoredCredential {
  return {
    targetName: record.targetName,
    type: record.type,
    userName: record.userName,
    persist: record.persist,
    ...(record.comment === undefined ? {} : { comment: record.comment }),
    lastWritten,
    secret: Buffer.from(box.seal(record.secret, 'vault-secret')).toString('base64'),
  };
}

export function practiceCredentials(
  document: JsonDocument<CredentialDocument>,
  box: () => Promise<SecretBox>,
  now: () => Date = () => new Date(),
): CredentialVaultPort {
  const findIn = (vault: CredentialDocument, targetName: string, type: CredentialType) =>
    vault.credentials.findIndex(
      (stored) => stored.type === type && sameTarget(stored.targetName, targetName),
    );

  return {
    async list(filter) {
      const matches = targetMatcher(filter);
      const vault = await document.read();
      return vault.credentials.filter((stored) => matches(stored.targetName)).map(summaryOf);
    },
    async read(targetName, type) {
      const vault = await document.read();
      const stored = vault.credentials[findIn(vault, targetName, type)];
      if (!stored) return undefined;
      const secret = (await box()).open(Buffer.from(stored.secret, 'base64'), 'vault-secret');
      return { ...summaryOf(stored), secret };
    },
    async write(record) {
      checkRecord(record);
      const sealed = sealCredential(await box(), record, now().toISOString());
      await document.update((vault) => {
        const index = findIn(vault, record.targetName, record.type);
        if (index === -1) vault.credentials.push(sealed);
        else vault.credentials[index] = sealed;
      });
    },
    async remove(targetName, type) {
      if (findIn(await document.read(), targetName, type) === -1) return false;
      return document.update((vault) => {
        const index = findIn(vault, targetName, type);
        if (index === -1) return false;
        vault.credentials.splice(index, 1);
        return true;
      });
    },
  };
}
