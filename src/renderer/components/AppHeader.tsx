import { useWizard } from '../store/wizard-context';
import { PracticeBanner } from './PracticeBanner';

/** Title, the helpdesk toggle, the support code, and the practice banner on every screen. */
export function AppHeader() {
  const helpdesk = useWizard((state) => state.helpdesk);
  const setHelpdesk = useWizard((state) => state.setHelpdesk);
  const supportCode = useWizard((state) => state.session?.supportCode);
  return (
    <header className="app-header">
      <PracticeBanner />
      <div className="header-row">
        <p className="app-title">SfB Sign-in Repair</p>
        {supportCode && (
          <p className={helpdesk ? 'support-code support-code-large' : 'support-code'}>
            Support code: <strong>{supportCode}</strong>
          </p>
        )}
        <button type="button" aria-pressed={helpdesk} onClick={() => setHelpdesk(!helpdesk)}>
          Helpdesk mode
        </button>
      </div>
    </header>
  );
}
