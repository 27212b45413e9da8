import { useEffect, useRef, useState } from 'react';
import type { BackupInfo, ClientError } from '../client/client-types';
import { countOf, formatBytes, formatMoment } from '../../shared/wording';
import { foreignLockOf } from '../client/foreign-lock';
import { useWizard } from '../store/wizard-context';
import { BACKUPS_LOCK_KEY } from '../store/slices/data-lock-slice';
import { ErrorNotice } from './ErrorNotice';
import { ForeignLockNotice } from './ForeignLockNotice';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DAYS = 36_500;
const SHOWN = 10;

const when = (iso: string): string => formatMoment(iso);

function state(backup: BackupInfo): string {
  if (backup.purgedAt !== undefined) return 'backups deleted, can no longer be undone';
  return backup.undoable ? 'can be undone' : 'nothing left to undo';
}

/** Whole days from 0 up, as typed; `undefined` for anything else. */
function parseDays(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text.trim())) return undefined;
  const days = Number(text);
  return days <= MAX_DAYS ? days : undefined;
}

/**
 * Why listing or deleting backups failed. Another computer's copy holding the data folder gets
 * its own notice with "Break the lock" (offered only when a purge was stopped: listing needs no
 * lock), which then deletes what was asked.
 */
function BackupsError({ error, onBreak }: { error: ClientError; onBreak: () => Promise<void> }) {
  const askedDays = useWizard((s) => s.backups.askedDays);
  const lock = foreignLockOf(error);
  if (!lock || askedDays === undefined) return <ErrorNotice error={error} />;
  return (
    <ForeignLockNotice
      lock={lock}
      error={error}
      lockKey={BACKUPS_LOCK_KEY}
      onBreak={() => void onBreak()}
    />
  );
}

/**
 * The backups that keep earlier changes undoable: their size, and deleting those older than a
 * number of days. Only the app's own folder changes, but the changes they belong to can no
 * longer be undone, so the user confirms after reading exactly which and how many.
 */
export function BackupsPanel() {
  const backups = useWizard((s) => s.backups);
  const loadBackups = useWizard((s) => s.loadBackups);
  const purgeBackups = useWizard((s) => s.purgeBackups);
  const breakLockAndPurge = useWizard((s) => s.breakLockAndPurge);
  const lockBreakBusy = useWizard((s) => s.lockBreak.busy);
  const [daysText, setDaysText] = useState('30');
  // The age asked for and when: the list to confirm is worked out against that moment.
  const [confirming, setConfirming] = useState<{ days: number; at: number } | undefined>(undefined);
  const confirmRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void loadBackups();
  }, [loadBackups]);
  useEffect(() => {
    if (confirming !== undefined) confirmRef.current?.focus();
  }, [confirming]);

  const list = backups.list ?? [];
  const days = parseDays(daysText);
  const total = list.reduce((sum, backup) => sum + backup.sizeBytes, 0);
  const undoable = list.filter((backup) => backup.undoable).length;
  // What the engine will match: changes not purged yet whose start is older than the cut-off.
  const matching = ({ days: olderThan, at }: { days: number; at: number }) => {
    const cutoff = at - olderThan * DAY_MS;
    return list.filter(
      (backup) => backup.purgedAt === undefined && Date.parse(backup.startedAt) < cutoff,
    );
  };
  const chosen = confirming !== undefined ? matching(confirming) : [];
  const chosenBytes = chosen.reduce((sum, backup) => sum + backup.sizeBytes, 0);
  const chosenUndoable = chosen.filter((backup) => backup.undoable).length;
  const purge = backups.lastPurge;

  return (
    <section aria-labelledby="backups-heading" className="backups-panel">
      <h2 id="backups-heading">Backups kept for undo</h2>
      {backups.busy && backups.list === undefined && <p role="status">Looking at the backups…</p>}
      {backups.error && <BackupsError error={backups.error} onBreak={breakLockAndPurge} />}
      {backups.list !== undefined && list.length === 0 && (
        <p>There are no backups: no change has been made with this app on this PC.</p>
      )}
      {list.length > 0 && (
        <>
          <p>
            {countOf(list.length, 'change keeps', 'changes keep')} backups, {formatBytes(total)} in
            all; {undoable} of them can still be undone.
          </p>
          <ul className="backups-list">
            {list.slice(0, SHOWN).map((backup) => (
              <li key={backup.runId}>
                {when(backup.startedAt)}: {formatBytes(backup.sizeBytes)} — {state(backup)}
              </li>
            ))}
          </ul>
          <form
            className="actions"
            onSubmit={(event) => {
              event.preventDefault();
              if (days !== undefined) setConfirming({ days, at: Date.now() });
            }}
          >
            <label>
              Delete the backups of changes older than{' '}
              <input
                type="number"
                inputMode="numeric"
                min={0}
                max={MAX_DAYS}
                step={1}
                value={daysText}
                aria-invalid={days === undefined}
                aria-describedby={days === undefined ? 'backups-days-problem' : undefined}
                onChange={(event) => {
                  setDaysText(event.target.value);
                  setConfirming(undefined);
                }}
              />{' '}
              days
            </label>
            <button type="submit" disabled={days === undefined || backups.purging}>
              Delete old backups…
            </button>
          </form>
          {days === undefined && (
            <p id="backups-days-problem" className="field-problem">
              Enter a whole number of days, 0 or more.
            </p>
          )}
        </>
      )}
      {confirming !== undefined && (
        <div className="notice notice-warning" ref={confirmRef} tabIndex={-1}>
          {chosen.length === 0 ? (
            <>
              <p role="status">
                No change is older than {countOf(confirming.days, 'day', 'days')}: there is nothing
                to delete.
              </p>
              <div className="actions">
                <button type="button" onClick={() => setConfirming(undefined)}>
                  Close
                </button>
              </div>
            </>
          ) : (
            <>
              <p className="notice-title">
                Delete the backups of {countOf(chosen.length, 'change', 'changes')} (
                {formatBytes(chosenBytes)})?
              </p>
              <p>
                {chosenUndoable > 0
                  ? `${chosenUndoable} of them can then no longer be undone. `
                  : 'None of them can be undone anyway. '}
                Nothing on this PC is changed; only the app’s own copies are deleted.
              </p>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={backups.purging || lockBreakBusy}
                  onClick={() => {
                    const olderThan = confirming.days;
                    setConfirming(undefined);
                    void purgeBackups(olderThan);
                  }}
                >
                  Delete the backups
                </button>
                <button type="button" onClick={() => setConfirming(undefined)}>
                  Keep them
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {backups.purging && <p role="status">Deleting backups…</p>}
      {purge && !backups.purging && (
        <div role="status">
          <p>
            {purge.purged.length > 0
              ? `Deleted the backups of ${countOf(purge.purged.length, 'change', 'changes')}: ${formatBytes(
                  purge.purged.reduce((sum, entry) => sum + entry.freedBytes, 0),
                )} freed.`
              : 'No backups were deleted.'}
          </p>
          {purge.kept.length > 0 && (
            <ul>
              {purge.kept.map((entry) => (
                <li key={entry.runId}>Kept the backups of one change: {entry.reason}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
