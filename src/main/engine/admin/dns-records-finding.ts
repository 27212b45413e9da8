/**
 * The `dns-records` finding: the client's discovery records in its order, which one it uses,
 * what the deployment publishes, and records still pointing at Skype for Business Online.
 */
import type { Evidence, Finding } from '../../../shared/findings';
import {
  danglingRecordsSummary,
  DEPLOYMENT_SHAPE_WORDS,
  DISCOVERY_ORDER_NOTE,
  discoveryEvidence,
  discoveryRecordLabel,
  dnsUnansweredSummary,
  NO_DOMAIN_DETAIL,
  NO_DOMAIN_SUMMARY,
  noPoolSummary,
  notNeededDetail,
  poolFoundSummary,
  retiredRecordDetail,
  retiredRecordsSummary,
} from '../../../shared/wording';
import type { DiscoveryRecord, DiscoveryResult } from './discovery';

const recordName = (record: DiscoveryRecord) =>
  `${record.spec.type === 'srv' ? 'SRV ' : ''}${record.name}`;

/** External records an internal-only deployment does without: not a fault, said as a note. */
function notNeeded(result: DiscoveryResult, record: DiscoveryRecord): boolean {
  return (
    result.shape === 'internal-only' &&
    record.spec.scope === 'external' &&
    record.state === 'missing'
  );
}

function evidenceFor(
  result: DiscoveryResult,
  record: DiscoveryRecord,
  position: number | undefined,
): Evidence {
  return {
    kind: 'host',
    label: discoveryRecordLabel(position, record.spec.type, record.name),
    value: discoveryEvidence({
      state: record.state,
      found: record.found,
      scope: record.spec.scope,
      service: record.spec.service,
      used: record === result.used,
      notNeeded: notNeeded(result, record),
    }),
  };
}

export function dnsRecordsFinding(result: DiscoveryResult | undefined, servers: string): Finding {
  const base = {
    id: 'dns-records' as const,
    kbStep: 'admin-certificate-chain' as const,
    repairs: [],
  };
  if (!result) {
    return {
      ...base,
      status: 'unknown',
      summary: NO_DOMAIN_SUMMARY,
      detail: NO_DOMAIN_DETAIL,
      evidence: [],
    };
  }
  const all = [...result.records, result.federation];
  const evidence: Evidence[] = [
    { kind: 'text', label: 'SIP domain', value: result.domain },
    { kind: 'text', label: 'Asked', value: servers },
    { kind: 'text', label: 'Deployment', value: DEPLOYMENT_SHAPE_WORDS[result.shape] },
    { kind: 'text', label: 'Discovery order', value: DISCOVERY_ORDER_NOTE },
    ...result.records.map((record, index) => evidenceFor(result, record, index + 1)),
    evidenceFor(result, result.federation, undefined),
  ];

  const retired = all.filter((record) => record.state === 'retired');
  const dangling = result.records.filter((record) => record.state === 'dangling');
  const unanswered = all.filter((record) => record.state === 'no-answer');
  const absentExternal = result.records.filter((record) => notNeeded(result, record));
  const detail = [
    ...retired.map((record) => retiredRecordDetail(recordName(record), record.retiredName ?? '')),
    ...(absentExternal.length > 0 ? [notNeededDetail(absentExternal.map(recordName))] : []),
  ];
  const withBase = {
    ...base,
    evidence,
    ...(detail.length > 0 ? { detail: detail.join('\n') } : {}),
  };

  if (retired.length > 0) {
    return {
      ...withBase,
      status: 'problem',
      summary: retiredRecordsSummary(retired.map(recordName)),
    };
  }
  if (unanswered.length > 0) {
    return {
      ...withBase,
      status: 'unknown',
      summary: dnsUnansweredSummary(unanswered.map(recordName)),
    };
  }
  const used = result.used;
  if (!used?.endpoint) {
    return { ...withBase, status: 'problem', summary: noPoolSummary(result.domain) };
  }
  if (dangling.length > 0) {
    return {
      ...withBase,
      status: 'warning',
      summary: danglingRecordsSummary(dangling.map(recordName)),
    };
  }
  return {
    ...withBase,
    status: 'ok',
    summary: poolFoundSummary(recordName(used), `${used.endpoint.host}:${used.endpoint.port}`),
  };
}
