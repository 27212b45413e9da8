/**
 * How a Lync / Skype for Business client finds its pool without a cached endpoint, record by
 * record in the client's own order: the web services' autodiscover names first, then the SIP
 * records. Each record is reported as found, missing, dangling (its target has no address),
 * unanswered, or retired (it points at Skype for Business Online); the first that answers is the
 * one the client uses.
 */
import type { SrvAnswer } from '../../host/network/ports';
import type { DnsAnswer, DnsClient } from './dns-client';

export type DiscoveryRecordId =
  | 'lyncdiscoverinternal'
  | 'lyncdiscover'
  | 'sipinternaltls'
  | 'sip-tls'
  | 'sipinternal'
  | 'sip'
  | 'sipexternal';

export interface DiscoveryRecordSpec {
  id: DiscoveryRecordId | 'federation';
  /** A host name record (CNAME or A/AAAA) or an SRV record. */
  type: 'name' | 'srv';
  prefix: string;
  /** Inside the network only, or published to the internet (the edge, the reverse proxy). */
  scope: 'internal' | 'external';
  /** What the client reaches through it: the web services (HTTPS) or the SIP pool (SIP over TLS). */
  service: 'web' | 'sip' | 'federation';
  /** The port the client connects to when the record itself names none. */
  port: number;
}

/**
 * The client's order, as Microsoft documents it ("Walkthrough of Skype for Business clients
 * locating services", Advanced Edge Server DNS planning): autodiscover first, then the SIP SRV
 * records, then the host-name fallbacks.
 */
export const DISCOVERY_ORDER: readonly DiscoveryRecordSpec[] = [
  {
    id: 'lyncdiscoverinternal',
    type: 'name',
    prefix: 'lyncdiscoverinternal',
    scope: 'internal',
    service: 'web',
    port: 443,
  },
  {
    id: 'lyncdiscover',
    type: 'name',
    prefix: 'lyncdiscover',
    scope: 'external',
    service: 'web',
    port: 443,
  },
  {
    id: 'sipinternaltls',
    type: 'srv',
    prefix: '_sipinternaltls._tcp',
    scope: 'internal',
    service: 'sip',
    port: 5061,
  },
  { id: 'sip-tls', type: 'srv', prefix: '_sip._tls', scope: 'external', service: 'sip', port: 443 },
  {
    id: 'sipinternal',
    type: 'name',
    prefix: 'sipinternal',
    scope: 'internal',
    service: 'sip',
    port: 5061,
  },
  // Microsoft documents sip.<domain> as the pool or Director, resolvable inside only.
  { id: 'sip', type: 'name', prefix: 'sip', scope: 'internal', service: 'sip', port: 5061 },
  {
    id: 'sipexternal',
    type: 'name',
    prefix: 'sipexternal',
    scope: 'external',
    service: 'sip',
    port: 443,
  },
];

/** Federation is not used to sign in, but a record left pointing at Microsoft is still stale. */
export const FEDERATION_RECORD: DiscoveryRecordSpec = {
  id: 'federation',
  type: 'srv',
  prefix: '_sipfederationtls._tcp',
  scope: 'external',
  service: 'federation',
  port: 5061,
};

/** Skype for Business Online's names: retired on 31 July 2021, never a valid target now. */
const RETIRED_SUFFIXES = ['.online.lync.com', '.infra.lync.com'];

export const isRetiredOnlineName = (name: string) =>
  RETIRED_SUFFIXES.some((suffix) => name.toLowerCase().replace(/\.$/, '').endsWith(suffix));

export type DiscoveryState = 'found' | 'missing' | 'dangling' | 'no-answer' | 'retired';

export interface DiscoveryRecord {
  spec: DiscoveryRecordSpec;
  /** The full DNS name asked, e.g. `_sipinternaltls._tcp.contoso.com`. */
  name: string;
  state: DiscoveryState;
  /** What the DNS server answered, said plainly ("CNAME pool.contoso.com", "no record"). */
  found: string;
  /** Where the client connects through this record, when it resolves (the SRV's target and port). */
  endpoint?: { host: string; port: number };
  /** The Skype for Business Online name the record leads to, when `retired`. */
  retiredName?: string;
}

export type DeploymentShape = 'internal-only' | 'external-only' | 'internal-and-external' | 'none';

export interface DiscoveryResult {
  domain: string;
  /** The seven records, in the client's order. */
  records: DiscoveryRecord[];
  federation: DiscoveryRecord;
  /** The first record that answers: the one the client would use. */
  used?: DiscoveryRecord;
  shape: DeploymentShape;
  /** CNAME chains by name, for telling an expected certificate name mismatch. */
  cnameChains: Record<string, string[]>;
}

const srvText = (r: SrvAnswer) =>
  `priority ${r.priority}, weight ${r.weight}, port ${r.port}, ${r.name}`;

