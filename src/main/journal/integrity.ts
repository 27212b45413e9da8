/**
 * Integrity of what the engine reads back from its data folder: plans, journal lines and the
 * digests of backup files carry an HMAC-SHA256 under a key kept outside the data folder (see
 * README.md, "Threat model"). A file whose MAC does not check is damaged: it is shown, never
 * acted on.
 *
 * Journal lines are chained: each line's MAC covers the run id, the previous line's MAC and the
 * line itself, so lines cannot be moved between runs, reordered or dropped from the middle.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const INTEGRITY_KEY_BYTES = 32;

/** Gives the engine its integrity key, creating it on first use. */
export interface KeyProvider {
  /** Where the key is kept, for messages and docs ("HKCU\Software\SfBSigninRepair"). */
  readonly where: string;
  load(): Promise<Uint8Array>;
  /** The key when it exists, never creating it: what commands that only read use. */
  find(): Promise<Uint8Array | undefined>;
}

/** What a MAC is for, so one kind of document can never be passed off as another. */
export type MacPurpose = 'journal-line' | 'plan';

export class IntegrityKey {
  constructor(private readonly key: Uint8Array) {
    if (key.byteLength !== INTEGRITY_KEY_BYTES) {
      throw new Error(`The integrity key must be ${INTEGRITY_KEY_BYTES} bytes.`);
    }
  }

  mac(purpose: MacPurpose, ...parts: string[]): string {
    const hmac = createHmac('sha256', this.key);
    hmac.update(purpose);
    for (const part of parts) {
      // Length-prefixed, so ("ab","c") and ("a","bc") never share a MAC.
      hmac.update(`\u0000${Buffer.byteLength(part, 'utf8')}\u0000`);
      hmac.update(part, 'utf8');
    }
    return hmac.digest('hex');
  }

  verify(mac: string, purpose: MacPurpose, ...parts: string[]): boolean {
    const expected = Buffer.from(this.mac(purpose, ...parts), 'hex');
    const given = Buffer.from(mac, 'hex');
    return given.byteLength === expected.byteLength && timingSafeEqual(given, expected);
  }
}

/** A journal line as stored: `<mac> <json>`. */
export function sealJournalLine(
  key: IntegrityKey,
  runId: string,
  previousMac: string,
  json: string,
): { line: string; mac: string } {
  const mac = key.mac('journal-line', runId, previousMac, json);
  return { line: `${mac} ${json}`, mac };
}

export type OpenedLine = { json: string; mac: string } | { damaged: string };

export function openJournalLine(
  key: IntegrityKey,
  runId: string,
  previousMac: string,
  line: string,
): OpenedLine {
  const space = line.indexOf(' ');
  if (space !== 64) return { damaged: 'it carries no integrity check' };
  const mac = line.slice(0, space);
  const json = line.slice(space + 1);
  if (!/^[0-9a-f]{64}$/.test(mac) || !key.verify(mac, 'journal-line', runId, previousMac, json)) {
    return { damaged: 'its integrity check fails (changed, moved or written by someone else)' };
  }
  return { json, mac };
}

/** A plan document as stored: the JSON and its MAC. */
export function sealPlan(key: IntegrityKey, planId: string, json: string): string {
  return JSON.stringify({ mac: key.mac('plan', planId, json), plan: json });
}

/** SHA-256 of each regular file directly in a backup folder (sub-folders are not files). */
export function digestBackupFiles(dir: string): Record<string, string> {
  const digests: Record<string, string> = {};
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return digests; // An action with nothing to keep (a DNS flush) has no folder.
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    digests[entry.name] = digestFile(join(dir, entry.name));
  }
  return digests;
}

export function digestFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
