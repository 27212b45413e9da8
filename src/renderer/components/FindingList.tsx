import type { Finding } from '../diagnosis-view';
import { findingState, STATUS_WORDS } from '../../shared/wording';
import { useWizard } from '../store/wizard-context';
import { KbRef } from './KbRef';

function Evidence({ finding }: { finding: Finding }) {
  if (finding.evidence.length === 0 && !finding.detail) return null;
  return (
    <>
      {finding.detail && <p className="finding-detail">{finding.detail}</p>}
      {finding.evidence.length > 0 && (
        <dl className="evidence">
          {finding.evidence.map((item, index) => (
            <div key={`${item.label}-${index}`}>
              <dt>{item.label}</dt>
              <dd>
                <code>{item.value}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

/**
 * What the scan found, one line each; the facts behind it on demand (always in helpdesk mode).
 * A problem the first scan found that the latest scan no longer finds is said to be fixed, unless
 * `sinceFirstScan` is false: where the finding is only the reason for another change (the Tracing
 * folder's card shows the endpoint cache's finding), "Fixed" would claim that change was made.
 */
export function FindingList({
  findings,
  sinceFirstScan = true,
}: {
  findings: Finding[];
  sinceFirstScan?: boolean;
}) {
  const helpdesk = useWizard((state) => state.helpdesk);
  const before = useWizard((state) => state.before);
  if (findings.length === 0) return null;
  const stateOf = (finding: Finding) =>
    findingState(
      sinceFirstScan
        ? before?.findings.find((earlier) => earlier.id === finding.id)?.status
        : undefined,
      finding.status,
    );
  return (
    <ul className="findings">
      {findings.map((finding) => (
        <li key={finding.id} className={`finding status-${stateOf(finding)}`}>
          <span className="status-badge">{STATUS_WORDS[stateOf(finding)]}</span>
          <span className="finding-summary">{finding.summary}</span>
          <KbRef kbStep={finding.kbStep} />
          {helpdesk ? (
            <Evidence finding={finding} />
          ) : (
            (finding.evidence.length > 0 || finding.detail) && (
              <details>
                <summary>Details</summary>
                <Evidence finding={finding} />
              </details>
            )
          )}
        </li>
      ))}
    </ul>
  );
}
