import { callOperation } from '../../client/client-types';
import type { WizardActions } from '../wizard-state';
import type { SliceContext } from './slice';

type SessionActions = Pick<
  WizardActions,
  'start' | 'goTo' | 'setHelpdesk' | 'restartAsUser' | 'openLink'
>;

/** Who and where the app runs, the screen shown, helpdesk mode, and restarting as the user. */
export function sessionSlice({ set, get, client }: SliceContext): SessionActions {
  return {
    async start() {
      const result = await callOperation(client, 'session.info', {});
      if (result.ok) set({ session: result.value, sessionError: undefined });
      else set({ sessionError: result.error });
      await get().loadHistory();
    },

    goTo(screen) {
      set({ screen });
    },

    setHelpdesk(on) {
      set({ helpdesk: on });
    },

    async openLink(link) {
      const result = await callOperation(client, 'app.openExternal', { link });
      set({ externalLink: { link, opened: result.ok && result.value.opened } });
    },

    async restartAsUser(origin) {
      if (get().restart.busy) return;
      set({ restart: { busy: true, origin } });
      const result = await callOperation(client, 'app.restartAsUser', {});
      set({
        restart: result.ok
          ? { busy: false, origin, answer: result.value }
          : { busy: false, origin, error: result.error },
      });
    },
  };
}
