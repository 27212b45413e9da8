import { plainAction, planSafety } from '../../shared/wording';
import type { ActionTarget } from '../../shared/repairs';
import type { Plan } from '../client/client-types';
import { clientNameIn } from '../diagnosis-view';
import { useWizard } from '../store/wizard-context';
import { KbRef } from './KbRef';
import { TargetDetails } from './TargetDetails';

export function planActionCount(plan: Plan): number {
  return plan.steps.reduce((sum, step) => sum + step.actions.length, 0);
}

function undoableCount(plan: Plan): number {
  return plan.steps.flatMap((step) => step.actions).filter((action) => action.undoable).length;
}

/**
 * What will change, in plain words; the exact targets (paths, keys, thumbprints) and main's own
 * description are under Details, and shown in helpdesk mode.
 */
export function PlanReview({ plan }: { plan: Plan }) {
  const helpdesk = useWizard((state) => state.helpdesk);
  const client = useWizard((state) => clientNameIn(state.diagnosis));
  const now = new Date();
  return (
    <div className="plan">
      <p className="plan-heading">What will change</p>
      {plan.address && (
        <p>
          For the sign-in address <strong>{plan.address}</strong>. Other addresses are not touched.
        </p>
      )}
      {plan.warnings.map((warning) => (
        <p key={warning} className="notice notice-warning">
          {warning}
        </p>
      ))}
      {plan.steps.map((step) => (
        <section key={step.stepId} className="plan-step" aria-label={step.title}>
          <h4>{step.title}</h4>
          <KbRef kbStep={step.kbStep} />
          {step.note && <p className="plan-note">{step.note}</p>}
          {step.actions.length > 0 && (
            <ul className="plan-actions">
              {step.actions.map((action) => (
                <li key={action.id}>
                  <span>
                    {plainAction(step.stepId, action.target as ActionTarget, now, client)}
                  </span>
                  {!action.undoable && <span className="tag"> (cannot be undone)</span>}
                  {helpdesk ? (
                    <div className="technical">
                      <p className="action-description">{action.description}</p>
                      <TargetDetails target={action.target} />
                    </div>
                  ) : (
                    <details>
                      <summary>Details</summary>
                      <p className="action-description">{action.description}</p>
                      <TargetDetails target={action.target} />
                    </details>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <p>{planSafety(planActionCount(plan), undoableCount(plan))}</p>
    </div>
  );
}
