import { clientNameIn } from '../diagnosis-view';
import { useWizard } from '../store/wizard-context';
import type { RepairFlow } from '../store/wizard-state';

interface Props {
  flow: RepairFlow;
  onClose(force: boolean): void;
  onRecheck(): void;
  onCancel(): void;
}

/** The two answers every state of the panel ends with: look again, or give up the change. */
function RecheckOrCancel({
  label,
  busy,
  onRecheck,
  onCancel,
}: Pick<Props, 'onRecheck' | 'onCancel'> & { label: string; busy: boolean }) {
  return (
    <>
      <button type="button" disabled={busy} onClick={onRecheck}>
        {label}
      </button>
      <button type="button" disabled={busy} onClick={onCancel}>
        Cancel
      </button>
    </>
  );
}

/**
 * The change needs the client closed: offer to close it, and only then to end it, honestly
 * worded, naming the client the scan found (Lync 2013, Skype for Business 2019, ...).
 */
export function ClientRunningPanel({ flow, onClose, onRecheck, onCancel }: Props) {
  const client = useWizard((state) => clientNameIn(state.diagnosis));
  const names = flow.running?.join(', ') ?? '';
  const busy = flow.phase === 'closing';
  return (
    <div className="client-running" role="group" aria-labelledby="client-running-title">
      <p id="client-running-title" className="notice-title">
        {client} is still open{names ? ` (${names})` : ''}.
      </p>
      {flow.recheckedStillRunning && (
        <p className="notice notice-warning" role="alert">
          {client} is still running: it was checked again just now, so nothing was changed. Closing
          its window is not enough, because it keeps running next to the clock. Right-click its icon
          there and choose Exit, or let the app close it.
        </p>
      )}
      {flow.closeRefused === undefined && (
        <>
          <p>
            It keeps its sign-in files in use while it runs, so it has to be closed before this
            change. The app can ask it to close, as if you chose Exit from its menu.
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => onClose(false)}
            >
              {busy ? `Closing ${client}…` : `Close ${client} for me`}
            </button>
            <RecheckOrCancel label="I closed it myself" {...{ busy, onRecheck, onCancel }} />
          </div>
        </>
      )}
      {flow.closeRefused === 'polite' && (
        <>
          <p>
            {client} did not close when asked. It may be waiting for an answer in one of its
            windows. You can close it yourself, or end it now: ending it closes it at once, and
            anything not yet sent or saved in it (for example a message you were typing) is lost.
          </p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => onClose(true)}>
              {busy ? `Ending ${client}…` : `End ${client} now`}
            </button>
            <RecheckOrCancel label="I closed it myself" {...{ busy, onRecheck, onCancel }} />
          </div>
        </>
      )}
      {flow.closeRefused === 'forced' && (
        <>
          <p>
            {client} could not be ended. Restarting the PC closes it for sure; then open this app
            again before starting {client}.
          </p>
          <div className="actions">
            <RecheckOrCancel label="Check again" {...{ busy, onRecheck, onCancel }} />
          </div>
        </>
      )}
    </div>
  );
}
