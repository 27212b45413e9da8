import { EarlierChanges } from '../components/EarlierChanges';
import { InterruptedRunBanner } from '../components/InterruptedRunBanner';
import { ErrorNotice } from '../components/ErrorNotice';
import { FindingList } from '../components/FindingList';
import { ScreenFrame } from '../components/ScreenFrame';
import { WrongProfileNotice } from '../components/WrongProfileNotice';
import { clientNameIn, problemFindings } from '../diagnosis-view';
import { wrongProfile } from '../profile-view';
import { useWizard } from '../store/wizard-context';
import type { Diagnosis } from '../client/client-types';

function ClientsFound({ diagnosis }: { diagnosis: Diagnosis }) {
  const helpdesk = useWizard((state) => state.helpdesk);
  if (diagnosis.clients.length === 0) {
    return <p>No Lync or Skype for Business desktop client was found on this PC.</p>;
  }
  return (
    <ul className="clients">
      {diagnosis.clients.map((client) => (
        <li key={`${client.kind}-${client.registryView}`}>
          <strong>{client.displayName}</strong>
          {client.version && <> version {client.version}</>}
          {client.running ? ' (running now)' : ' (not running)'}
          {helpdesk && client.executablePath && (
            <span className="technical">
              {' '}
              <code>{client.executablePath}</code> ({client.registryView}-bit registry view)
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function AddressChoice({ diagnosis }: { diagnosis: Diagnosis }) {
  const address = useWizard((state) => state.address);
  const chooseAddress = useWizard((state) => state.chooseAddress);
  // The chosen address stays listed after a repair removed every trace of it.
  const candidates =
    address && !diagnosis.addresses.includes(address)
      ? [...diagnosis.addresses, address]
      : diagnosis.addresses;
  if (candidates.length === 0) {
    return <p>No sign-in address has been used with {clientNameIn(diagnosis)} on this PC yet.</p>;
  }
  return (
    <fieldset className="addresses">
      <legend>Sign-in addresses used on this PC. The repairs act for the one you choose:</legend>
      {candidates.map((candidate) => (
        <label key={candidate}>
          <input
            type="radio"
            name="address"
            value={candidate}
            checked={candidate === address}
            onChange={() => chooseAddress(candidate)}
          />{' '}
          {candidate}
          {candidate === diagnosis.currentAddress && ' (signed in most recently)'}
          {!diagnosis.addresses.includes(candidate) && ' (nothing left for it on this PC)'}
        </label>
      ))}
    </fieldset>
  );
}

/** Welcome: what the app does, then the scan and what it found. */
export function ScanScreen() {
  const diagnosis = useWizard((state) => state.diagnosis);
  const scanning = useWizard((state) => state.scanning);
  const scanError = useWizard((state) => state.scanError);
  const sessionError = useWizard((state) => state.sessionError);
  const scan = useWizard((state) => state.scan);
  const problems = problemFindings(diagnosis);
  const profile = wrongProfile(diagnosis);

  return (
    <ScreenFrame title="Scan this PC" canContinue={diagnosis !== undefined}>
      {profile && !scanning && <WrongProfileNotice profile={profile} />}
      <p className="lead">
        This app follows Microsoft’s article “You can’t sign in to Skype for Business Online because
        the certificate can’t be acquired or validated”. It first looks at this PC without changing
        anything. Every change it suggests is shown to you first, backed up, and can be undone.
      </p>
      {sessionError && <ErrorNotice error={sessionError} />}
      <div className="actions">
        <button type="button" className="primary" disabled={scanning} onClick={() => void scan()}>
          {diagnosis ? 'Scan again' : 'Scan this PC'}
        </button>
      </div>
      {scanning && <p role="status">Looking at this PC…</p>}
      {scanError && <ErrorNotice error={scanError} />}
      {diagnosis && !scanning && (
        <section aria-labelledby="found-title">
          <h2 id="found-title">What the scan found</h2>
          <ClientsFound diagnosis={diagnosis} />
          <AddressChoice diagnosis={diagnosis} />
          <p role="status">
            {problems.length === 0
              ? 'No problems found.'
              : `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} found.`}
          </p>
          <FindingList findings={problems} />
          <details>
            <summary>Everything that was checked</summary>
            <FindingList findings={diagnosis.findings} />
          </details>
        </section>
      )}
      <InterruptedRunBanner />
      <EarlierChanges />
    </ScreenFrame>
  );
}
