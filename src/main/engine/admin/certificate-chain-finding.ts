/**
 * The `certificate-chain` finding: for every server, reachable or not, and for every link of its
 * chain, what it is and what is wrong with it, in words an administrator can act on.
 */
import type { RepairStepId } from '../../../shared/repairs';
import type { Evidence, Finding } from '../../../shared/findings';
import type { ChainLink } from './chain-verifier';
import type { TargetOutcome } from './check-target';
import type { DistrustedUserRoot } from './distrusted-roots';
import { targetLabel } from './targets';

export interface CertificateChainInput {
  outcomes: TargetOutcome[];
  distrustedRoots: DistrustedUserRoot[];
  /** Store-reading problems and the like, said as they are. */
  notes: string[];
}

const ROLE_WORDS: Record<ChainLink['role'], string> = {
  server: 'server certificate',
  intermediate: 'intermediate',
  root: 'root',
};

function linkEvidence(label: string, link: ChainLink): Evidence {
  const { info } = link;
  const from = link.source === 'presented' ? 'sent by the server' : `from ${link.source}`;
  const verdict =
    link.faults.length > 0
      ? `PROBLEM: ${link.faults.map((fault) => fault.message).join('; ')}`
      : link.notes.length > 0
        ? `OK. ${link.notes.join(' ')}`
        : 'OK';
  return {
    kind: 'certificate',
    label: `${label} link ${link.position + 1}: ${ROLE_WORDS[link.role]} (${from})`,
    value:
      `${info.subject}; issued by ${info.issuer}; thumbprint ${info.thumbprint}; ` +
      `valid ${info.notBefore.toISOString()} to ${info.notAfter.toISOString()}; ` +
      `${info.signatureAlgorithm.name}. ${verdict}`,
  };
}

function firstFault(outcome: TargetOutcome): string | undefined {
  if (outcome.state !== 'checked') return undefined;
  for (const link of outcome.verdict.links) {
    const fault = link.faults[0];
    if (fault) return `${ROLE_WORDS[link.role]} ${link.info.subject}: ${fault.message}`;
  }
  return outcome.verdict.links.length === 0 ? outcome.verdict.notes[0] : undefined;
}

function distrustedText(root: DistrustedUserRoot): string {
  const known =
    root.knownCase === 'digicert-global-root-g2'
      ? ' This is the known DigiCert Global Root G2 case: Microsoft 365 and Skype for Business Online chains end at this root.'
      : '';
  return (
    `${root.subject} (thumbprint ${root.thumbprint}) is in CurrentUser\\Root and also in ` +
    `${root.distrustedIn.join(' and ')}, so Windows treats it as explicitly distrusted.${known}`
  );
}

export function certificateChainFinding(input: CertificateChainInput): Finding {
  const evidence: Evidence[] = [];
  const detail: string[] = [];
  const failing: Array<{ label: string; reason: string }> = [];
  let reachable = 0;
  let addedUnreachable = 0;

  for (const outcome of input.outcomes) {
    const label = targetLabel(outcome.target);
    if (outcome.state === 'not-in-dns') {
      evidence.push({ kind: 'host', label, value: `not checked: ${outcome.reason}` });
      if (outcome.target.origin === 'added') addedUnreachable++;
      continue;
    }
    if (outcome.state === 'unreachable') {
      const where = outcome.address ? ` (${outcome.address})` : '';
      evidence.push({ kind: 'host', label, value: `unreachable${where}: ${outcome.reason}` });
      detail.push(`${label} could not be reached: ${outcome.reason}. Its chain was not checked.`);
      if (outcome.target.origin === 'added') addedUnreachable++;
      continue;
    }
    reachable++;
    const { verdict } = outcome;
    const fault = firstFault(outcome);
    evidence.push({
      kind: 'host',
      label,
      value: verdict.trusted
        ? `chain trusted by this PC (${verdict.links.length} links, ${outcome.protocol ?? 'TLS'})`
        : `chain NOT trusted by this PC: ${fault ?? 'no usable certificate'}`,
    });
    for (const link of verdict.links) evidence.push(linkEvidence(label, link));
    for (const note of verdict.notes) evidence.push({ kind: 'text', label, value: note });
    if (!verdict.trusted) {
      failing.push({ label, reason: fault ?? 'no usable certificate' });
      detail.push(`${label}: ${fault ?? 'no usable certificate'}.`);
    }
  }

  for (const root of input.distrustedRoots) {
    evidence.push({
      kind: 'thumbprint',
      label: 'Distrusted root in CurrentUser\\Root',
      value: distrustedText(root),
    });
    detail.push(
      `${distrustedText(root)} Removing the user-level copy from CurrentUser\\Root fixes it; ` +
        'it is backed up first and can be undone.',
    );
  }
  for (const note of input.notes)
    evidence.push({ kind: 'text', label: 'Trust stores', value: note });

  const repairs: RepairStepId[] =
    input.distrustedRoots.length > 0 ? ['remove-distrusted-root'] : [];
  const base = {
    id: 'certificate-chain' as const,
    kbStep: 'admin-certificate-chain' as const,
    evidence,
    repairs,
  };
  const detailText = detail.length > 0 ? detail.join('\n') : undefined;
  const withDetail = detailText ? { detail: detailText } : {};

  if (failing.length > 0 || input.distrustedRoots.length > 0) {
    const first = failing[0];
    const summary = first
      ? failing.length === 1
        ? `This PC does not trust the certificate chain of ${first.label}: ${first.reason}.`
        : `This PC does not trust the certificate chains of ${failing.length} servers; first ${first.label}: ${first.reason}.`
      : `A root certificate in your user's trusted roots is also marked as distrusted: ${input.distrustedRoots[0]?.subject}.`;
    return { ...base, status: 'problem', summary, ...withDetail };
  }
  if (reachable === 0) {
    return {
      ...base,
      status: 'unknown',
      summary:
        input.outcomes.length === 0
          ? 'No server to check: no DNS record leads to one and none was added (host:port).'
          : 'No server could be reached, so no certificate chain was checked.',
      ...withDetail,
    };
  }
  if (addedUnreachable > 0) {
    return {
      ...base,
      status: 'warning',
      summary: `The chains that could be checked are trusted, but ${addedUnreachable} of the servers you added could not be reached.`,
      ...withDetail,
    };
  }
  return {
    ...base,
    status: 'ok',
    summary: `This PC trusts the certificate chain of every server it reached (${reachable}).`,
    ...withDetail,
  };
}
