import { KB_STEPS, type FindingId, type KbStepId } from '../../shared/findings';
import type { RepairStepId } from '../../shared/repairs';
import { RepairCard } from '../components/repair-card/RepairCard';
import { ScreenFrame } from '../components/ScreenFrame';
import { clientNameIn, findingById, type Finding } from '../diagnosis-view';
import { useWizard } from '../store/wizard-context';

interface AdditionalStep {
  step: RepairStepId;
  kbStep: KbStepId;
  finding: FindingId;
  /**
   * Why changing it on a healthy PC is not free, shown behind "Change it anyway" (only when the
   * finding lists the change: there is something to change), naming the client the scan found.
   */
  caution?: string | ((client: string, finding: Finding | undefined) => string);
  /**
   * Shown only when the diagnosis lists the step for the client's version. Its finding is the
   * reason for the step, not about what the step changes.
   */
  whenListed?: boolean;
}

const ADDITIONAL: readonly AdditionalStep[] = [
  {
    step: 'clear-endpoint-cache',
    kbStep: 'additional-endpoint-cache',
    finding: 'endpoint-cache',
    caution: (client) =>
      `The scan found nothing wrong with the server list ${client} saved. Deleting it is safe, but the next sign-in takes a little longer while it finds its servers again.`,
  },
  // Microsoft's current procedure; shown when the diagnosis lists them for the client's version.
  {
    step: 'clear-tracing-folder',
    kbStep: 'sfb-procedure-tracing',
    finding: 'endpoint-cache',
    whenListed: true,
    caution:
      'Deleting the client’s Tracing folder is safe: it holds only the client’s logs, and the client makes it again.',
  },
  {
    step: 'remove-account-profiles',
    kbStep: 'sfb-procedure-account-profiles',
    finding: 'endpoint-cache',
    whenListed: true,
    caution: 'Deleting AccountProfiles.dat is safe: the client makes it again at the next sign-in.',
  },
  {
    step: 'remove-personal-certificate',
    kbStep: 'additional-personal-certificate',
    finding: 'personal-certificate',
    // Whose they are is in the finding above: the certificate left may be another account's.
    caution: (client, finding) =>
      (listed(finding, 'certificate') === 1
        ? 'The sign-in certificate on this PC is valid. Deleting it'
        : 'The sign-in certificates on this PC are valid. Deleting them') +
      ` signs you out of ${client} until it gets a new one at the next sign-in. Do it only when a helpdesk agent asks you to.`,
  },
  {
    step: 'remove-stored-credentials',
    kbStep: 'additional-stored-credentials',
    finding: 'stored-credentials',
    caution: (client, finding) =>
      (listed(finding, 'credential-target') === 1
        ? `The password ${client} saved looks fine. Removing it`
        : `The passwords ${client} saved look fine. Removing them`) +
      ' means typing your password at the next sign-in.',
  },
  {
    step: 'flush-dns-cache',
    kbStep: 'additional-dns-cache',
    finding: 'dns-cache',
    caution:
      'Emptying the DNS cache is harmless, but it cannot be undone: Windows looks server addresses up again as they are needed.',
  },
  {
    step: 'fix-machine-guid',
    kbStep: 'additional-machine-guid',
    finding: 'machine-guid',
    // No caution: with braces it is a problem, without them there is nothing to change.
  },
];

/** How many certificates or saved passwords the finding lists (its evidence names each one). */
function listed(finding: Finding | undefined, kind: 'certificate' | 'credential-target'): number {
  return finding?.evidence.filter((item) => item.kind === kind).length ?? 0;
}

/** Windows asks an administrator's approval for the MachineGuid change, through its own prompt. */
function MachineGuidNote() {
  const elevated = useWizard((state) => state.session?.elevated);
  return elevated
    ? 'This change is for the whole PC; the app runs as administrator, so it can make it.'
    : 'This change is for the whole PC: Windows asks for an administrator’s approval when you make it.';
}

/** The article's additional troubleshooting steps, one card each. */
export function AdditionalScreen() {
  const diagnosis = useWizard((state) => state.diagnosis);
  const flows = useWizard((state) => state.repairs);
  const client = clientNameIn(diagnosis);
  // Microsoft's newer steps appear only when the diagnosis lists them for the client's version,
  // and stay once used: the scan after the change no longer lists what it deleted, and the card
  // is where its result and its undo are.
  const shown = ADDITIONAL.filter(
    (entry) =>
      !entry.whenListed ||
      flows[entry.step] !== undefined ||
      findingById(diagnosis, entry.finding)?.repairs.includes(entry.step),
  );
  const unfixed = shown
    .filter((entry) => !entry.whenListed)
    .filter((entry) => findingById(diagnosis, entry.finding)?.status === 'problem')
    .map((entry) => KB_STEPS[entry.kbStep].title);
  return (
    <ScreenFrame title="Additional troubleshooting steps" unfixed={unfixed}>
      <p className="lead">
        If the steps before did not fix sign-in, try these as they fit. Each one is shown before
        anything changes. Everything except emptying the DNS cache is backed up and can be undone.
      </p>
      {shown.map((entry) => {
        const finding = findingById(diagnosis, entry.finding);
        const bracesFound = entry.step === 'fix-machine-guid' && finding?.status === 'problem';
        return (
          <RepairCard
            key={entry.step}
            cardKey={entry.step}
            steps={[entry.step]}
            title={KB_STEPS[entry.kbStep].title}
            kbStep={entry.kbStep}
            findings={finding ? [finding] : []}
            findingsAreReason={entry.whenListed === true}
            caution={
              typeof entry.caution === 'function' ? entry.caution(client, finding) : entry.caution
            }
            {...(bracesFound ? { adminNote: <MachineGuidNote /> } : {})}
          />
        );
      })}
    </ScreenFrame>
  );
}
