/**
 * The administrators' step (KB "Resolution for administrators"): the certificate chain each
 * sign-in server presents, judged against this PC's own trust stores; the DNS records the client
 * uses to find them; and the PC's clock against theirs. Reads only: the one repair it offers
 * (`remove-distrusted-root`) goes through the engine's plan, backup and undo like every change.
 */
import type { Finding } from '../../../shared/findings';
import { AppError } from '../../../shared/errors';
import type { HostSystem } from '../../host/ports';
import { certificateChainFinding } from './certificate-chain-finding';
import { checkTarget, type TargetOutcome } from './check-target';
import { clockFinding } from './clock-finding';
import { currentSipDomain } from './current-domain';
import { createDnsClient } from './dns-client';
import { checkDnsRecords, type Deployment, type DnsRecordsResult } from './dns-records';
import { dnsRecordsFinding } from './dns-records-finding';
import { findDistrustedUserRoots, type DistrustedUserRoot } from './distrusted-roots';
import {
  derivedTargets,
  parseDomain,
  parseTarget,
  uniqueTargets,
  type ProbeTarget,
} from './targets';
import { loadTrust } from './trust-store';

export interface AdminCheckOptions {
  /** SIP domain; default: the domain of the address the client last signed in with. */
  domain?: string;
  /** Extra `host:port` to check (AD FS, edge, reverse proxy); port 443 when absent. */
  targets?: string[];
  /** Ask these DNS servers (`ip` or `ip:port`) instead of the PC's own, for records and names. */
  dns?: { servers?: string[] };
  /**
   * Port to use for a derived name (lyncdiscover.<domain>, sip.<domain>, the SRV target), by
   * host name. Lets tests point the derived targets at loopback servers.
   */
  portOverrides?: Record<string, number>;
  /** What the DNS records are compared with; `auto` tells from the records themselves. */
  deployment?: Deployment | 'auto';
  /** Budget per probe and per DNS query, in ms (default 4000). */
  timeoutMs?: number;
  now?: () => Date;
}

export const DEFAULT_ADMIN_TIMEOUT_MS = 4000;
/** DNS answers come fast or not at all; a dead server must not eat the probes' budget. */
const MAX_DNS_TIMEOUT_MS = 2000;

function alternateNamesFor(target: ProbeTarget, dns: DnsRecordsResult | undefined) {
  if (target.origin !== 'lyncdiscover' && target.origin !== 'lyncdiscoverinternal')
    return undefined;
  const chain = dns?.cnameChains[target.host] ?? [];
  if (chain.length === 0) return undefined;
  return {
    names: chain,
    reason: `${target.host} is a CNAME for ${chain.join(' → ')}, so the server answers with that name's certificate`,
  };
}

export async function runAdminChecks(
  host: HostSystem,
  options: AdminCheckOptions = {},
): Promise<Finding[]> {
  const now = options.now ?? (() => new Date());
  const timeoutMs = Math.max(100, options.timeoutMs ?? DEFAULT_ADMIN_TIMEOUT_MS);
  const added = (options.targets ?? []).map(parseTarget);
  const domain = options.domain
    ? parseDomain(options.domain)
    : await currentSipDomain(host).catch(() => undefined);
  const overrides = new Map(
    Object.entries(options.portOverrides ?? {}).map(([name, port]) => {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new AppError('invalid-request', `Port ${port} for ${name} is not a TCP port.`, {
          target: name,
        });
      }
      return [name.toLowerCase(), port] as const;
    }),
  );
  const servers = options.dns?.servers?.filter((server) => server.trim().length > 0) ?? [];
  const dns = createDnsClient({
    ...(servers.length > 0 ? { servers } : {}),
    timeoutMs: Math.min(timeoutMs, MAX_DNS_TIMEOUT_MS),
  });
  const withOverride = (target: ProbeTarget): ProbeTarget => ({
    ...target,
    port: overrides.get(target.host) ?? target.port,
  });

  try {
    const notes: string[] = [];
    const [trust, distrustedRoots, dnsResult] = await Promise.all([
      loadTrust(host.certificates),
      findDistrustedUserRoots(host.certificates).catch((error: unknown): DistrustedUserRoot[] => {
        notes.push(
          `Could not look for distrusted roots: ${error instanceof Error ? error.message : String(error)}`,
        );
        return [];
      }),
      domain ? checkDnsRecords(dns, domain, options.deployment ?? 'auto') : undefined,
    ]);
    notes.push(...trust.notes);

    const srvTarget: ProbeTarget[] = dnsResult?.sipTlsTarget
      ? [{ ...dnsResult.sipTlsTarget, origin: 'sip-srv' }]
      : [];
    const targets = uniqueTargets(
      [...(domain ? derivedTargets(domain) : []), ...srvTarget, ...added].map(withOverride),
    );

    const outcomes: TargetOutcome[] = await Promise.all(
      targets.map((target) => {
        const alternateNames = alternateNamesFor(target, dnsResult);
        return checkTarget(target, {
          ...(servers.length > 0 ? { dns } : {}),
          trust,
          timeoutMs,
          now,
          ...(alternateNames ? { alternateNames } : {}),
        });
      }),
    );

    return [
      certificateChainFinding({ outcomes, distrustedRoots, notes }),
      dnsRecordsFinding(dnsResult, dns.servers),
      clockFinding(outcomes),
    ];
  } finally {
    dns.close();
  }
}

export { DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT, findDistrustedUserRoots } from './distrusted-roots';
export type { DistrustedUserRoot } from './distrusted-roots';
export { MAX_CLOCK_SKEW_MS } from './clock';
export { ONLINE_DNS } from './dns-records';