/** Lowest priority first, then the heaviest: the target a client tries first. */
const bySrvPreference = (a: SrvAnswer, b: SrvAnswer) =>
  a.priority - b.priority || b.weight - a.weight;

function unanswered(base: Omit<DiscoveryRecord, 'state' | 'found'>, answer: DnsAnswer<unknown>) {
  return answer.ok
    ? undefined
    : answer.kind === 'missing'
      ? { ...base, state: 'missing' as const, found: 'no record' }
      : { ...base, state: 'no-answer' as const, found: `no answer (${answer.message})` };
}

/** A record whose target has no address sends the client nowhere: it moves on to the next. */
function reachableState(addresses: DnsAnswer<string>): {
  state: 'found' | 'dangling' | 'no-answer';
  note: string;
} {
  if (addresses.ok) return { state: 'found', note: ` (${addresses.records.join(', ')})` };
  return addresses.kind === 'no-answer'
    ? { state: 'no-answer', note: ` (${addresses.message})` }
    : { state: 'dangling', note: `, which does not resolve to an address` };
}

async function lookUpName(
  dns: DnsClient,
  spec: DiscoveryRecordSpec,
  name: string,
): Promise<DiscoveryRecord> {
  const base = { spec, name };
  // Both at once: the address look-up follows the CNAMEs itself, so one budget covers the two.
  const [chain, addresses] = await Promise.all([dns.cnameChain(name), dns.addresses(name)]);
  const retired = [name, ...chain].find(isRetiredOnlineName);
  if (chain.length > 0) {
    const found = `CNAME ${chain.join(' → ')}`;
    if (retired) return { ...base, state: 'retired', found, retiredName: retired };
    const target = reachableState(addresses);
    return {
      ...base,
      state: target.state,
      found: `${found}${target.note}`,
      ...(target.state === 'found' ? { endpoint: { host: name, port: spec.port } } : {}),
    };
  }
  const failed = unanswered(base, addresses);
  if (failed || !addresses.ok) return failed as DiscoveryRecord;
  return {
    ...base,
    state: 'found',
    found: `address ${addresses.records.join(', ')}`,
    endpoint: { host: name, port: spec.port },
  };
}

async function lookUpSrv(
  dns: DnsClient,
  spec: DiscoveryRecordSpec,
  name: string,
): Promise<DiscoveryRecord> {
  const base = { spec, name };
  const answer = await dns.srv(name);
  const failed = unanswered(base, answer);
  if (failed || !answer.ok) return failed as DiscoveryRecord;
  const records = [...answer.records].sort(bySrvPreference);
  const found = `SRV ${records.map(srvText).join('; ')}`;
  const retired = records.find((record) => isRetiredOnlineName(record.name));
  if (retired) return { ...base, state: 'retired', found, retiredName: retired.name };
  const first = records[0] as SrvAnswer;
  const target = reachableState(await dns.addresses(first.name));
  return {
    ...base,
    state: target.state,
    found: `${found}${target.state === 'found' ? '' : target.note}`,
    ...(target.state === 'found' ? { endpoint: { host: first.name, port: first.port } } : {}),
  };
}

const lookUp = (dns: DnsClient, spec: DiscoveryRecordSpec, domain: string) => {
  const name = `${spec.prefix}.${domain}`;
  return spec.type === 'srv' ? lookUpSrv(dns, spec, name) : lookUpName(dns, spec, name);
};

function shapeOf(records: DiscoveryRecord[]): DeploymentShape {
  const present = (scope: DiscoveryRecordSpec['scope']) =>
    records.some((record) => record.spec.scope === scope && record.state === 'found');
  const internal = present('internal');
  const external = present('external');
  if (internal && external) return 'internal-and-external';
  if (internal) return 'internal-only';
  return external ? 'external-only' : 'none';
}

export async function discoverPool(dns: DnsClient, domain: string): Promise<DiscoveryResult> {
  // Asked together (each within the DNS budget), reported in the client's order.
  const [records, federation] = await Promise.all([
    Promise.all(DISCOVERY_ORDER.map((spec) => lookUp(dns, spec, domain))),
    lookUp(dns, FEDERATION_RECORD, domain),
  ]);
  // A retired record answers too: the client follows it to Microsoft's switched-off service.
  const used = records.find((record) => record.state === 'found' || record.state === 'retired');
  const cnameChains = Object.fromEntries(
    await Promise.all(
      records
        .filter((record) => record.spec.type === 'name')
        .map(async (record) => [record.name, await dns.cnameChain(record.name)] as const),
    ),
  );
  return {
    domain,
    records,
    federation,
    ...(used ? { used } : {}),
    shape: shapeOf(records),
    cnameChains,
  };
}
