import { KB_STEPS } from '../../shared/findings';
import { RepairCard } from '../components/RepairCard';
import { ScreenFrame } from '../components/ScreenFrame';
import { findingById } from '../diagnosis-view';
import { useWizard } from '../store/wizard-context';

const ADDITIONAL = [
  { step: 'clear-endpoint-cache', kbStep: 'additional-endpoint-cache', finding: 'endpoint-cache' },
  // Microsoft's current procedure; shown when the diagnosis lists them for the client's version.
  {
    step: 'clear-tracing-folder',
    kbStep: 'sfb-procedure-tracing',
    finding: 'endpoint-cache',
    whenListed: true,
  },
  {
    step: 'remove-account-profiles',
    kbStep: 'sfb-procedure-account-profiles',
    finding: 'endpoint-cache',
    whenListed: true,
  },
  {
    step: 'remove-personal-certificate',
    kbStep: 'additional-personal-certificate',
    finding: 'personal-certificate',
  },
  {
    step: 'remove-stored-credentials',
    kbStep: 'additional-stored-credentials',
    finding: 'stored-credentials',
  },
  { step: 'flush-dns-cache', kbStep: 'additional-dns-cache', finding: 'dns-cache' },
  { step: 'fix-machine-guid', kbStep: 'additional-machine-guid', finding: 'machine-guid' },
] as const;

/** The article's additional troubleshooting steps, one card each. */
export function AdditionalScreen() {
  const diagnosis = useWizard((state) => state.diagnosis);
  return (
    <ScreenFrame title="Additional troubleshooting steps">
      <p className="lead">
        If the steps before did not fix sign-in, try these as they fit. Each one is shown before
        anything changes and can be undone (except flushing the DNS cache, which is harmless).
      </p>
      {ADDITIONAL.filter(
        (entry) =>
          !('whenListed' in entry) ||
          findingById(diagnosis, entry.finding)?.repairs.includes(entry.step),
      ).map((entry) => (
        <RepairCard
          key={entry.step}
          cardKey={entry.step}
          steps={[entry.step]}
          title={KB_STEPS[entry.kbStep].title}
          kbStep={entry.kbStep}
          findings={[findingById(diagnosis, entry.finding)].flatMap((finding) => finding ?? [])}
          needsAdmin={entry.step === 'fix-machine-guid'}
        />
      ))}
    </ScreenFrame>
  );
}
