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
 * Ids are checked against one pattern before they become part of a path.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HostError } from '../host/host-error';
import { BackupReader, BackupWriter } from './backup-store';
import { dataFolderError, ensureDirectory, writeFileAtomic } from './durable-fs';
import { JournalWriter, readJournal } from './journal';

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
  constructor(readonly dataDir: string) {}

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
    if (!isSafeId(runId)) throw new HostError('invalid-request', `"${runId}" is not a run id.`);
    return join(this.runsDir(), runId);
  }

  savePlan(planId: string, document: unknown): void {
    const path = join(this.plansDir(), `${planId}.json`);
    try {
      writeFileAtomic(path, JSON.stringify(document));
    } catch (error) {
      throw dataFolderError('io', 'save the plan', path, error);
    }
  }

  /** `undefined` when no plan has this id. */
  loadPlan(planId: string): unknown {
    if (!isSafeId(planId)) return undefined;
    const path = join(this.plansDir(), `${planId}.json`);
    if (!existsSync(path)) return undefined;
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (error) {
      throw dataFolderError('corrupt-data', 'read the plan', path, error);
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
    return JournalWriter.open(this.journalPath(runId), onAppend);
  }

  readJournal(runId: string): unknown[] {
    const path = this.journalPath(runId);
    try {
      return readJournal(path);
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

  backupWriter(runId: string, actionId: string): BackupWriter {
    return new BackupWriter(join(this.runDir(runId), 'backup', actionId), { runId, actionId });
  }

  backupReader(runId: string, actionId: string): BackupReader {
    return new BackupReader(join(this.runDir(runId), 'backup', actionId), { runId, actionId });
  }
}
