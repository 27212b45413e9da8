import type { Plan } from '../client/client-types';
import { formatBytes } from '../format-bytes';

type Target = Plan['steps'][number]['actions'][number]['target'];

function shortValue(value: { type: string } & Record<string, unknown>): string {
  const data = value.data;
  const text = Array.isArray(data) ? data.join(', ') : String(data ?? '');
  return `${text} (${value.type})`;
}

/** The technical facts of one planned change: exactly where it acts. */
export function TargetDetails({ target }: { target: Target }) {
  const rows: Array<[string, string]> = [];
  switch (target.kind) {
    case 'folder':
      rows.push(
        ['Folder', target.path],
        ['Contents', `${target.fileCount} files, ${formatBytes(target.totalBytes)}`],
      );
      break;
    case 'file':
      rows.push(['File', target.path], ['Size', formatBytes(target.size)]);
      break;
    case 'certificate':
      rows.push(
        ['Certificate store', target.store],
        ['Thumbprint', target.thumbprint],
        ['Issued to', target.subject],
        ['Issued by', target.issuer],
        ['Valid until', target.notAfter],
      );
      break;
    case 'credential':
      rows.push(
        ['Credential', target.targetName],
        ['User name', target.userName],
        ['Type', target.credentialType],
      );
      break;
    case 'registry-key':
      rows.push(
        ['Registry key', target.key],
        ['Contents', `${target.valueCount} values, ${target.subkeyCount} subkeys`],
      );
      break;
    case 'registry-value':
      rows.push(
        ['Registry key', target.key],
        ['Value', target.name || '(Default)'],
        ['Now', shortValue(target.before)],
      );
      if (target.after) rows.push(['After', shortValue(target.after)]);
      break;
    case 'dns-cache':
      rows.push(['DNS', 'The DNS client cache of this PC (like ipconfig /flushdns)']);
      break;
  }
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
