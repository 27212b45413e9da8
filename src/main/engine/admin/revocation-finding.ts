/**
 * The `revocation` finding: every CRL and OCSP address the chains name, as this PC reached it.
 * A certificate whose every address fails cannot be checked for revocation, and the client then
 * refuses the server: that is the problem. An address failing beside another that works is a
 * warning; addresses not tried (LDAP) leave the answer open.
 */
import type { Evidence, Finding } from '../../../shared/findings';
import type { RevocationCheck } from '../../../shared/model/admin';
import {
  LOCKED_DOWN_REVOCATION,
  REVOCATION_NO_CHAIN,
  REVOCATION_NONE_NAMED,
  REVOCATION_NOT_TRIED_SUMMARY,
  revocationEvidence,
  revocationLabel,
  revocationOkSummary,
  revocationProblemSummary,
  revokedCertificateSummary,
} from '../../../shared/wording';
import type { RevocationResult } from './revocation';

/** No revocation answer the client could use came from this address. */
const failed = (check: RevocationCheck) =>
  check.outcome === 'unreachable' ||
  check.outcome === 'timed-out' ||
  check.outcome === 'untrusted-answer';

export function revocationFinding(result: RevocationResult): Finding {
  const evidence: Evidence[] = result.checks.map((check) => ({
    kind: 'address',
    label: revocationLabel(check.kind, check.url),
    value: revocationEvidence(check),
  }));
  const base = {
    id: 'revocation' as const,
    kbStep: 'admin-certificate-chain' as const,
    evidence,
    repairs: [],
  };
  if (result.chainsRead === 0) return { ...base, status: 'unknown', summary: REVOCATION_NO_CHAIN };
  if (result.checks.length === 0) return { ...base, status: 'ok', summary: REVOCATION_NONE_NAMED };

  const revoked = result.checks.find((check) => check.certificateStatus === 'revoked');
  if (revoked) {
    return {
      ...base,
      status: 'problem',
      summary: revokedCertificateSummary(revoked.url, revoked.namedBy[0] ?? ''),
    };
  }

  const byKey = new Map(result.checks.map((check) => [`${check.kind} ${check.url}`, check]));
  const stranded = [...result.byCertificate.values()].filter(({ urls }) => {
    const checks = urls.flatMap((key) => byKey.get(key) ?? []);
    return checks.some(failed) && !checks.some((check) => check.outcome === 'reachable');
  });
  const failing = result.checks.filter(failed);
  const reached = result.checks.filter((check) => check.outcome === 'reachable').length;
  if (failing.length > 0) {
    return {
      ...base,
      status: stranded.length > 0 ? 'problem' : 'warning',
      summary: revocationProblemSummary(failing),
      detail: LOCKED_DOWN_REVOCATION,
    };
  }
  if (reached === 0) return { ...base, status: 'unknown', summary: REVOCATION_NOT_TRIED_SUMMARY };
  return { ...base, status: 'ok', summary: revocationOkSummary(reached) };
}
