import { useWizard } from '../store/wizard-context';

/** Shown on every screen while the app works on the simulated practice PC. */
export function PracticeBanner() {
  const session = useWizard((state) => state.session);
  const diagnosisHost = useWizard((state) => state.diagnosis?.hostKind);
  const scenario = useWizard(
    (state) => state.session?.practiceScenario ?? state.diagnosis?.practiceScenario,
  );
  const practice = (session?.hostKind ?? diagnosisHost) === 'practice';
  if (!practice) return null;
  return (
    <div className="practice-banner" role="note" aria-label="Practice mode">
      <strong>Practice mode</strong>: this is a simulated PC
      {scenario ? ` (scenario “${scenario}”)` : ''}. Nothing on this computer is changed.
    </div>
  );
}
