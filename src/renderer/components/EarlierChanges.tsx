import type { RunSummary } from '../client/client-types';
import type { RepairFlow } from '../store/wizard-state';
import { clientNameIn } from '../diagnosis-view';
import { isPerUserStep, wrongProfile } from '../profile-view';
import {
  formatMoment,
  newerPutBackWords,
  PUTTING_BACK_NEWER,
  repairStepTitle,
} from '../../shared/wording';
import { useWizard } from '../store/wizard-context';
import { historyKey } from '../store/wizard-store';
import { foreignLockOf } from '../client/foreign-lock';
import { ClientRunningPanel } from './ClientRunningPanel';
import { ErrorNotice } from './ErrorNotice';
import { ForeignLockNotice } from './ForeignLockNotice';
import { NewerKeptNotice } from './NewerKeptNotice';
import { ProgressLine } from './ProgressLine';
import { RunOutcome } from './RunOutcome';

const UNDOABLE: ReadonlyArray<RunSummary['status']> = ['applied', 'partial', 'partly-undone'];
const SHOWN = 10;

const STATUS_WORDS: Record<RunSummary['status'], string> = {
  applied: 'made',
  partial: 'partly made',
  failed: 'failed, nothing changed',
  undone: 'undone',
  'partly-undone': 'partly undone',
  'rolled-back': 'put back after a problem',
};

const when = (iso: string): string => formatMoment(iso);

/** Phases after which the list offers what the run allows again. */
const SETTLED: ReadonlyArray<RepairFlow['phase']> = ['undone', 'failed', 'result'];

function EarlierChange({ run }: { run: RunSummary }) {
  const key = historyKey(run.id);
  const flow = useWizard((state) => state.repairs[key]);
  const undoEarlierRun = useWizard((state) => state.undoEarlierRun);
  const closeClient = useWizard((state) => state.closeClient);
  const recheckClient = useWizard((state) => state.recheckClient);
  const cancelRepair = useWizard((state) => state.cancelRepair);
  const breakLockAndContinue = useWizard((state) => state.breakLockAndContinue);
  const diagnosis = useWizard((state) => state.diagnosis);
  const profile = wrongProfile(diagnosis);
  // Undoing would write into the profile of the account the app runs as: main refuses it too.
  const blocked = profile !== undefined && run.steps.some(isPerUserStep);
  const label = run.steps.map(repairStepTitle).join('; ');
  const busy = flow !== undefined && !SETTLED.includes(flow.phase);
  const putBack = flow?.pending?.kind === 'undo' && flow.pending.putBackNewer === true;
  const hintId = `undo-hint-${run.id}`;
  // Another computer's copy holds the data folder: say which and offer to break it.
  const lock = flow?.phase === 'failed' ? foreignLockOf(flow.error) : undefined;
  return (
    <li>
      <p>
        {when(run.startedAt)}: {label}
        {run.address && <> (for {run.address})</>} — {STATUS_WORDS[run.status]}
        {run.backupsPurgedAt !== undefined && UNDOABLE.includes(run.status) && (
          <>; its backups were deleted, so it can no longer be undone</>
        )}
      </p>
      {UNDOABLE.includes(run.status) &&
        run.attention === undefined &&
        run.backupsPurgedAt === undefined &&
        !busy &&
        flow?.phase !== 'undone' && (
          <button type="button" disabled={blocked} onClick={() => void undoEarlierRun(run.id)}>
            Undo this change
            <span className="visually-hidden"> from {when(run.startedAt)}</span>
          </button>
        )}
      {blocked &&
        (UNDOABLE.includes(run.status) || run.undoUndoable === true) &&
        run.backupsPurgedAt === undefined && (
          <p className="hint" id={hintId}>
            Undo is switched off while this app runs as {profile.runningAs}: it would act on{' '}
            {profile.runningAs}’s profile, not {profile.signedIn}’s. Restart the app normally to
            undo it.
          </p>
        )}
      {flow?.phase === 'checking-client' && (
        <p role="status">Checking whether {clientNameIn(diagnosis)} is running…</p>
      )}
      {(flow?.phase === 'client-running' || flow?.phase === 'closing') && (
        <ClientRunningPanel
          flow={flow}
          onClose={(force) => void closeClient(key, force)}
          onRecheck={() => void recheckClient(key)}
          onCancel={() => cancelRepair(key)}
        />
      )}
      {flow?.phase === 'undoing' && (
        <ProgressLine label={putBack ? PUTTING_BACK_NEWER : 'Putting things back…'} />
      )}
      {flow?.phase === 'undone' && flow.undoRun && <RunOutcome run={flow.undoRun} />}
      {flow?.phase === 'result' && flow.run && (
        <>
          <RunOutcome run={flow.run} />
          {flow.newerPutBack && (
            <p className="notice notice-ok">{newerPutBackWords(clientNameIn(diagnosis))}</p>
          )}
        </>
      )}
      {run.undoUndoable === true && run.attention === undefined && !busy && (
        <NewerKeptNotice
          kept={run.newerKept ?? []}
          blockedProps={blocked ? { disabled: true, 'aria-describedby': hintId } : {}}
          onPutBack={() => void undoEarlierRun(run.id)}
        />
      )}
      {flow?.phase === 'failed' &&
        flow.error &&
        (lock ? (
          <ForeignLockNotice
            lock={lock}
            error={flow.error}
            lockKey={key}
            onBreak={() => void breakLockAndContinue(key)}
          />
        ) : (
          <ErrorNotice error={flow.error} />
        ))}
    </li>
  );
}

/** Changes made with this app on this PC, earlier sessions included, each undoable exactly. */
export function EarlierChanges() {
  const history = useWizard((state) => state.history);
  if (history.error) return <ErrorNotice error={history.error} />;
  const runs = [...(history.runs ?? [])]
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, SHOWN);
  if (runs.length === 0) return null;
  return (
    <section aria-labelledby="earlier-changes">
      <h2 id="earlier-changes">Changes made with this app on this PC</h2>
      <ul className="earlier-changes">
        {runs.map((run) => (
          <EarlierChange key={run.id} run={run} />
        ))}
      </ul>
    </section>
  );
}
