/**
 * DNS look-ups for the administrators' step over the network port: the PC's own DNS servers by
 * default, or the servers an administrator (or a test) names. Every query has a time budget,
 * answers are remembered for the run, and "no such record" is kept apart from "no answer", so a
 * DNS server that is down never reads as a missing record.
 */
import type { DnsQueries, DnsQueryResult, NetworkPort, SrvAnswer } from '../../host/network/ports';

export type DnsAnswer<T> =
  { ok: true; records: T[] } | { ok: false; kind: 'missing' | 'no-answer'; message: string };

export interface DnsClient {
  /** Who answers, for reports: "127.0.0.1:5353" or "the PC's DNS servers". */
  readonly servers: string;
  cname(name: string): Promise<DnsAnswer<string>>;
  srv(name: string): Promise<DnsAnswer<SrvAnswer>>;
  /** IPv4 then IPv6 addresses of `name`, following CNAMEs. */
  addresses(name: string): Promise<DnsAnswer<string>>;
  /** The CNAME chain from `name` (not including it), empty when `name` has no CNAME. */
  cnameChain(name: string): Promise<string[]>;
  close(): void;
}

export interface DnsClientOptions {
  servers?: string[];
  timeoutMs: number;
}

const MAX_CNAME_HOPS = 8;

function toAnswer<T>(result: DnsQueryResult<T>, name: string, type: string): DnsAnswer<T> {
  if (result.ok) return result;
  return result.kind === 'missing'
    ? { ok: false, kind: 'missing', message: `no ${type} record for ${name}` }
    : { ok: false, kind: 'no-answer', message: `${type} ${name}: ${result.message}` };
}

const normalise = (name: string) => name.replace(/\.$/, '').toLowerCase();

export function createDnsClient(network: NetworkPort, options: DnsClientOptions): DnsClient {
  const queries: DnsQueries = network.dns(options);
  const cache = new Map<string, Promise<DnsAnswer<unknown>>>();

  function query<T>(
    type: string,
    name: string,
    run: () => Promise<DnsQueryResult<T>>,
  ): Promise<DnsAnswer<T>> {
    const key = `${type} ${normalise(name)}`;
    let pending = cache.get(key) as Promise<DnsAnswer<T>> | undefined;
    if (!pending) {
      pending = run().then((result) => toAnswer(result, name, type));
      cache.set(key, pending as Promise<DnsAnswer<unknown>>);
    }
    return pending;
  }

  const client: DnsClient = {
    servers:
      options.servers && options.servers.length > 0
        ? options.servers.join(', ')
        : "the PC's DNS servers",
    cname: (name) =>
      query('CNAME', name, () => queries.cname(name)).then((answer) =>
        answer.ok ? { ok: true, records: answer.records.map(normalise) } : answer,
      ),
    srv: (name) =>
      query('SRV', name, () => queries.srv(name)).then((answer) =>
        answer.ok
          ? { ok: true, records: answer.records.map((r) => ({ ...r, name: normalise(r.name) })) }
          : answer,
      ),
    async addresses(name) {
      let current = name;
      for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
        const [v4, v6] = await Promise.all([
          query('A', current, () => queries.ipv4(current)),
          query('AAAA', current, () => queries.ipv6(current)),
        ]);
        const found = [...(v4.ok ? v4.records : []), ...(v6.ok ? v6.records : [])];
        if (found.length > 0) return { ok: true, records: found };
        if (!v4.ok && v4.kind === 'no-answer') return v4;
        // Some servers answer a CNAME without the address behind it: follow it ourselves.
        const alias = await client.cname(current);
        if (!alias.ok || !alias.records[0]) {
          return alias.ok || alias.kind === 'missing'
            ? { ok: false, kind: 'missing', message: `${name} has no address` }
            : alias;
        }
        current = alias.records[0];
      }
      return { ok: false, kind: 'missing', message: `${name} has a CNAME loop` };
    },
    async cnameChain(name) {
      const chain: string[] = [];
      let current = name;
      while (chain.length < MAX_CNAME_HOPS) {
        const alias = await client.cname(current);
        const next = alias.ok ? alias.records[0] : undefined;
        if (!next || chain.includes(next)) break;
        chain.push(next);
        current = next;
      }
      return chain;
    },
    close: () => queries.close(),
  };
  return client;
}
