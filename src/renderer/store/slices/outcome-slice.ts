import { callOperation } from '../../client/client-types';
import type { WizardActions } from '../wizard-state';
import type { SliceContext } from './slice';

type OutcomeActions = Pick<
  WizardActions,
  'runAdminCheck' | 'setFixed' | 'setOtherAccounts' | 'buildReport'
>;

/** The administrators' checks, the user's answers on "Did it work?", and the report. */
export function outcomeSlice({ set, get, client }: SliceContext): OutcomeActions {
  return {
    async runAdminCheck(domain, targets) {
      set({ admin: { ...get().admin, busy: true, error: undefined } });
      const trimmed = domain.trim();
      const result = await callOperation(client, 'admin.check', {
        ...(trimmed ? { domain: trimmed } : {}),
        targets,
      });
      set({
        admin: result.ok
          ? { busy: false, findings: result.value.findings }
          : { ...get().admin, busy: false, error: result.error },
      });
    },

    setFixed(fixed) {
      set({ outcome: { ...get().outcome, fixed } });
    },

    setOtherAccounts(answer) {
      set({ outcome: { ...get().outcome, otherAccounts: answer } });
    },

    async buildReport(format) {
      set({ report: { busy: true } });
      const { fixed, otherAccounts } = get().outcome;
      const address = get().address;
      const result = await callOperation(client, 'report.build', {
        format,
        context: {
          ...(address ? { address } : {}),
          ...(fixed !== undefined ? { fixed } : {}),
          ...(otherAccounts ? { otherAccounts } : {}),
        },
      });
      set({
        report: result.ok
          ? { busy: false, file: result.value }
          : { busy: false, error: result.error },
      });
    },
  };
}
