import { isRepairStep, newerPutBackWords, repairStepTitle } from '../../../shared/wording';
import { clientNameIn } from '../../diagnosis-view';
import { useWizard } from '../../store/wizard-context';
import { RunOutcome } from '../RunOutcome';
import { StartClientOffer } from '../StartClientOffer';
import type { CardPhaseProps } from './card-context';

/**
 * After a change: what happened, then an undo only when the engine says one would put
 * something back (never for a DNS flush, a failed change, or deleted backups), and the offer to
 * start the client again only when something changed.
 */
export function ResultPhase({ cardKey, flow, blockedProps }: CardPhaseProps) {
  const undoRepair = useWizard((state) => state.undoRepair);
  // The history is read again after every change and purge: its answer is the newest.
  const latest = useWizard((state) => state.history.runs?.find((run) => run.id === flow.run?.id));
  const client = useWizard((state) => clientNameIn(state.diagnosis));
  const run = flow.run;
  if (!run) return null;
  const undoable = latest?.undoable ?? run.undoable;
  const purged = (latest?.backupsPurgedAt ?? run.backupsPurgedAt) !== undefined;
  const changedSomething = run.actions.some((action) => action.outcome === 'applied');
  // One-step undos only for steps with something that can be put back.
  const undoableSteps = run.steps
    .filter(isRepairStep)
    .filter((stepId) =>
      flow.plan?.steps.some(
        (step) => step.stepId === stepId && step.actions.some((action) => action.undoable),
      ),
    );
  return (
    <>
      <RunOutcome run={run} plan={flow.plan} />
      {flow.newerPutBack && <p className="notice notice-ok">{newerPutBackWords(client)}</p>}
      {purged && <p>Its backups were deleted, so this change can no longer be undone.</p>}
      {undoable && !purged && (
        <div className="actions">
          <button type="button" onClick={() => void undoRepair(cardKey)} {...blockedProps}>
            Undo this change
          </button>
          {undoableSteps.length > 1 &&
            undoableSteps.map((stepId) => (
              <button
                key={stepId}
                type="button"
                onClick={() => void undoRepair(cardKey, stepId)}
                {...blockedProps}
              >
                Undo only: {repairStepTitle(stepId)}
              </button>
            ))}
        </div>
      )}
      {changedSomething && <StartClientOffer cardKey={cardKey} />}
    </>
  );
}
