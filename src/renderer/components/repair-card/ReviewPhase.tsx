import { useWizard } from '../../store/wizard-context';
import { PlanReview, planActionCount } from '../PlanReview';
import type { CardPhaseProps } from './card-context';

/** The preview: exactly what will change, then make it (primary) or cancel. */
export function ReviewPhase({ cardKey, flow, blockedProps }: CardPhaseProps) {
  const confirmRepair = useWizard((state) => state.confirmRepair);
  const cancelRepair = useWizard((state) => state.cancelRepair);
  if (!flow.plan) return null;
  const hasChanges = planActionCount(flow.plan) > 0;
  return (
    <>
      <PlanReview plan={flow.plan} />
      <div className="actions sticky-actions">
        {hasChanges && (
          <button
            type="button"
            className="primary"
            onClick={() => void confirmRepair(cardKey)}
            {...blockedProps}
          >
            Make this change
          </button>
        )}
        <button type="button" onClick={() => cancelRepair(cardKey)}>
          {hasChanges ? 'Cancel' : 'Close'}
        </button>
      </div>
    </>
  );
}
