/** The `dns-records` finding: every record by name, expected beside found. */
import type { Evidence, Finding } from '../../../shared/findings';
import type { DnsRecordCheck, DnsRecordsResult } from './dns-records';

const VERDICT_WORDS: Record<DnsRecordCheck['verdict'], string> = {
  ok: 'OK',
  missing: 'MISSING',
  wrong: 'WRONG',
  'no-answer': 'NO ANSWER',
  absent: 'not present',
};

function evidenceFor(check: DnsRecordCheck): Evidence {
  const expected = check.verdict === 'ok' ? '' : `; expected ${check.expected}`;
  return {
    kind: 'host',
    label: check.record,
    value: `${VERDICT_WORDS[check.verdict]}: found ${check.found}${expected}`,
  };
}

function sentence(check: DnsRecordCheck): string {
  switch (check.verdict) {
    case 'missing':
      return `Missing DNS record: ${check.record} (expected ${check.expected}).`;
    case 'wrong':
      return `Wrong DNS record: ${check.record} is ${check.found}; expected ${check.expected}.`;
    case 'no-answer':
      return `No answer for ${check.record}: ${check.found}.`;
    case 'absent':
      return `${check.record} is not present (optional; expected ${check.expected} where used).`;
    case 'ok':
      return `${check.record}: ${check.found}.`;
  }
}

export function dnsRecordsFinding(result: DnsRecordsResult | undefined, servers: string): Finding {
  const base = {
    id: 'dns-records' as const,
    kbStep: 'admin-certificate-chain' as const,
    repairs: [],
  };
  if (!result) {
    return {
      ...base,
      status: 'unknown',
      summary: 'No SIP domain is known, so the DNS records were not checked.',
      detail: 'Give the SIP domain (for example contoso.com) to check its DNS records.',
      evidence: [],
    };
  }
  const evidence: Evidence[] = [
    { kind: 'text', label: 'SIP domain', value: result.domain },
    {
      kind: 'text',
      label: 'Compared with',
      value:
        result.deployment === 'online'
          ? "Microsoft's online values (the records point at *.online.lync.com)"
          : 'an on-premises deployment (records must exist and point at names that resolve)',
    },
    { kind: 'text', label: 'Asked', value: servers },
    ...result.checks.map(evidenceFor),
  ];
  const problems = result.checks.filter(
    (c) => c.required && (c.verdict === 'missing' || c.verdict === 'wrong'),
  );
  const warnings = result.checks.filter((c) => !c.required && c.verdict === 'wrong');
  const optionalMissing = result.checks.filter(
    (c) => c.verdict === 'absent' && c.record.includes('_sipfederationtls'),
  );
  const unanswered = result.checks.filter((c) => c.verdict === 'no-answer');
  const detail = result.checks.map(sentence).join('\n');
  const withBase = { ...base, evidence, detail };

  if (problems.length > 0) {
    const first = problems[0] as DnsRecordCheck;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    const summary = `${sentence(first).replace(/\.$/, '')}${more}.`;
    return { ...withBase, status: 'problem', summary };
  }
  if (unanswered.length > 0) {
    return {
      ...withBase,
      status: 'unknown',
      summary: `The DNS server did not answer for ${unanswered.map((c) => c.record).join(', ')}.`,
    };
  }
  const soft = [...warnings, ...optionalMissing];
  if (soft.length > 0) {
    return { ...withBase, status: 'warning', summary: sentence(soft[0] as DnsRecordCheck) };
  }
  return {
    ...withBase,
    status: 'ok',
    summary: `The DNS records for ${result.domain} are as expected.`,
  };
}
