/**
 * Where the engine keeps its own data (never inside the user's profile):
 *
 *   <dataDir>/plans/<planId>.json                 plans the user has seen, with their internal targets
 *   <dataDir>/runs/<runId>/journal.jsonl          the append-only journal of a run and its undos
 *   <dataDir>/runs/<runId>/backup/<actionId>/...  what each action backed up before changing anything
 *
 * A folder backed up by moving it aside waits outside the data folder, on the folder's own
 * volume: %LOCALAPPDATA%\SfB Sign-in Repair\moved\<runId>\<actionId> (moved-backup.ts says why).
 *
 * Ids are checked against one pattern before they become part of a path. Everything read back
 * is checked against the integrity key (`integrity.ts`) before the engine may act on it: plans
 * and journal lines carry MACs, backup files are read only when their digests match the ones
 * the journal recorded (`backupReader`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { BackupWriter } from './backup-store';
import { dataFolderError, ensureDirectory, writeFileAtomic } from './durable-fs';
import { digestBackupFiles, sealPlan, type IntegrityKey } from './integrity';
import { JournalWriter, readJournal, type JournalReading } from './journal';
import { SealedBackupReader, type BackupDocumentCheck } from './sealed-backup-reader';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isSafeId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:TZ.]/g, '')
    .slice(0, 17);
}

export class EngineStore {
  private integrity: IntegrityKey | undefined;

  constructor(readonly dataDir: string) {}

  private provisional = false;

  /**
   * Set once the key is loaded (outside the data folder, see KeyProvider). A `provisional` key
   * stands in while none exists yet, for commands that only read: nothing checks under it, so
   * every run reads as damaged, and the first write loads (creates) the real key.
   */
  useKey(key: IntegrityKey, provisional = false): void {
    this.integrity = key;
    this.provisional = provisional;
  }

  get hasKey(): boolean {
    return this.integrity !== undefined;
  }

  get hasRealKey(): boolean {
    return this.integrity !== undefined && !this.provisional;
  }

  private key(): IntegrityKey {
    if (!this.integrity) throw new Error('The engine store is used before its integrity key.');
    return this.integrity;
  }

  newPlanId(now: Date): string {
    return `p${stamp(now)}-${randomBytes(3).toString('hex')}`;
  }

  newRunId(now: Date): string {
    return `r${stamp(now)}-${randomBytes(3).toString('hex')}`;
  }

  private plansDir(): string {
    return join(this.dataDir, 'plans');
  }

  private runsDir(): string {
    return join(this.dataDir, 'runs');
  }

  runDir(runId: string): string {
    if (!isSafeId(runId)) throw new AppError('invalid-request', `"${runId}" is not a run id.`);
    return join(this.runsDir(), runId);
  }

  /**
   * A record of the plan the user was shown, sealed. Plans are applied only from the memory of
   * the process that showed them (see planning.ts), never read back from here.
   */
  savePlan(planId: string, document: unknown): void {
    const path = join(this.plansDir(), `${planId}.json`);
    try {
      writeFileAtomic(path, sealPlan(this.key(), planId, JSON.stringify(document)));
    } catch (error) {
      throw dataFolderError('io', 'save the plan', path, error);
    }
  }

  runIds(): string[] {
    const dir = this.runsDir();
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && isSafeId(entry.name))
      .map((entry) => entry.name)
      .sort();
  }

  hasRun(runId: string): boolean {
    return isSafeId(runId) && existsSync(this.journalPath(runId));
  }

  journalPath(runId: string): string {
    return join(this.runDir(runId), 'journal.jsonl');
  }

  openJournal(runId: string, onAppend?: (entry: object) => Promise<void>): JournalWriter {
    try {
      ensureDirectory(this.runDir(runId));
    } catch (error) {
      throw dataFolderError('io', 'create the run folder', this.runDir(runId), error);
    }
    return JournalWriter.open(this.journalPath(runId), this.key(), runId, onAppend);
  }

  readJournal(runId: string): JournalReading {
    const path = this.journalPath(runId);
    try {
      return readJournal(path, this.key(), runId);
    } catch (error) {
      throw dataFolderError('corrupt-data', 'read the journal', path, error);
    }
  }

  backupDir(runId: string): string {
    return join(this.runDir(runId), 'backup');
  }

  /** Bytes the run's backups take on disk (0 when there are none). */
  backupSize(runId: string): number {
    const dir = this.backupDir(runId);
    if (!existsSync(dir)) return 0;
    let total = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
    }
    return total;
  }

  removeBackups(runId: string): void {
    const dir = this.backupDir(runId);
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      throw dataFolderError('io', 'delete the backups', dir, error);
    }
  }

  backupWriter(runId: string, backupId: string): BackupWriter {
    return new BackupWriter(this.backupPath(runId, backupId), { runId, actionId: backupId });
  }

  /**
   * A writer for a backup that must leave the target in place (what an undo is about to
   * overwrite): without an owner a folder is copied into it, never moved aside.
   */
  copyBackupWriter(runId: string, backupId: string): BackupWriter {
    return new BackupWriter(this.backupPath(runId, backupId));
  }

  /** SHA-256 of each file an action's backup holds: recorded in the journal (sealed). */
  digestBackup(runId: string, backupId: string): Record<string, string> {
    return digestBackupFiles(this.backupPath(runId, backupId));
  }

  /** Reads only files whose digests are those `digests` (from the journal) recorded. */
  backupReader(
    runId: string,
    backupId: string,
    digests: Record<string, string> | undefined,
    checkDocument: BackupDocumentCheck,
  ): SealedBackupReader {
    return new SealedBackupReader(this.backupPath(runId, backupId), digests, checkDocument, {
      runId,
      actionId: backupId,
    });
  }

  private backupPath(runId: string, backupId: string): string {
    if (!isSafeId(backupId))
      throw new AppError('invalid-request', `"${backupId}" is not a backup id.`);
    return join(this.runDir(runId), 'backup', backupId);
  }
}
