import { EXTERNAL_LINKS, type ExternalLinkId } from '../../shared/external-links';
import { useWizard } from '../store/wizard-context';

/**
 * A Microsoft download page, opened in the default browser through main (the window itself
 * never navigates away). The address is shown too, for someone reading it out on a call.
 */
export function ExternalLink({ link }: { link: ExternalLinkId }) {
  const openLink = useWizard((state) => state.openLink);
  const answer = useWizard((state) => state.externalLink);
  const { url, label } = EXTERNAL_LINKS[link];
  const shown = answer?.link === link ? answer : undefined;
  return (
    <>
      <a
        href={url}
        onClick={(event) => {
          event.preventDefault();
          void openLink(link);
        }}
      >
        {label}
      </a>{' '}
      <span className="link-address">({url})</span>
      {/* Said inside the sentence around the link, so framed by dashes rather than ended. */}
      {shown && (
        <span role="status" className="hint">
          {' '}
          {shown.opened
            ? '— opened in your web browser —'
            : '— your web browser could not be started from here, so type the address into it —'}
        </span>
      )}
    </>
  );
}
