import type { ActionTarget } from '../../shared/repairs';
import {
  OUTCOME_WORDS,
  plainActionOutcome,
  repairStepTitle,
  runHeadline,
  runSucceeded,
} from '../../shared/wording';
import type { Plan, Run } from '../client/client-types';
import { clientNameIn } from '../diagnosis-view';
import { useWizard } from '../store/wizard-context';

/**
 * The result of a change or an undo, per action, with whether it was verified. With the plan it
 * came from, each action is said in plain words; main's technical description is kept for the
 * helpdesk view (and when the plan is not known, e.g. an earlier session's change).
 */
export function RunOutcome({ run, plan }: { run: Run; plan?: Plan | undefined }) {
  const helpdesk = useWizard((state) => state.helpdesk);
  const client = useWizard((state) => clientNameIn(state.diagnosis));
  const now = new Date();
  const plainWords = (result: Run['actions'][number]): string | undefined => {
    for (const step of plan?.steps ?? []) {
      const action = step.actions.find((entry) => entry.id === result.actionId);
      if (action) {
        const target = action.target as ActionTarget;
        return plainActionOutcome(result.outcome, step.stepId, target, now, client);
      }
    }
    return undefined;
  };
  return (
    <div className="run-outcome">
      <p className={`notice ${runSucceeded(run.status) ? 'notice-ok' : 'notice-warning'}`}>
        {runHeadline(run)}
      </p>
      <ul className="run-actions">
        {run.actions.map((action) => (
          <li key={action.actionId}>
            <span className={`outcome outcome-${action.outcome}`}>
              {OUTCOME_WORDS[action.outcome]}:
            </span>{' '}
            {plainWords(action) ?? action.description}
            {action.outcome === 'applied' && (action.verified ? ' — checked' : ' — not checked')}
            {action.error && <span className="action-error"> ({action.error.message})</span>}
            {helpdesk && (
              <span className="technical">
                {' '}
                [{repairStepTitle(action.stepId)}: {action.description}]
              </span>
            )}
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
