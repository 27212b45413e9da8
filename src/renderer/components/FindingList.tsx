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

/** What the scan found, one line each; the facts behind it on demand (always in helpdesk mode). */
export function FindingList({ findings }: { findings: Finding[] }) {
  const helpdesk = useWizard((state) => state.helpdesk);
  const before = useWizard((state) => state.before);
  if (findings.length === 0) return null;
  // A problem the first scan found that the latest scan no longer finds is said to be fixed.
  const stateOf = (finding: Finding) =>
    findingState(
      before?.findings.find((earlier) => earlier.id === finding.id)?.status,
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
