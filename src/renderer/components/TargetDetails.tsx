import type { ActionTarget } from '../../shared/repairs';
import { targetFacts } from '../../shared/wording';
import type { Plan } from '../client/client-types';

type Target = Plan['steps'][number]['actions'][number]['target'];

/** The technical facts of one planned change: exactly where it acts (shared with the report). */
export function TargetDetails({ target }: { target: Target }) {
  // The response schema lets registry values through as loosely typed data; main built them.
  const rows = targetFacts(target as ActionTarget);
  return (
    <dl className="target-details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            <code>{value}</code>
          </dd>
        </div>
      ))}
    </dl>
  );
}
