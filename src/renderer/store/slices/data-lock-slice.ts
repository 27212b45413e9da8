import { callOperation, type ClientError } from '../../client/client-types';
import { foreignLockOf, type ForeignLock } from '../../client/foreign-lock';
import type { WizardActions } from '../wizard-state';
import type { SliceContext } from './slice';

type DataLockActions = Pick<
  WizardActions,
  'breakLockAndContinue' | 'breakLockAndRecover' | 'breakLockAndPurge'
>;

/** Where a lock notice stands, so only that one says "Breaking the lock…". */
export const recoveryLockKey = (runId: string): string => `recover:${runId}`;
export const BACKUPS_LOCK_KEY = 'backups';

/**
 * The data folder's lock held by a copy of the app on another computer: broken only on the
 * user's word, then what it stopped goes ahead the usual way (a card's change with its client
 * check, putting back an interrupted change, deleting old backups).
 */
export function dataLockSlice({ set, get, client }: SliceContext): DataLockActions {
  /**
   * Breaks the very lock the notice described, never one that appeared since. `false` when it
   * was not broken; `refused` then says what holds the folder now, where the notice shows it.
   */
  const breakLock = async (
    lock: ForeignLock,
    key: string,
    refused: (error: ClientError) => void,
  ): Promise<boolean> => {
    set({ lockBreak: { busy: true, cardKey: key } });
    const result = await callOperation(client, 'lock.break', lock);
    set({ lockBreak: { busy: false } });
    if (!result.ok) refused(result.error);
    return result.ok;
  };

  return {
    async breakLockAndContinue(key) {
      const flow = get().repairs[key];
      const lock = foreignLockOf(flow?.error);
      if (!flow || !lock || get().lockBreak.busy) return;
      const broken = await breakLock(lock, key, (error) => {
        const current = get().repairs[key];
        if (current) set({ repairs: { ...get().repairs, [key]: { ...current, error } } });
      });
      const current = get().repairs[key];
      if (!broken || !current) return;
      const pending = current.pending;
      if (pending?.kind === 'undo') {
        await get().undoRepair(key, pending.stepId);
        return;
      }
      // The confirmed plan is still valid: nothing was changed while the lock was held.
      set({
        repairs: { ...get().repairs, [key]: { ...current, phase: 'review', error: undefined } },
      });
      await get().confirmRepair(key);
    },

    async breakLockAndRecover(runId) {
      const recovery = get().recovery;
      const lock = recovery.runId === runId ? foreignLockOf(recovery.error) : undefined;
      if (!lock || get().lockBreak.busy) return;
      const broken = await breakLock(lock, recoveryLockKey(runId), (error) =>
        set({ recovery: { ...get().recovery, error } }),
      );
      if (broken) await get().recoverRun(runId);
    },

    async breakLockAndPurge() {
      const backups = get().backups;
      const lock = foreignLockOf(backups.error);
      const days = backups.askedDays;
      if (!lock || days === undefined || get().lockBreak.busy) return;
      const broken = await breakLock(lock, BACKUPS_LOCK_KEY, (error) =>
        set({ backups: { ...get().backups, error } }),
      );
      if (broken) await get().purgeBackups(days);
    },
  };
}
