/** The life of one kind of change: check, back up, apply, verify, restore. */
import type { BackupReader, BackupWriter } from '../../journal/backup-store';
import type { HostSystem } from '../../host/ports';
import type { EngineProgress } from '../types';
import type { InternalTargetKind, TargetOf } from './internal-target';

export interface ActionContext {
  host: HostSystem;
  progress(progress: EngineProgress): void;
}

/** `present`: as planned; `gone`: already in the end state; `changed`: differs from the plan. */
export type TargetState = 'present' | 'gone' | 'changed';

export interface ActionExecutor<K extends InternalTargetKind> {
  undoable: boolean;
  check(context: ActionContext, target: TargetOf<K>): Promise<TargetState>;
  /** Writes everything `restore` needs; throws `backup-failed` before anything changes. */
  backup(context: ActionContext, target: TargetOf<K>, writer: BackupWriter): Promise<void>;
  /**
   * `backup` is what `backup` wrote: a change may be made by moving into it (a folder). A
   * change that writes more into it (a folder packed because it could not be moved) calls
   * `sealBackup` before it deletes anything, so the run records what the backup holds first.
   */
  apply(
    context: ActionContext,
    target: TargetOf<K>,
    backup: BackupWriter,
    sealBackup?: () => Promise<void>,
  ): Promise<void>;
  /** Re-reads the machine: the change is in effect. */
  verifyApplied(context: ActionContext, target: TargetOf<K>): Promise<boolean>;
  /** Puts back what the backup holds; safe to repeat (recovery may run it twice). */
  restore(context: ActionContext, target: TargetOf<K>, reader: BackupReader): Promise<void>;
  verifyRestored(
    context: ActionContext,
    target: TargetOf<K>,
    reader: BackupReader,
  ): Promise<boolean>;
}
