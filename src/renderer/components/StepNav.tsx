import { SCREENS, screenLabel } from '../store/screens';
import { useWizard } from '../store/wizard-context';

/** The wizard's steps; the later ones open once the PC has been scanned. */
export function StepNav() {
  const screen = useWizard((state) => state.screen);
  const scanned = useWizard((state) => state.diagnosis !== undefined);
  const goTo = useWizard((state) => state.goTo);
  const clientKind = useWizard((state) => state.diagnosis?.primaryClient?.kind);
  return (
    <nav className="step-nav" aria-label="Wizard steps">
      <ol>
        {SCREENS.map((entry, index) => (
          <li key={entry.id}>
            <button
              type="button"
              aria-current={entry.id === screen ? 'step' : undefined}
              disabled={!scanned && entry.id !== 'scan'}
              onClick={() => goTo(entry.id)}
            >
              <span className="step-number">{index + 1}</span> {screenLabel(entry.id, clientKind)}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
