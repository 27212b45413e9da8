import { useWizard } from '../../store/wizard-context';
import { RunOutcome } from '../RunOutcome';
import { StartClientOffer } from '../StartClientOffer';
import type { CardPhaseProps } from './card-context';

/** After an undo: what was put back, the rest of a partial undo, or preview the change again. */
export function UndonePhase({ cardKey, steps, flow, blockedProps }: CardPhaseProps) {
  const undoRepair = useWizard((state) => state.undoRepair);
  const previewRepair = useWizard((state) => state.previewRepair);
  if (!flow.undoRun) return null;
  return (
    <>
      <RunOutcome run={flow.undoRun} plan={flow.plan} />
      <div className="actions">
        {flow.undoRun.undoable && (
          <button type="button" onClick={() => void undoRepair(cardKey)} {...blockedProps}>
            Undo the rest of this change
          </button>
        )}
        <button type="button" onClick={() => void previewRepair(cardKey, steps)} {...blockedProps}>
          Show what will change
        </button>
      </div>
      <StartClientOffer cardKey={cardKey} />
    </>
  );
}
