import { useId } from 'react';
import { newerKeptWords } from '../../shared/wording';
import { clientNameIn } from '../diagnosis-view';
import { useWizard } from '../store/wizard-context';

interface Props {
  /** What the undo kept, as main describes each change (shown in the helpdesk view). */
  kept: readonly string[];
  /** Switched off (e.g. while the app runs as another account), with the reason's id. */
  blockedProps?: { disabled?: boolean; 'aria-describedby'?: string };
  onPutBack(): void;
}

/**
 * An undo that found newer sign-in data kept it instead of throwing it away: said in plain
 * words, with the one button that puts it back (undoing the undo, as `runs.undo` does).
 */
export function NewerKeptNotice({ kept, blockedProps, onPutBack }: Props) {
  const helpdesk = useWizard((state) => state.helpdesk);
  const words = newerKeptWords(useWizard((state) => clientNameIn(state.diagnosis)));
  const titleId = useId();
  return (
    <div className="notice notice-info newer-kept" role="group" aria-labelledby={titleId}>
      <p className="notice-title" id={titleId}>
        {words.title}
      </p>
      <p>{words.explanation}</p>
      <p>{words.offer}</p>
      {helpdesk && kept.length > 0 && (
        <ul className="technical">
          {kept.map((change) => (
            <li key={change}>Kept: {change}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" {...blockedProps} onClick={onPutBack}>
          {words.button}
        </button>
      </div>
    </div>
  );
}
