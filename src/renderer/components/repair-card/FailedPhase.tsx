import { foreignLockOf } from '../../client/foreign-lock';
import { useWizard } from '../../store/wizard-context';
import { ErrorNotice } from '../ErrorNotice';
import { ForeignLockNotice } from '../ForeignLockNotice';
import type { CardPhaseProps } from './card-context';

/** A change or an undo that main refused or that failed: why, then try again or cancel. */
export function FailedPhase({ cardKey, steps, flow, blockedProps }: CardPhaseProps) {
  const undoRepair = useWizard((state) => state.undoRepair);
  const previewRepair = useWizard((state) => state.previewRepair);
  const cancelRepair = useWizard((state) => state.cancelRepair);
  const breakLockAndContinue = useWizard((state) => state.breakLockAndContinue);
  if (!flow.error) return null;
  const failedUndo = flow.run !== undefined && flow.pending?.kind === 'undo';
  const lock = foreignLockOf(flow.error);
  return (
    <>
      {lock ? (
        <ForeignLockNotice
          lock={lock}
          error={flow.error}
          lockKey={cardKey}
          onBreak={() => void breakLockAndContinue(cardKey)}
        />
      ) : (
        <ErrorNotice error={flow.error} />
      )}
      <div className="actions">
        {failedUndo ? (
          <button
            type="button"
            {...blockedProps}
            onClick={() =>
              void undoRepair(
                cardKey,
                flow.pending?.kind === 'undo' ? flow.pending.stepId : undefined,
              )
            }
          >
            Try the undo again
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void previewRepair(cardKey, steps)}
            {...blockedProps}
          >
            Show the changes again
          </button>
        )}
        <button type="button" onClick={() => cancelRepair(cardKey)}>
          Cancel
        </button>
      </div>
    </>
  );
}
