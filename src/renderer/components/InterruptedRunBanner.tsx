import type { RunSummary } from '../client/client-types';
import { foreignLockOf } from '../client/foreign-lock';
import { useWizard } from '../store/wizard-context';
import { recoveryLockKey } from '../store/slices/data-lock-slice';
import { ErrorNotice } from './ErrorNotice';
import { ForeignLockNotice } from './ForeignLockNotice';

const NEEDS_RECOVERY: ReadonlyArray<string> = ['interrupted', 'recovery-failed'];

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

function AttentionLine({ run }: { run: RunSummary }) {
  const recovery = useWizard((state) => state.recovery);
  const recoverRun = useWizard((state) => state.recoverRun);
  const breakLockAndRecover = useWizard((state) => state.breakLockAndRecover);
  const lockBreakBusy = useWizard((state) => state.lockBreak.busy);
  const attention = run.attention;
  if (!attention) return null;
  const mine = recovery.runId === run.id;
  // Another computer's copy holds the data folder: say which, and offer to break it here too.
  const lock = mine ? foreignLockOf(recovery.error) : undefined;
  return (
    <li>
      <p>
        The change from {when(run.startedAt)} {attention.message}
      </p>
      {attention.stillChanged && attention.stillChanged.length > 0 && (
        <ul>
          {attention.stillChanged.map((change) => (
            <li key={change}>Still changed: {change}</li>
          ))}
        </ul>
      )}
      {NEEDS_RECOVERY.includes(attention.kind) && (
        <button
          type="button"
          disabled={recovery.busy || lockBreakBusy}
          onClick={() => void recoverRun(run.id)}
        >
          {mine && recovery.busy ? 'Putting it back…' : 'Put it back'}
          <span className="visually-hidden"> (the change from {when(run.startedAt)})</span>
        </button>
      )}
      {mine &&
        recovery.error &&
        (lock ? (
          <ForeignLockNotice
            lock={lock}
            error={recovery.error}
            lockKey={recoveryLockKey(run.id)}
            onBreak={() => void breakLockAndRecover(run.id)}
          />
        ) : (
          <ErrorNotice error={recovery.error} />
        ))}
    </li>
  );
}

/**
 * Changes that need the user: interrupted ones (put back only when "Put it back" is clicked,
 * never on start-up), recoveries that failed (with what is still changed), and runs the app
 * refuses to act on (damaged or not its own). Nothing shows when all changes ended normally.
 */
export function InterruptedRunBanner() {
  const runs = useWizard((state) => state.history.runs);
  const needing = (runs ?? []).filter((run) => run.attention !== undefined);
  if (needing.length === 0) return null;
  return (
    <section className="notice notice-warning" aria-labelledby="interrupted-title">
      <h2 id="interrupted-title">
        {needing.length === 1 ? 'A change needs your attention' : 'Changes need your attention'}
      </h2>
      <ul>
        {needing.map((run) => (
          <AttentionLine key={run.id} run={run} />
        ))}
      </ul>
    </section>
  );
}
