import type { ClientError } from '../client/client-types';
import { errorDetails, errorHeadline } from '../client/describe-error';
import { useWizard } from '../store/wizard-context';

/** An error in plain words: a calm headline, main's own sentence, and details for the helpdesk. */
export function ErrorNotice({ error }: { error: ClientError }) {
  const helpdesk = useWizard((state) => state.helpdesk);
  const details = errorDetails(error);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{errorHeadline(error)}</p>
      {error.message && <p>{error.message}</p>}
      {helpdesk && (
        <p className="technical">
          Error code: <code>{error.code}</code>
          {details.length > 0 && <> ({details.join('; ')})</>}
        </p>
      )}
    </div>
  );
}
