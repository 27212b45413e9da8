/**
 * DNS queries through node:dns's Resolver: the PC's own DNS servers, or the ones named. One try
 * per query within the budget; Node's error codes are sorted into "no such record" and "no
 * answer" here, so callers never see a raw errno.
 */
import { Resolver } from 'node:dns/promises';
import { AppError } from '../../../shared/errors';
import type { DnsFailureCode, DnsQueries, DnsQueryResult, DnsResolverOptions } from './ports';

const MISSING = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);
const CODES: Record<string, { code: DnsFailureCode; message: string }> = {
  ETIMEOUT: { code: 'timeout', message: 'the DNS server did not answer in time' },
  ECONNREFUSED: { code: 'refused', message: 'the DNS server refused the connection' },
  EREFUSED: { code: 'refused', message: 'the DNS server refused the query' },
  ESERVFAIL: { code: 'server-failure', message: 'the DNS server failed to answer' },
  ECANCELLED: { code: 'other', message: 'the query was cancelled' },
};

function failure<T>(error: unknown): DnsQueryResult<T> {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (MISSING.has(errno)) return { ok: false, kind: 'missing' };
  const known = CODES[errno];
  return {
    ok: false,
    kind: 'no-answer',
    code: known?.code ?? 'other',
    message: known?.message ?? (error instanceof Error ? error.message : String(error)),
  };
}

async function run<T>(query: () => Promise<T[]>): Promise<DnsQueryResult<T>> {
  try {
    const records = await query();
    return records.length > 0 ? { ok: true, records } : { ok: false, kind: 'missing' };
  } catch (error) {
    return failure<T>(error);
  }
}

export function nodeDnsQueries(options: DnsResolverOptions): DnsQueries {
  const resolver = new Resolver({ timeout: Math.max(1, options.timeoutMs), tries: 1 });
  if (options.servers && options.servers.length > 0) {
    try {
      resolver.setServers(options.servers);
    } catch (error) {
      resolver.cancel();
      throw new AppError(
        'invalid-request',
        `Not DNS servers to ask: ${options.servers.join(', ')} (give IP addresses, optionally with :port).`,
        {
          servers: options.servers.join(', '),
          reason: error instanceof Error ? error.message : String(error),
        },
      );
    }
  }
  return {
    cname: (name) => run(() => resolver.resolveCname(name)),
    srv: (name) =>
      run(async () =>
        (await resolver.resolveSrv(name)).map(({ priority, weight, port, name: target }) => ({
          priority,
          weight,
          port,
          name: target,
        })),
      ),
    ipv4: (name) => run(() => resolver.resolve4(name)),
    ipv6: (name) => run(() => resolver.resolve6(name)),
    close: () => resolver.cancel(),
  };
}
