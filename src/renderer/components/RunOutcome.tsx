import { repairStepTitle } from '../shared-lookup';
import type { Run } from '../client/client-types';
import { useWizard } from '../store/wizard-context';

const OUTCOME_WORDS: Record<Run['actions'][number]['outcome'], string> = {
  applied: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  undone: 'Put back',
  'rolled-back': 'Put back after a problem',
};

const RUN_WORDS: Record<Run['status'], string> = {
  applied: 'Done. Every change was made and checked.',
  partial: 'Partly done. Some changes could not be made; what was made is listed below.',
  failed: 'The change could not be made. Nothing was left half-done.',
  undone: 'Undone. Everything this change removed has been put back.',
  'partly-undone': 'Partly undone. The parts listed below have been put back.',
  'rolled-back': 'The change hit a problem and was put back the way it was.',
};

export function runHeadline(run: Run): string {
  if (
    run.status === 'applied' &&
    run.actions.some((action) => !action.verified && action.outcome === 'applied')
  ) {
    return 'Done, but some changes could not be checked afterwards.';
  }
  return RUN_WORDS[run.status];
}

/** The result of a change or an undo, per action, with whether it was verified. */
export function RunOutcome({ run }: { run: Run }) {
  const helpdesk = useWizard((state) => state.helpdesk);
  return (
    <div className="run-outcome">
      <p
        className={`notice ${run.status === 'applied' || run.status === 'undone' ? 'notice-ok' : 'notice-warning'}`}
      >
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
