import { foreignLockWords } from '../../shared/wording';
import type { ClientError } from '../client/client-types';
import { foreignLockOf } from '../client/foreign-lock';
import { errorDetails, errorHeadline } from '../client/describe-error';
import { useWizard } from '../store/wizard-context';

/** An error in plain words: a calm headline, main's own sentence, and details for the helpdesk. */
export function ErrorNotice({ error }: { error: ClientError }) {
  const helpdesk = useWizard((state) => state.helpdesk);
  const details = errorDetails(error);
  // Main's sentence about another computer's lock gives the command line's way out; here the
  // wizard's own words say which computer and since when.
  const lock = foreignLockOf(error);
  const words = lock ? foreignLockWords(lock) : undefined;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{words?.title ?? errorHeadline(error)}</p>
      {words ? <p>{words.explanation}</p> : error.message && <p>{error.message}</p>}
      {helpdesk && (
        <p className="technical">
          Error code: <code>{error.code}</code>
          {details.length > 0 && <> ({details.join('; ')})</>}
        </p>
      )}
    </div>
  );
}
