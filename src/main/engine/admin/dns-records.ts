/**
 * The DNS records a Lync / Skype for Business client uses to find its servers, compared with what
 * they should be: Microsoft's values for online-style deployments, or "exists and points at a
 * name that resolves" for on-premises ones. Missing records are named precisely; wrong ones show
 * what was expected beside what was found.
 */
import type { SrvRecord } from 'node:dns';
import type { DnsAnswer, DnsClient } from './dns-client';

export const ONLINE_DNS = {
  lyncdiscover: 'webdir.online.lync.com',
  sip: 'sipdir.online.lync.com',
  sipTls: { priority: 100, weight: 1, port: 443, name: 'sipdir.online.lync.com' },
  federation: { priority: 100, weight: 1, port: 5061, name: 'sipfed.online.lync.com' },
} as const;

const ONLINE_SUFFIX = '.online.lync.com';

export type Deployment = 'online' | 'on-premises';
export type DnsRecordVerdict = 'ok' | 'missing' | 'wrong' | 'no-answer' | 'absent';

export interface DnsRecordCheck {
  /** e.g. "CNAME lyncdiscover.contoso.com" or "SRV _sip._tls.contoso.com". */
  record: string;
  /** Sign-in needs it; otherwise a fault is a warning (federation, internal discovery). */
  required: boolean;
  verdict: DnsRecordVerdict;
  expected: string;
  found: string;
}

export interface DnsRecordsResult {
  domain: string;
  deployment: Deployment;
  checks: DnsRecordCheck[];
  /** The `_sip._tls` SRV answer with the lowest priority, for the certificate probe. */
  sipTlsTarget?: { host: string; port: number };
  /** CNAME chains by name, for telling an expected certificate name mismatch. */
  cnameChains: Record<string, string[]>;
}

type NameAnswer =
  | { kind: 'cname'; target: string }
  | { kind: 'address'; addresses: string[] }
  | { kind: 'missing' }
  | { kind: 'no-answer'; message: string };

async function lookupName(dns: DnsClient, name: string): Promise<NameAnswer> {
  const alias = await dns.cname(name);
  if (alias.ok && alias.records[0]) return { kind: 'cname', target: alias.records[0] };
  if (!alias.ok && alias.kind === 'no-answer') return { kind: 'no-answer', message: alias.message };
  const addresses = await dns.addresses(name);
  if (addresses.ok) return { kind: 'address', addresses: addresses.records };
  return addresses.kind === 'no-answer'
    ? { kind: 'no-answer', message: addresses.message }
    : { kind: 'missing' };
}

const srvText = (r: Pick<SrvRecord, 'priority' | 'weight' | 'port' | 'name'>) =>
  `priority ${r.priority}, weight ${r.weight}, port ${r.port}, ${r.name}`;

function foundText(answer: NameAnswer): string {
  switch (answer.kind) {
    case 'cname':
      return `CNAME ${answer.target}`;
    case 'address':
      return `address ${answer.addresses.join(', ')}`;
    case 'missing':
      return 'no record';
    case 'no-answer':
      return `no answer (${answer.message})`;
  }
}

async function resolves(dns: DnsClient, name: string): Promise<DnsAnswer<string>> {
  return dns.addresses(name);
}

/** A record that exists but whose target has no address is as broken as a missing one. */
async function targetVerdict(
  dns: DnsClient,
  target: string,
): Promise<{ verdict: DnsRecordVerdict; note: string }> {
  const answer = await resolves(dns, target);
  if (answer.ok) return { verdict: 'ok', note: '' };
  if (answer.kind === 'no-answer') return { verdict: 'no-answer', note: ` (${answer.message})` };
  return { verdict: 'wrong', note: `, which does not resolve to an address` };
}

async function checkName(
  dns: DnsClient,
  name: string,
  answer: NameAnswer,
  deployment: Deployment,
  onlineTarget: string | undefined,
  required: boolean,
): Promise<DnsRecordCheck> {
  const record = onlineTarget && deployment === 'online' ? `CNAME ${name}` : name;
  const expected =
    deployment === 'online' && onlineTarget
      ? `CNAME ${onlineTarget}`
      : 'a CNAME or address record pointing at your own servers';
  const base = { record, required, expected };
  if (answer.kind === 'missing')
    return { ...base, verdict: required ? 'missing' : 'absent', found: 'no record' };
  if (answer.kind === 'no-answer')
    return { ...base, verdict: 'no-answer', found: foundText(answer) };
  if (deployment === 'online' && onlineTarget) {
    if (answer.kind !== 'cname' || answer.target !== onlineTarget) {
      return { ...base, verdict: 'wrong', found: foundText(answer) };
    }
  }
  if (answer.kind === 'cname') {
    const target = await targetVerdict(dns, answer.target);
    return { ...base, verdict: target.verdict, found: `${foundText(answer)}${target.note}` };
  }
  return { ...base, verdict: 'ok', found: foundText(answer) };
}

