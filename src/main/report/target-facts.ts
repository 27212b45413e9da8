import type { ActionTarget } from '../../shared/repairs';
import type { RegistryValue } from '../../shared/registry-value';

/** A registry value as one line: `REG_DWORD 1`, `REG_MULTI_SZ a | b`. */
export function formatRegistryValue(value: RegistryValue): string {
  switch (value.type) {
    case 'REG_MULTI_SZ':
      return `${value.type} ${value.data.join(' | ')}`;
    case 'REG_RAW':
      return `type ${value.rawType} ${value.data}`;
    default:
      return `${value.type} ${String(value.data)}`;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The exact place a planned change acts on, as label/value pairs (paths, thumbprints, keys). */
export function targetFacts(target: ActionTarget): Array<[string, string]> {
  switch (target.kind) {
    case 'folder':
      return [
        ['Folder', target.path],
        ['Contents', `${target.fileCount} files, ${formatBytes(target.totalBytes)}`],
      ];
    case 'file':
      return [
        ['File', target.path],
        ['Size', formatBytes(target.size)],
      ];
    case 'certificate':
      return [
        ['Store', target.store],
        ['Subject', target.subject],
        ['Issuer', target.issuer],
        ['Thumbprint', target.thumbprint],
        ['Valid until', target.notAfter],
      ];
    case 'credential':
      return [
        ['Credential', target.targetName],
        ['User name', target.userName],
        ['Type', target.credentialType],
      ];
    case 'registry-key':
      return [
        ['Registry key', target.key],
        ['Contents', `${target.valueCount} values, ${target.subkeyCount} subkeys`],
      ];
    case 'registry-value':
      return [
        ['Registry key', target.key],
        ['Value', target.name === '' ? '(Default)' : target.name],
        ['Now', formatRegistryValue(target.before)],
        ...(target.after ? [['After', formatRegistryValue(target.after)] as [string, string]] : []),
      ];
    case 'dns-cache':
      return [['DNS cache', 'the resolver cache of this PC']];
  }
}
