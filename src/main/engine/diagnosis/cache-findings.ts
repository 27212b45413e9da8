/** `endpoint-cache`: every sip_<address> folder, and whether it is likely stale. */
import type { FindingBase } from './context';
import type { Finding } from '../../../shared/findings';
import { addressKey } from '../sip-address';
import type { DiagnosisContext } from './context';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function endpointCacheFinding(context: DiagnosisContext): Finding {
  const folders = context.inventory.cacheFolders;
  const installed = new Set(context.clients.map((client) => client.kind));
  const { tracing, accountProfiles } = context.inventory.clientData;
  // Microsoft's current procedure deletes these with the caches, for the client's version.
  const base: FindingBase = {
    id: 'endpoint-cache',
    kbStep: 'additional-endpoint-cache',
    repairs: [
      'clear-endpoint-cache',
      ...(tracing ? (['clear-tracing-folder'] as const) : []),
      ...(accountProfiles ? (['remove-account-profiles'] as const) : []),
    ],
  };
  const evidence = folders.map((folder) => ({
    kind: 'path' as const,
    label: `${folder.address}: ${folder.fileCount} file${folder.fileCount === 1 ? '' : 's'}, ${folder.sizeEstimated ? 'about ' : ''}${size(folder.totalBytes)}`,
    value: folder.path,
  }));
  if (tracing) {
    evidence.push({
      kind: 'path',
      label: `Tracing folder: ${tracing.fileCount} file${tracing.fileCount === 1 ? '' : 's'}, ${tracing.sizeEstimated ? 'about ' : ''}${size(tracing.totalBytes)}`,
      value: tracing.path,
    });
  }
  if (accountProfiles) {
    evidence.push({
      kind: 'path',
      label: `AccountProfiles.dat: ${size(accountProfiles.size)}`,
      value: accountProfiles.path,
    });
  }
  if (folders.length === 0) {
    // The client's Tracing folder and AccountProfiles.dat may remain: still theirs to delete.
    return {
      ...base,
      status: 'ok',
      summary: 'There is no endpoint cache.',
      evidence,
      repairs: base.repairs.filter((step) => step !== 'clear-endpoint-cache'),
    };
  }
  const leftovers =
    installed.size > 0 ? folders.filter((folder) => !installed.has(folder.owner)) : [];
  const failing = folders.filter((folder) =>
    context.brokenCertificateAddresses.has(addressKey(folder.address)),
  );
  const reasons: string[] = [];
  if (leftovers.length > 0) {
    reasons.push(
      `${leftovers.length} folder${leftovers.length === 1 ? ' is a leftover' : 's are leftovers'} of a client that is no longer installed`,
    );
  }
  if (failing.length > 0) {
    reasons.push(
      'the sign-in certificate for its address is not valid, so the cached endpoint may be stale',
    );
  }
  if (reasons.length > 0) {
    return {
      ...base,
      status: 'problem',
      summary: `The endpoint cache should be deleted: ${reasons.join('; ')}.`,
      detail:
        'The client caches the server it last connected to and skips discovery next time. When that server changed, sign-in fails until the folder is deleted; the client rebuilds it.',
      evidence,
    };
  }
  return {
    ...base,
    status: 'ok',
    summary: `${folders.length} endpoint cache folder${folders.length === 1 ? '' : 's'}; nothing points to a stale cache.`,
    evidence,
  };
}
