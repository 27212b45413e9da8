import { callOperation } from '../../client/client-types';
import type { WizardActions } from '../wizard-state';
import type { SliceContext } from './slice';

type ScanActions = Pick<WizardActions, 'scan' | 'chooseAddress'>;

/** The scan, the findings before any change (the "before" of "Did it work?"), the address. */
export function scanSlice({ set, get, client }: SliceContext): ScanActions {
  return {
    async scan() {
      if (get().scanning) return;
      set({ scanning: true, scanError: undefined });
      const result = await callOperation(client, 'diagnosis.run', {});
      if (!result.ok) {
        set({ scanning: false, scanError: result.error });
        return;
      }
      const diagnosis = result.value;
      // Once an address is settled it stays until the user picks another: after a repair it
      // may have no traces left, and silently moving on to the next address found would
      // point the following repairs at someone else's sign-in.
      const address =
        get().address ??
        diagnosis.currentAddress ??
        (diagnosis.addresses.length === 1 ? diagnosis.addresses[0] : undefined);
      // Scans before the first change say how the PC was; later ones are compared with it.
      const changed = Object.values(get().repairs).some((flow) => flow.run ?? flow.undoRun);
      set({
        scanning: false,
        diagnosis,
        ...(changed ? {} : { before: diagnosis }),
        address,
        scanCount: get().scanCount + 1,
      });
    },

    chooseAddress(address) {
      // Plans are for one address: previews made for another one no longer apply.
      const repairs = Object.fromEntries(
        Object.entries(get().repairs).filter(([, entry]) => entry.phase !== 'review'),
      );
      set({ address, repairs });
    },
  };
}
