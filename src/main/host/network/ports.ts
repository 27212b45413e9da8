/**
 * The network port: everything the administrators' step asks of the network (DNS queries, TLS
 * handshakes, HTTP GETs), as plain data in and out. The engine is written against this interface
 * only; `nodeNetwork()` (node-network.ts) implements it with Node's modules, and it is injected
 * through the product's services, so no engine file opens a socket itself.
 */

/** One SRV answer, as the DNS server sent it. */
export interface SrvAnswer {
  priority: number;
  weight: number;
  port: number;
  name: string;
}

/**
 * Why a DNS query gave no records: the name or type does not exist (`missing`), or the server
 * could not tell (`no-answer`: timed out, refused, failed). The two are never confused: a DNS
 * server that is down must not read as a missing record.
 */
export type DnsFailure =
  | { ok: false; kind: 'missing' }
  | { ok: false; kind: 'no-answer'; code: DnsFailureCode; message: string };

export type DnsFailureCode = 'timeout' | 'refused' | 'server-failure' | 'other';

export type DnsQueryResult<T> = { ok: true; records: T[] } | DnsFailure;

/** Queries to one set of DNS servers, each with the budget the resolver was opened with. */
export interface DnsQueries {
  cname(name: string): Promise<DnsQueryResult<string>>;
  srv(name: string): Promise<DnsQueryResult<SrvAnswer>>;
  ipv4(name: string): Promise<DnsQueryResult<string>>;
  ipv6(name: string): Promise<DnsQueryResult<string>>;
  /** Cancels queries still running; later queries answer `no-answer`. */
  close(): void;
}

export interface DnsResolverOptions {
  /** `ip` or `ip:port`; none: the PC's own DNS servers. */
  servers?: string[];
  timeoutMs: number;
}

export interface TlsProbeRequest {
  /** The name the client uses: sent as SNI (and in the Host header when `http`). */
  host: string;
  port: number;
  /** Where to connect when the name was resolved elsewhere (e.g. through a chosen DNS server). */
  connectAddress?: string;
  /**
   * Ask `HEAD /` on the same connection for the server's clock. Off for SIP servers, which
   * speak SIP, not HTTP, after the handshake.
   */
  http: boolean;
  /** Budget for the whole probe: connection, handshake and the HTTP answer. */
  timeoutMs: number;
  now: () => Date;
}

export type TlsProbeResult =
  | {
      reachable: true;
      /** As presented by the server, server certificate first (DER). */
      chain: Uint8Array[];
      protocol: string | null;
      /** From the HTTP `Date` header, when the server answered HTTP in time. */
      serverDate?: Date;
      /** The PC's time halfway between sending the request and reading the answer. */
      localDate?: Date;
      /** Why no server time was obtained, when it was asked for and not obtained. */
      dateNote?: string;
    }
  | { reachable: false; reason: string; unresolved?: boolean };

export interface HttpGetRequest {
  /** An `http:` URL. */
  url: string;
  /** Where to connect when the URL's host was resolved elsewhere. */
  connectAddress?: string;
  /** Budget for the whole request: connection, headers and body. */
  timeoutMs: number;
  /** Bodies longer than this are cut (and said to be). */
  maxBytes: number;
}

export type HttpGetResult =
  | {
      outcome: 'answered';
      status: number;
      contentType?: string;
      body: Uint8Array;
      /** The body was longer than `maxBytes`. */
      truncated: boolean;
      elapsedMs: number;
    }
  | { outcome: 'timed-out'; elapsedMs: number }
  | { outcome: 'failed'; reason: string; unresolved: boolean; elapsedMs: number };

export interface NetworkPort {
  /** Throws AppError `invalid-request` when `servers` are not DNS server addresses. */
  dns(options: DnsResolverOptions): DnsQueries;
  probeTls(request: TlsProbeRequest): Promise<TlsProbeResult>;
  httpGet(request: HttpGetRequest): Promise<HttpGetResult>;
}
