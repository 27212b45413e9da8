import { callOperation } from '../../client/client-types';
import { foreignLockOf } from '../../client/foreign-lock';
import type { WizardActions } from '../wizard-state';
import type { SliceContext } from './slice';

type DataLockActions = Pick<WizardActions, 'breakLockAndContinue'>;

/**
 * The data folder's lock held by a copy of the app on another computer: broken only on the
 * user's word, then the change it stopped goes ahead the usual way (client check included).
 */
export function dataLockSlice({ set, get, client }: SliceContext): DataLockActions {
  return {
    async breakLockAndContinue(key) {
      const flow = get().repairs[key];
      const lock = foreignLockOf(flow?.error);
      if (!flow || !lock || get().lockBreak.busy) return;
      set({ lockBreak: { busy: true, cardKey: key } });
      // Main breaks the very lock the card described, never one that appeared since.
      const result = await callOperation(client, 'lock.break', lock);
      set({ lockBreak: { busy: false } });
      const current = get().repairs[key];
      if (!current) return;
      if (!result.ok) {
        // The lock changed meanwhile (or could not be read): the card says what holds it now.
        set({ repairs: { ...get().repairs, [key]: { ...current, error: result.error } } });
        return;
      }
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
  };
}
