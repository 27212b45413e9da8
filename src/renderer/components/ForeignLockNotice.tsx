import { foreignLockWords } from '../../shared/wording';
import type { ClientError } from '../client/client-types';
import type { ForeignLock } from '../client/foreign-lock';
import { useWizard } from '../store/wizard-context';

interface Props {
  lock: ForeignLock;
  error: ClientError;
  /** Where the lock stopped something (a card's key, or a `data-lock-slice` key). */
  lockKey: string;
  /** Breaks the lock, then goes on with what it stopped. */
  onBreak(): void;
}

/**
 * A copy of the app on another computer holds the data folder: which computer and since when,
 * and a way out for when that copy no longer runs, with the caution said before the button.
 */
export function ForeignLockNotice({ lock, error, lockKey, onBreak }: Props) {
  const helpdesk = useWizard((state) => state.helpdesk);
  const lockBreak = useWizard((state) => state.lockBreak);
  const words = foreignLockWords(lock);
  const busy = lockBreak.busy && lockBreak.cardKey === lockKey;
  const cautionId = `lock-caution-${lockKey}`;
  return (
    <div className="notice notice-warning foreign-lock" role="alert">
      <p className="notice-title">{words.title}</p>
      <p>{words.explanation}</p>
      <p id={cautionId}>{words.caution}</p>
      {helpdesk && (
        <p className="technical">
          Error code: <code>{error.code}</code> (computer: {lock.host}; locked since: {lock.since})
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="danger"
          aria-describedby={cautionId}
          disabled={lockBreak.busy}
          onClick={onBreak}
        >
          {busy ? 'Breaking the lock…' : 'Break the lock'}
        </button>
      </div>
    </div>
  );
}
