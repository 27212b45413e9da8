/**
 * Authenticated encryption for the practice PC's secrets (vault secrets and blobs protected
 * through SecretProtectorPort): AES-256-GCM with the key kept in the practice folder, so no
 * planted or backed-up secret sits on disk in clear text, and any change to a sealed blob is
 * detected rather than decrypted into garbage.
 *
 * Layout: `version (1 byte) | iv (12) | tag (16) | ciphertext`. The purpose string is bound as
 * associated data, so a vault secret cannot be passed off as a protected backup or the reverse.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export type SecretPurpose = 'vault-secret' | 'protected-blob';

export interface SecretBox {
  seal(plain: Uint8Array, purpose: SecretPurpose): Uint8Array;
  open(sealed: Uint8Array, purpose: SecretPurpose): Uint8Array;
}

export function createKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

export async function loadSecretBox(keyPath: string): Promise<SecretBox> {
  let key: Buffer;
  try {
    key = await readFile(keyPath);
  } catch {
    throw new AppError('corrupt-data', `The practice PC key file ${keyPath} is missing`, {
      path: keyPath,
    });
  }
  if (key.length !== KEY_BYTES) {
    throw new AppError(
      'corrupt-data',
      `The practice PC key file ${keyPath} holds ${key.length} bytes, not ${KEY_BYTES}`,
      { path: keyPath },
    );
  }
  return secretBox(key);
}

export function secretBox(key: Uint8Array): SecretBox {
  return {
    seal(plain, purpose) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return new Uint8Array(Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]));
    },
    open(sealed, purpose) {
      const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) {
        throw new AppError('corrupt-data', 'The protected data is not in a form this PC wrote');
      }
      const iv = bytes.subarray(1, 1 + IV_BYTES);
      const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(tag);
      try {
        const body = bytes.subarray(1 + IV_BYTES + TAG_BYTES);
        return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
      } catch {
        throw new AppError(
          'corrupt-data',
          'The protected data was changed or was protected with another key',
        );
      }
    },
  };
}
