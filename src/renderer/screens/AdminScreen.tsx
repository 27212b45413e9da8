import { useId, useState, type FormEvent } from 'react';
import { checkDomain, checkTargetLines } from '../../shared/admin-input';
import type { ClientError } from '../client/client-types';
import { ErrorNotice } from '../components/ErrorNotice';
import { FindingList } from '../components/FindingList';
import { KbRef } from '../components/KbRef';
import { RepairCard } from '../components/repair-card/RepairCard';
import { ScreenFrame } from '../components/ScreenFrame';
import { useWizard } from '../store/wizard-context';

/** Main's refusal of what was typed: an input mistake to correct, not a fault of the app. */
function InputRefusal({ error }: { error: ClientError }) {
  return (
    <p className="notice notice-error" role="alert">
      The check did not run: {error.message}
    </p>
  );
}

function AdminForm() {
  const address = useWizard((state) => state.address);
  const admin = useWizard((state) => state.admin);
  const runAdminCheck = useWizard((state) => state.runAdminCheck);
  const [domain, setDomain] = useState(address?.split('@')[1] ?? '');
  const [targetText, setTargetText] = useState('');
  const [problem, setProblem] = useState<string[] | undefined>();
  const domainId = useId();
  const targetsId = useId();
  const hintId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The same checks and words as the command line's --domain and --target.
    const checkedDomain = domain.trim() === '' ? undefined : checkDomain(domain);
    const { targets, problems } = checkTargetLines(targetText);
    const all = [
      ...(checkedDomain && !checkedDomain.ok ? [checkedDomain.message] : []),
      ...problems,
    ];
    if (all.length > 0) {
      setProblem(all);
      return;
    }
    setProblem(undefined);
    void runAdminCheck(domain, targets);
  };

  const distrustedRoot = admin.findings?.some((finding) =>
    finding.repairs.includes('remove-distrusted-root'),
  );
  return (
    <>
      <form className="admin-form" onSubmit={submit} noValidate>
        <label htmlFor={domainId}>SIP domain</label>
        <input
          id={domainId}
          value={domain}
          onChange={(event) => setDomain(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <label htmlFor={targetsId}>Extra servers to check (AD FS, edge, proxy)</label>
        <textarea
          id={targetsId}
          aria-describedby={hintId}
          value={targetText}
          onChange={(event) => setTargetText(event.target.value)}
          rows={3}
          spellCheck={false}
        />
        <p id={hintId} className="hint">
          One host:port per line, for example sts.contoso.com:443
        </p>
        {problem && (
          <div className="notice notice-error" role="alert">
            {problem.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={admin.busy}>
            Run the checks
          </button>
        </div>
      </form>
      {admin.busy && (
        <p role="status">
          Finding the sign-in servers, then checking their certificates, revocation addresses and
          this PC’s clock…
        </p>
      )}
      {admin.error &&
        (admin.error.code === 'invalid-request' ? (
          <InputRefusal error={admin.error} />
        ) : (
          <ErrorNotice error={admin.error} />
        ))}
      {admin.findings && !admin.busy && (
        <section aria-labelledby="admin-results">
          <h2 id="admin-results">Results</h2>
          <FindingList findings={admin.findings} />
        </section>
      )}
      {distrustedRoot && (
        <RepairCard
          cardKey="remove-distrusted-root"
          steps={['remove-distrusted-root']}
          title="Remove the user-level copy of the distrusted root"
          kbStep="admin-certificate-chain"
          findings={[]}
        />
      )}
    </>
  );
}

/**
 * The administrators' step: pool discovery, the certificate chains, their revocation addresses
 * and the clock, for a domain and extra servers. Read-only, but it contacts those servers, so it runs only when asked.
 */
export function AdminScreen() {
  return (
    <ScreenFrame title="For administrators: validate the certificate chain">
      <KbRef kbStep="admin-certificate-chain" />
      <p className="lead">
        “There was a problem verifying the certificate from the server” usually means one
        certificate in the server’s chain is not trusted by this PC. This is mostly seen with single
        sign-on (AD FS) and hybrid deployments.
      </p>
      <p>
        This check finds the sign-in servers the way the client does (its DNS records, internal ones
        first), checks each server’s certificate chain against this PC’s trust, tries the revocation
        addresses the certificates name, and compares this PC’s clock with the servers’.
      </p>
      <AdminForm />
    </ScreenFrame>
  );
}
