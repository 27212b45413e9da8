import { isRepairStep } from '../../../shared/wording';
import { callOperation, type ClientError } from '../../client/client-types';
import type { PendingChange, RepairFlow, WizardActions } from '../wizard-state';
import type { SliceContext } from './slice';

type RepairActions = Pick<
  WizardActions,
  | 'previewRepair'
  | 'confirmRepair'
  | 'cancelRepair'
  | 'closeClient'
  | 'recheckClient'
  | 'undoRepair'
  | 'putBackNewer'
  | 'undoEarlierRun'
>;

/** The repair-flow key under which an earlier change's undo runs. */
export const historyKey = (runId: string): string => `history:${runId}`;

/**
 * Each repair card's journey: preview, confirm, close the client when needed, apply or undo,
 * then scan again so every card shows what is true on the PC now.
 */
export function repairSlice({ set, get, client }: SliceContext): RepairActions {
  const flow = (key: string): RepairFlow | undefined => get().repairs[key];
  const updateFlow = (key: string, patch: Partial<RepairFlow>): void => {
    const current = get().repairs[key];
    if (!current) return;
    set({ repairs: { ...get().repairs, [key]: { ...current, ...patch } } });
  };
  const fail = (key: string, error: ClientError): void =>
    updateFlow(key, { phase: 'failed', error });

  /** A change (or an attempt) may have changed the PC: read it again, and the history. */
  const afterChange = async (key: string): Promise<void> => {
    await Promise.all([get().scan(), get().loadHistory()]);
    await get().noteClientAfterChange(key);
  };

  /** Runs what the user confirmed, once nothing stands in its way. */
  const perform = async (key: string, pending: PendingChange): Promise<void> => {
    const current = flow(key);
    if (!current) return;
    updateFlow(key, {
      phase: pending.kind === 'apply' ? 'applying' : 'undoing',
      pending,
      error: undefined,
      recheckedStillRunning: undefined,
    });
    set({ progress: undefined });
    const result =
      pending.kind === 'apply'
        ? await callOperation(client, 'repair.apply', { planId: current.plan?.id ?? '' })
        : await callOperation(client, 'runs.undo', {
            runId: current.run?.id ?? current.earlierRunId ?? '',
            ...(pending.stepId ? { stepId: pending.stepId } : {}),
          });
    set({ progress: undefined });
    if (!result.ok) {
      // The client may have been started again between the check and the change.
      if (result.error.code === 'client-running') return checkClientThen(key, pending, false);
      fail(key, result.error);
      await Promise.all([get().scan(), get().loadHistory()]);
      return;
    }
    if (pending.kind === 'apply') {
      updateFlow(key, {
        phase: 'result',
        run: result.value,
        undoRun: undefined,
        pending: undefined,
        newerPutBack: undefined,
      });
    } else if (pending.putBackNewer) {
      // The undo was undone: the change is in effect again, so the card offers its undo again.
      updateFlow(key, {
        phase: 'result',
        run: result.value,
        undoRun: undefined,
        pending: undefined,
        newerPutBack: true,
      });
    } else {
      updateFlow(key, {
        phase: 'undone',
        undoRun: result.value,
        pending: undefined,
        newerPutBack: undefined,
      });
    }
    await afterChange(key);
  };

  /** `recheck`: the user said they closed it, so a client still running is said to be so. */
  const checkClientThen = async (
    key: string,
    pending: PendingChange,
    recheck: boolean,
  ): Promise<void> => {
    updateFlow(key, { phase: 'checking-client', pending, error: undefined });
    const status = await callOperation(client, 'client.status', {});
    if (!status.ok) return fail(key, status.error);
    if (status.value.running.length > 0) {
      updateFlow(key, {
        phase: 'client-running',
        running: [...new Set(status.value.running.map((process) => process.name))],
        recheckedStillRunning: recheck,
      });
      return;
    }
    await perform(key, pending);
  };

  const needsClosedClient = (key: string): boolean => {
    const plan = flow(key)?.plan;
    return plan ? plan.requiresClientClosed : true;
  };

  return {
    async previewRepair(key, steps) {
      set({ repairs: { ...get().repairs, [key]: { steps, phase: 'planning' } } });
      const address = get().address;
      const result = await callOperation(client, 'repair.plan', {
        steps,
        ...(address ? { address } : {}),
      });
      if (!result.ok) return fail(key, result.error);
      updateFlow(key, { phase: 'review', plan: result.value, error: undefined });
    },

    async confirmRepair(key) {
      if (flow(key)?.phase !== 'review') return;
      if (needsClosedClient(key)) await checkClientThen(key, { kind: 'apply' }, false);
      else await perform(key, { kind: 'apply' });
    },

    cancelRepair(key) {
      const current = flow(key);
      // A change that was made stays on its card so it can still be undone; after an undo (a
      // partial one, or one that kept newer data) the card goes back to what that undo left.
      if (current?.run && current.phase !== 'undone') {
        updateFlow(key, {
          phase: current.undoRun ? 'undone' : 'result',
          pending: undefined,
          error: undefined,
        });
        return;
      }
      const repairs = { ...get().repairs };
      delete repairs[key];
      set({ repairs });
    },

    async closeClient(key, force) {
      const pending = flow(key)?.pending;
      if (!pending) return;
      updateFlow(key, { phase: 'closing' });
      const result = await callOperation(client, 'client.close', { force });
      if (!result.ok) return fail(key, result.error);
      if (!result.value.closed) {
        updateFlow(key, {
          phase: 'client-running',
          running: result.value.stillRunning,
          closeRefused: force ? 'forced' : 'polite',
        });
        return;
      }
      updateFlow(key, { running: undefined, closeRefused: undefined });
      set({ clientStart: { ...get().clientStart, closedByApp: true } });
      await perform(key, pending);
    },

    async recheckClient(key) {
      const pending = flow(key)?.pending;
      if (pending) await checkClientThen(key, pending, true);
    },

    async undoRepair(key, stepId) {
      const current = flow(key);
      if (!current?.run && !current?.earlierRunId) return;
      const pending: PendingChange = { kind: 'undo', ...(stepId ? { stepId } : {}) };
      if (needsClosedClient(key)) await checkClientThen(key, pending, false);
      else await perform(key, pending);
    },

    async putBackNewer(key) {
      const current = flow(key);
      if (current?.phase !== 'undone' || current.undoRun?.undoUndoable !== true) return;
      const pending: PendingChange = { kind: 'undo', putBackNewer: true };
      if (needsClosedClient(key)) await checkClientThen(key, pending, false);
      else await perform(key, pending);
    },

    async undoEarlierRun(runId) {
      const key = historyKey(runId);
      const summary = get().history.runs?.find((run) => run.id === runId);
      if (!summary) return;
      set({
        repairs: {
          ...get().repairs,
          [key]: {
            steps: summary.steps.filter(isRepairStep),
            phase: 'checking-client',
            earlierRunId: runId,
          },
        },
      });
      // The engine undoes the undo of a run whose undo kept newer data: said so afterwards.
      const putBackNewer = summary.undoUndoable === true && !summary.undoable;
      // Without its plan the app cannot tell whether the client must be closed: check to be safe.
      await checkClientThen(
        key,
        { kind: 'undo', ...(putBackNewer ? { putBackNewer } : {}) },
        false,
      );
    },
  };
}
