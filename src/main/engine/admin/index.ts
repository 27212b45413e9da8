/**
 * The administrators' step (KB "Resolution for administrators"): the DNS records the client uses
 * to find its pool, in the client's order; the certificate chain each server they lead to
 * presents, judged against this PC's own trust stores; the revocation addresses those chains
 * name, tried from this PC; and the PC's clock against the servers'. Reads only: the one repair it
 * offers (`remove-distrusted-root`) goes through the engine's plan, backup and undo like every
 * change. Every network access goes through the injected network port.
 */
import type { Finding } from '../../../shared/findings';
import { AppError } from '../../../shared/errors';
import type { NetworkPort } from '../../host/network/ports';
import type { HostSystem } from '../../host/ports';
import { certificateChainFinding } from './certificate-chain-finding';
import { checkTarget, type TargetOutcome } from './check-target';
import { clockFinding } from './clock-finding';
import { currentSipDomain } from './current-domain';
import { createDnsClient } from './dns-client';
import { discoverPool, type DiscoveryResult } from './discovery';
import { dnsRecordsFinding } from './dns-records-finding';
import { findDistrustedUserRoots, type DistrustedUserRoot } from './distrusted-roots';
import { checkRevocation } from './revocation';
import { revocationFinding } from './revocation-finding';
import {
  discoveredTargets,
  parseDomain,
  parseTarget,
  uniqueTargets,
  type ProbeTarget,
} from './targets';
import { loadTrust } from './trust-store';

export interface AdminCheckOptions {
  /** DNS, TLS and HTTP: the only way this step reaches the network. */
  network: NetworkPort;
  /** SIP domain; default: the domain of the address the client last signed in with. */
  domain?: string;
  /** Extra `host:port` to check (AD FS, edge, reverse proxy); port 443 when absent. */
  targets?: string[];
  /** Ask these DNS servers (`ip` or `ip:port`) instead of the PC's own, for records and names. */
  dns?: { servers?: string[] };
  /**
   * Port to use for a discovered name (lyncdiscover.<domain>, sipinternal.<domain>, an SRV
   * target), by host name. Lets tests point the web services at loopback servers.
   */
  portOverrides?: Record<string, number>;
  /** Budget per probe, per revocation address and per DNS query, in ms (default 4000). */
  timeoutMs?: number;
  now?: () => Date;
}

export const DEFAULT_ADMIN_TIMEOUT_MS = 4000;
/** DNS answers come fast or not at all; a dead server must not eat the probes' budget. */
const MAX_DNS_TIMEOUT_MS = 2000;

function alternateNamesFor(target: ProbeTarget, dns: DiscoveryResult | undefined) {
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
  options: AdminCheckOptions,
): Promise<Finding[]> {
  const { network } = options;
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
  const dns = createDnsClient(network, {
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
      domain ? discoverPool(dns, domain) : undefined,
    ]);
    notes.push(...trust.notes);

    const targets = uniqueTargets(
      [...(dnsResult ? discoveredTargets(dnsResult) : []), ...added].map(withOverride),
    );

    const outcomes: TargetOutcome[] = await Promise.all(
      targets.map((target) => {
        const alternateNames = alternateNamesFor(target, dnsResult);
        return checkTarget(target, {
          network,
          ...(servers.length > 0 ? { dns } : {}),
          trust,
          timeoutMs,
          now,
          ...(alternateNames ? { alternateNames } : {}),
        });
      }),
    );

    const revocation = await checkRevocation(outcomes, {
      network,
      ...(servers.length > 0 ? { dns } : {}),
      timeoutMs,
    });

    return [
      certificateChainFinding({ outcomes, distrustedRoots, notes }),
      dnsRecordsFinding(dnsResult, dns.servers),
      revocationFinding(revocation),
      clockFinding(outcomes),
    ];
  } finally {
    dns.close();
  }
}

export { DIGICERT_GLOBAL_ROOT_G2_THUMBPRINT } from './distrusted-roots';
