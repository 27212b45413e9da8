import type { RepairStepId } from '../../../shared/repairs';
import { useWizard } from '../../store/wizard-context';
import type { CardNeed, CardPhaseProps } from './card-context';

interface Props extends Pick<CardPhaseProps, 'cardKey' | 'blockedProps'> {
  steps: RepairStepId[];
  need: CardNeed;
  /** What deleting anyway would cost, said before the button on a healthy card. */
  caution?: string;
}

/**
 * Before anything is planned. With a problem, "Show what will change" is the filled button:
 * it is the way forward. Without one, the person is told nothing is wrong, and going ahead
 * anyway sits behind a caution they open on purpose.
 */
export function StartPhase({ cardKey, steps, need, caution, blockedProps }: Props) {
  const previewRepair = useWizard((state) => state.previewRepair);
  const preview = () => void previewRepair(cardKey, steps);
  if (need === 'nothing-to-change') {
    return (
      <p className="notice notice-ok">
        Nothing is wrong here, and there is nothing this step could change.
      </p>
    );
  }
  if (need !== 'none') {
    return (
      <div className="actions">
        <button
          type="button"
          className={need === 'fix' ? 'primary' : undefined}
          onClick={preview}
          {...blockedProps}
        >
          Show what will change
        </button>
      </div>
    );
  }
  return (
    <>
      <p className="notice notice-ok">Nothing is wrong here: there is no need to change this.</p>
      <details className="caution">
        <summary>Change it anyway…</summary>
        <p className="notice notice-warning">
          {caution ??
            'The scan found nothing wrong here. Change it only when a helpdesk agent asks you to.'}
        </p>
        <div className="actions">
          <button type="button" onClick={preview} {...blockedProps}>
            Show what would change
          </button>
        </div>
      </details>
    </>
  );
}
