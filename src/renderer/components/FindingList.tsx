import type { Finding } from '../diagnosis-view';
import { STATUS_WORDS } from '../../shared/wording';
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
  if (findings.length === 0) return null;
  return (
    <ul className="findings">
      {findings.map((finding) => (
        <li key={finding.id} className={`finding status-${finding.status}`}>
          <span className="status-badge">{STATUS_WORDS[finding.status]}</span>
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
