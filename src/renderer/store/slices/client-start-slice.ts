import { callOperation } from '../../client/client-types';
import { primaryClient } from '../../diagnosis-view';
import type { WizardActions } from '../wizard-state';
import type { SliceContext } from './slice';

type ClientStartActions = Pick<WizardActions, 'startClient' | 'noteClientAfterChange'>;

/** After a change: whether the user has a client to sign in with, and starting it again. */
export function clientStartSlice({ set, get, client }: SliceContext): ClientStartActions {
  return {
    async noteClientAfterChange(key) {
      const { closedByApp } = get().clientStart;
      if (!primaryClient(get().diagnosis)) return;
      const status = await callOperation(client, 'client.status', {});
      set({
        clientStart: {
          cardKey: key,
          closedByApp,
          busy: false,
          ...(status.ok ? { runningAfterChange: status.value.running.length > 0 } : {}),
        },
      });
    },

    async startClient() {
      const current = get().clientStart;
      if (current.busy) return;
      set({ clientStart: { ...current, busy: true, answer: undefined, error: undefined } });
      // Main starts the diagnosis's primary client: the wizard does not choose one.
      const result = await callOperation(client, 'client.start', {});
      const after = get().clientStart;
      set({
        clientStart: result.ok
          ? {
              ...after,
              busy: false,
              answer: result.value,
              runningAfterChange:
                result.value.started || result.value.refusal === 'already-running',
            }
          : { ...after, busy: false, error: result.error },
      });
    },
  };
}
