/**
 * One target from name to verdict: resolve it (through the chosen DNS servers when there are
 * any, else the PC's own resolver inside the connection), probe it over TLS, judge its chain
 * against the PC's trust and read its clock. Unreachable is its own outcome, never "untrusted".
 */
import { isIpAddress } from '../../host/network/pure';
import { verifyChain, type ChainVerdict } from './chain-verifier';
import { clockSample, type ClockSample } from './clock';
import type { NetworkPort } from '../../host/network/ports';
import type { DnsClient } from './dns-client';
import type { ProbeTarget } from './targets';
import type { TrustSnapshot } from './trust-store';

export type TargetOutcome =
  | { target: ProbeTarget; state: 'not-in-dns'; reason: string }
  | { target: ProbeTarget; state: 'unreachable'; address?: string; reason: string }
  | {
      target: ProbeTarget;
      state: 'checked';
      address?: string;
      protocol: string | null;
      verdict: ChainVerdict;
      clock?: ClockSample;
      clockNote?: string;
    };

export interface CheckTargetContext {
  network: NetworkPort;
  /** Set when the administrator chose DNS servers: names are resolved through them only. */
  dns?: DnsClient;
  trust: TrustSnapshot;
  timeoutMs: number;
  now: () => Date;
  /** Names the certificate may carry instead, with the reason (see verifyChain). */
  alternateNames?: { names: string[]; reason: string };
}

export async function checkTarget(
  target: ProbeTarget,
  context: CheckTargetContext,
): Promise<TargetOutcome> {
  let address: string | undefined;
  if (context.dns && !isIpAddress(target.host)) {
    const answer = await context.dns.addresses(target.host);
    if (!answer.ok) {
      return answer.kind === 'missing'
        ? { target, state: 'not-in-dns', reason: `${target.host} does not resolve` }
        : { target, state: 'unreachable', reason: answer.message };
    }
    address = answer.records[0];
  }
  const probe = await context.network.probeTls({
    host: target.host,
    port: target.port,
    http: target.http,
    ...(address ? { connectAddress: address } : {}),
    timeoutMs: context.timeoutMs,
    now: context.now,
  });
  const at = address ? { address } : {};
  if (!probe.reachable) {
    if (probe.unresolved) {
      return { target, state: 'not-in-dns', reason: `${target.host} does not resolve` };
    }
    return { target, state: 'unreachable', ...at, reason: probe.reason };
  }
  const verdict = verifyChain(probe.chain, context.trust, {
    hostName: target.host,
    now: context.now(),
    ...(context.alternateNames
      ? {
          expectedAlternateNames: context.alternateNames.names,
          alternateNameReason: context.alternateNames.reason,
        }
      : {}),
  });
  const label = `${target.host}:${target.port}`;
  return {
    target,
    state: 'checked',
    ...at,
    protocol: probe.protocol,
    verdict,
    ...(probe.serverDate && probe.localDate
      ? { clock: clockSample(label, probe.serverDate, probe.localDate) }
      : {}),
    ...(probe.dateNote ? { clockNote: probe.dateNote } : {}),
  };
}
