import { useWizard } from '../../store/wizard-context';
import { NewerKeptNotice } from '../NewerKeptNotice';
import { RunOutcome } from '../RunOutcome';
import { StartClientOffer } from '../StartClientOffer';
import type { CardPhaseProps } from './card-context';

/**
 * After an undo: what was put back, what it kept that the client saved since (with the way to
 * put that back), the rest of a partial undo, or preview the change again.
 */
export function UndonePhase({ cardKey, steps, flow, blockedProps }: CardPhaseProps) {
  const undoRepair = useWizard((state) => state.undoRepair);
  const previewRepair = useWizard((state) => state.previewRepair);
  const putBackNewer = useWizard((state) => state.putBackNewer);
  if (!flow.undoRun) return null;
  return (
    <>
      <RunOutcome run={flow.undoRun} plan={flow.plan} />
      {flow.undoRun.undoUndoable === true && (
        <NewerKeptNotice
          kept={flow.undoRun.newerKept ?? []}
          blockedProps={blockedProps}
          onPutBack={() => void putBackNewer(cardKey)}
        />
      )}
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