async function checkSrv(
  dns: DnsClient,
  name: string,
  answer: DnsAnswer<SrvRecord>,
  deployment: Deployment,
  online: (typeof ONLINE_DNS)['sipTls'] | (typeof ONLINE_DNS)['federation'],
  required: boolean,
): Promise<DnsRecordCheck> {
  const base = {
    record: `SRV ${name}`,
    required,
    expected: deployment === 'online' ? srvText(online) : `a target and port of your own servers`,
  };
  if (!answer.ok) {
    if (answer.kind === 'no-answer')
      return { ...base, verdict: 'no-answer', found: `no answer (${answer.message})` };
    return { ...base, verdict: required ? 'missing' : 'absent', found: 'no record' };
  }
  const records = [...answer.records].sort(
    (a, b) => a.priority - b.priority || b.weight - a.weight,
  );
  const found = records.map(srvText).join('; ');
  if (deployment === 'online') {
    const matches = records.some(
      (r) =>
        r.priority === online.priority &&
        r.weight === online.weight &&
        r.port === online.port &&
        r.name === online.name,
    );
    if (!matches) return { ...base, verdict: 'wrong', found };
  }
  const first = records[0] as SrvRecord;
  const target = await targetVerdict(dns, first.name);
  return { ...base, verdict: target.verdict, found: `${found}${target.note}` };
}

function looksOnline(values: Array<string | undefined>): boolean {
  return values.some((value) => value !== undefined && value.endsWith(ONLINE_SUFFIX));
}

export async function checkDnsRecords(
  dns: DnsClient,
  domain: string,
  deployment: Deployment | 'auto' = 'auto',
): Promise<DnsRecordsResult> {
  const names = {
    lyncdiscover: `lyncdiscover.${domain}`,
    internal: `lyncdiscoverinternal.${domain}`,
    sip: `sip.${domain}`,
    sipTls: `_sip._tls.${domain}`,
    federation: `_sipfederationtls._tcp.${domain}`,
  };
  const [lyncdiscover, internal, sip, sipTls, federation] = await Promise.all([
    lookupName(dns, names.lyncdiscover),
    lookupName(dns, names.internal),
    lookupName(dns, names.sip),
    dns.srv(names.sipTls),
    dns.srv(names.federation),
  ]);
  const cnameOf = (answer: NameAnswer) => (answer.kind === 'cname' ? answer.target : undefined);
  const srvNames = (answer: DnsAnswer<SrvRecord>) =>
    answer.ok ? answer.records.map((r) => r.name) : [];
  const mode: Deployment =
    deployment !== 'auto'
      ? deployment
      : looksOnline([
            cnameOf(lyncdiscover),
            cnameOf(sip),
            ...srvNames(sipTls),
            ...srvNames(federation),
          ])
        ? 'online'
        : 'on-premises';

  const checks = await Promise.all([
    checkName(dns, names.lyncdiscover, lyncdiscover, mode, ONLINE_DNS.lyncdiscover, true),
    checkName(dns, names.sip, sip, mode, ONLINE_DNS.sip, true),
    checkSrv(dns, names.sipTls, sipTls, mode, ONLINE_DNS.sipTls, true),
    checkSrv(dns, names.federation, federation, mode, ONLINE_DNS.federation, false),
    // Clients try lyncdiscoverinternal first: a stale one sends them to a server that is gone.
    checkName(dns, names.internal, internal, mode, ONLINE_DNS.lyncdiscover, false),
  ]);

  const firstSrv = sipTls.ok
    ? [...sipTls.records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0]
    : undefined;
  const chains = await Promise.all(
    [names.lyncdiscover, names.internal, names.sip].map(
      async (name) => [name, await dns.cnameChain(name)] as const,
    ),
  );
  return {
    domain,
    deployment: mode,
    checks,
    ...(firstSrv ? { sipTlsTarget: { host: firstSrv.name, port: firstSrv.port } } : {}),
    cnameChains: Object.fromEntries(chains),
  };
}
