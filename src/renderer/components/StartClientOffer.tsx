import { useWizard } from '../store/wizard-context';
import { ErrorNotice } from './ErrorNotice';

function SignInGuidance({ address }: { address?: string }) {
  return (
    <p>
      Try to sign in{address ? ` as ${address}` : ''}. If it asks for your password, type it: the
      saved sign-in information may have been removed by this change. If signing in still fails,
      scan again to see what is left.
    </p>
  );
}

/**
 * After a change, the KB article's last step: start Lync again and try to sign in. Offered on
 * the card that made the change, when a client is installed and was not running afterwards.
 */
export function StartClientOffer({ cardKey }: { cardKey: string }) {
  const clientStart = useWizard((state) => state.clientStart);
  const client = useWizard((state) => state.diagnosis?.primaryClient);
  const address = useWizard((state) => state.address);
  const startClient = useWizard((state) => state.startClient);
  if (!client || clientStart.cardKey !== cardKey) return null;
  const { answer, error, busy } = clientStart;
  const name = answer?.client ?? client.displayName;

  if (answer?.started) {
    return (
      <div className="notice notice-ok start-client" role="status">
        <p className="notice-title">{name} is starting.</p>
        <SignInGuidance {...(address ? { address } : {})} />
      </div>
    );
  }
  if (answer?.refusal === 'already-running') {
    return (
      <div className="notice notice-info start-client" role="status">
        <p className="notice-title">{name} is already open.</p>
        <SignInGuidance {...(address ? { address } : {})} />
      </div>
    );
  }
  if (answer) {
    return (
      <div className="notice notice-warning start-client" role="status">
        <p className="notice-title">{name} was not started.</p>
        {answer.reason && <p>{answer.reason}</p>}
        <p>Once you have started it yourself, try to sign in.</p>
      </div>
    );
  }
  if (clientStart.runningAfterChange !== false) return null;
  return (
    <div className="notice notice-info start-client" role="group" aria-label={`Start ${name}`}>
      <p className="notice-title">
        {clientStart.closedByApp
          ? `${name} was closed for this change.`
          : `${name} is not running.`}
      </p>
      <p>Start it again, then try to sign in.</p>
      {error && <ErrorNotice error={error} />}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void startClient()}
        >
          {busy ? `Starting ${name}…` : `Start ${name} again`}
        </button>
      </div>
    </div>
  );
}
