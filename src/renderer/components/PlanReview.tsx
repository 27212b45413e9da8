import type { Plan } from '../client/client-types';
import { useWizard } from '../store/wizard-context';
import { KbRef } from './KbRef';
import { TargetDetails } from './TargetDetails';

export function planActionCount(plan: Plan): number {
  return plan.steps.reduce((sum, step) => sum + step.actions.length, 0);
}

/** What will change, in plain words, with the exact targets one click away. */
export function PlanReview({ plan }: { plan: Plan }) {
  const helpdesk = useWizard((state) => state.helpdesk);
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
                  <span>{action.description}</span>
                  {!action.undoable && <span className="tag"> (cannot be undone)</span>}
                  <details open={helpdesk}>
                    <summary>Details</summary>
                    <TargetDetails target={action.target} />
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <p>
        {planActionCount(plan) === 0
          ? 'Nothing needs to change for this step.'
          : 'Everything is backed up first, so you can undo it afterwards.'}
      </p>
    </div>
  );
}
