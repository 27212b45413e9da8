import { OUTCOME_WORDS, repairStepTitle, runHeadline, runSucceeded } from '../../shared/wording';
import type { Run } from '../client/client-types';
import { useWizard } from '../store/wizard-context';

/** The result of a change or an undo, per action, with whether it was verified. */
export function RunOutcome({ run }: { run: Run }) {
  const helpdesk = useWizard((state) => state.helpdesk);
  return (
    <div className="run-outcome">
      <p className={`notice ${runSucceeded(run.status) ? 'notice-ok' : 'notice-warning'}`}>
        {runHeadline(run)}
      </p>
      <ul className="run-actions">
        {run.actions.map((action) => (
          <li key={action.actionId}>
            <span className={`outcome outcome-${action.outcome}`}>
              {OUTCOME_WORDS[action.outcome]}
            </span>{' '}
            {action.description}
            {action.outcome === 'applied' && (action.verified ? ' — checked' : ' — not checked')}
            {action.error && <span className="action-error"> ({action.error.message})</span>}
            {helpdesk && <span className="technical"> [{repairStepTitle(action.stepId)}]</span>}
          </li>
        ))}
      </ul>
      {helpdesk && (
        <p className="technical">
          Run <code>{run.id}</code>, status <code>{run.status}</code>
        </p>
      )}
    </div>
  );
}
