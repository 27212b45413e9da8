import { callOperation } from '../../client/client-types';
import type { WizardActions } from '../wizard-state';
import type { SliceContext } from './slice';

type HistoryActions = Pick<
  WizardActions,
  'loadHistory' | 'loadBackups' | 'purgeBackups' | 'recoverRun'
>;

/** Earlier changes on this PC and the backups that keep them undoable. */
export function historySlice({ set, get, client }: SliceContext): HistoryActions {
  return {
    async loadHistory() {
      const result = await callOperation(client, 'runs.list', {});
      set({ history: result.ok ? { runs: result.value.runs } : { error: result.error } });
    },

    async recoverRun(runId) {
      set({ recovery: { runId, busy: true } });
      const result = await callOperation(client, 'runs.recover', { runId });
      set({
        recovery: result.ok
          ? { runId, busy: false, run: result.value }
          : { runId, busy: false, error: result.error },
      });
      await get().loadHistory();
    },

    async loadBackups() {
      set({ backups: { ...get().backups, busy: true, error: undefined } });
      const result = await callOperation(client, 'backups.list', {});
      set({
        backups: result.ok
          ? { ...get().backups, busy: false, list: result.value.backups }
          : { ...get().backups, busy: false, error: result.error },
      });
    },

    async purgeBackups(olderThanDays) {
      if (get().backups.purging) return;
      set({
        backups: {
          ...get().backups,
          purging: true,
          error: undefined,
          lastPurge: undefined,
          askedDays: olderThanDays,
        },
      });
      const result = await callOperation(client, 'backups.purge', { olderThanDays });
      // Changes whose backups are gone must stop offering an undo everywhere they are shown,
      // and a failed purge may have deleted some before it stopped: read both lists again.
      await Promise.all([get().loadBackups(), get().loadHistory()]);
      set({
        backups: {
          ...get().backups,
          purging: false,
          ...(result.ok ? { lastPurge: result.value } : { error: result.error }),
        },
      });
    },
  };
}
