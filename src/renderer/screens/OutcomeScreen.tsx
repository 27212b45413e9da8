import { ErrorNotice } from '../components/ErrorNotice';
import { FindingList } from '../components/FindingList';
import { ScreenFrame } from '../components/ScreenFrame';
import { clientNameIn, primaryClient, problemFindings } from '../diagnosis-view';
import { findingState, findingTitle, STATUS_WORDS } from '../../shared/wording';
import { useWizard } from '../store/wizard-context';
import type { OtherAccountsAnswer } from '../store/wizard-state';

const ANSWERS: Array<{ value: OtherAccountsAnswer; label: string }> = [
  { value: 'yes', label: 'Yes, other accounts cannot sign in either' },
  { value: 'no', label: 'No, other accounts sign in fine' },
  { value: 'not-tried', label: 'Not tried yet' },
];

function Rescan() {
  const scanning = useWizard((state) => state.scanning);
  const scanError = useWizard((state) => state.scanError);
  const scanCount = useWizard((state) => state.scanCount);
  const diagnosis = useWizard((state) => state.diagnosis);
  const scan = useWizard((state) => state.scan);
  const problems = problemFindings(diagnosis);
  const client = clientNameIn(diagnosis);
  return (
    <section aria-labelledby="rescan-title">
      <h2 id="rescan-title">1. Scan again</h2>
      <p>
        Restart {client} and try to sign in. If it still fails, scan the PC again to see what is
        left.
      </p>
      <div className="actions">
        <button type="button" disabled={scanning} onClick={() => void scan()}>
          Scan again
        </button>
      </div>
      {scanning && <p role="status">Looking at this PC…</p>}
      {scanError && <ErrorNotice error={scanError} />}
      {scanCount > 1 && !scanning && diagnosis && (
        <>
          <p
            role="status"
            className={problems.length === 0 ? 'notice notice-ok' : 'notice notice-warning'}
          >
            {problems.length === 0
              ? 'The new scan found no problems on this PC.'
              : `The new scan still finds ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}:`}
          </p>
          <FindingList findings={problems} />
        </>
      )}
    </section>
  );
}

/** Each finding that was or is a problem: how it was before the first change, and now. */
function BeforeAfter() {
  const before = useWizard((state) => state.before);
  const diagnosis = useWizard((state) => state.diagnosis);
  if (!before || !diagnosis) return null;
  const rows = diagnosis.findings.flatMap((now) => {
    const then = before.findings.find((finding) => finding.id === now.id)?.status;
    if (then !== 'problem' && now.status !== 'problem') return [];
    return [{ id: now.id, then, now: findingState(then, now.status), summary: now.summary }];
  });
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="before-after-title">
      <h2 id="before-after-title">Before and after</h2>
      <ul className="before-after">
        {rows.map((row) => (
          <li key={row.id}>
            <strong>{findingTitle(row.id)}</strong>:{' '}
            {row.then ? STATUS_WORDS[row.then] : 'not checked'} → {STATUS_WORDS[row.now]}.{' '}
            <span className="finding-summary">{row.summary}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function OtherAccounts() {
  const answer = useWizard((state) => state.outcome.otherAccounts);
  const setOtherAccounts = useWizard((state) => state.setOtherAccounts);
  const client = useWizard((state) => clientNameIn(state.diagnosis));
  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">2. Does it happen with other accounts on this PC?</h2>
      <p>
        Ask a colleague to sign in to {client} on this PC with their own account. This tells whether
        the problem is with this computer or with the user account.
      </p>
      <fieldset>
        <legend>Could they sign in?</legend>
        {ANSWERS.map((entry) => (
          <label key={entry.value}>
            <input
              type="radio"
              name="other-accounts"
              value={entry.value}
              checked={answer === entry.value}
              onChange={() => setOtherAccounts(entry.value)}
            />{' '}
            {entry.label}
          </label>
        ))}
      </fieldset>
      {answer === 'yes' && (
        <p className="notice notice-info">
          Then the problem is most likely with this computer’s configuration. Try the additional
          steps and the administrators’ certificate-chain check, then contact support.
        </p>
      )}
      {answer === 'no' && (
        <p className="notice notice-info">
          Then the problem is most likely with your user account, not this PC: the account may be
          incomplete so the server cannot issue a personal certificate. Your administrator or
          Microsoft support has to fix it.
        </p>
      )}
      {answer === 'not-tried' && (
        <p className="notice notice-info">
          Support will ask this first. If nobody else can try now, say so when you contact them.
        </p>
      )}
    </section>
  );
}

function TellSupport() {
  const supportCode = useWizard((state) => state.session?.supportCode);
  const diagnosis = useWizard((state) => state.diagnosis);
  const address = useWizard((state) => state.address);
  const repairs = useWizard((state) => state.repairs);
  const client = primaryClient(diagnosis);
  const done = Object.values(repairs).flatMap((flow) =>
    flow.run && flow.phase !== 'undone' ? (flow.plan?.steps.map((step) => step.title) ?? []) : [],
  );
  return (
    <section aria-labelledby="support-title">
      <h2 id="support-title">3. What to tell support</h2>
      <ul>
        {supportCode && (
          <li>
            The support code <strong>{supportCode}</strong>
          </li>
        )}
        <li>
          The client:{' '}
          {client ? `${client.displayName} ${client.version ?? ''}`.trim() : 'none found'}
        </li>
        {address && <li>The sign-in address: {address}</li>}
        <li>What was tried: {done.length > 0 ? done.join('; ') : 'no changes made yet'}</li>
        <li>The report from the next screen, saved to a file</li>
      </ul>
    </section>
  );
}

/** "Did this fix the problem?" as the KB ends: done, or narrow it down and hand it on. */
export function OutcomeScreen() {
  const fixed = useWizard((state) => state.outcome.fixed);
  const setFixed = useWizard((state) => state.setFixed);
  return (
    <ScreenFrame title="Did this fix the problem?">
      <div className="actions" role="group" aria-label="Did this fix the problem?">
        <button type="button" aria-pressed={fixed === true} onClick={() => setFixed(true)}>
          Yes, I can sign in
        </button>
        <button type="button" aria-pressed={fixed === false} onClick={() => setFixed(false)}>
          No, it still fails
        </button>
      </div>
      {fixed === true && (
        <p className="notice notice-ok" role="status">
          Good. You are finished. You can save a report of what was changed on the next screen.
        </p>
      )}
      <BeforeAfter />
      {fixed === false && (
        <>
          <Rescan />
          <OtherAccounts />
          <TellSupport />
        </>
      )}
    </ScreenFrame>
  );
}
