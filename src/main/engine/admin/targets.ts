/**
 * What the administrators' step probes: where the discovery records lead (the web services on
 * 443, the SIP pool on its SRV port), and whatever host:port the administrator adds (AD FS, edge,
 * reverse proxy).
 */
import { ipVersion } from '../../host/network/pure';
import { AppError } from '../../../shared/errors';

import type { DiscoveryRecordId, DiscoveryResult } from './discovery';

export type TargetOrigin = DiscoveryRecordId | 'added';

export interface ProbeTarget {
  host: string;
  port: number;
  origin: TargetOrigin;
  /** A web server, asked `HEAD /` for its clock; SIP servers only complete the handshake. */
  http: boolean;
}

const HOST_NAME =
  /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export function isHostName(value: string): boolean {
  return HOST_NAME.test(value) || ipVersion(value) === 4;
}

/** A SIP domain as typed: "contoso.com", also accepted as "user@contoso.com" or "sip:...". */
export function parseDomain(value: string): string {
  const trimmed = value.trim().replace(/^sip:/i, '');
  const domain = (trimmed.includes('@') ? trimmed.slice(trimmed.lastIndexOf('@') + 1) : trimmed)
    .replace(/\.$/, '')
    .toLowerCase();
  if (!HOST_NAME.test(domain) || !domain.includes('.')) {
    throw new AppError('invalid-request', `"${value}" is not a SIP domain like contoso.com.`, {
      domain: value,
    });
  }
  return domain;
}

/** `host` or `host:port` (port 443 when absent). */
export function parseTarget(value: string): ProbeTarget {
  const trimmed = value.trim();
  const match = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(trimmed);
  const host = match?.[1]?.toLowerCase();
  const port = match?.[2] === undefined ? 443 : Number(match[2]);
  if (!match || !host || !isHostName(host) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AppError(
      'invalid-request',
      `"${value}" is not a server to check: give a host name with an optional :port, like adfs.contoso.com:443.`,
      { target: value },
    );
  }
  return { host: host.replace(/\.$/, ''), port, origin: 'added', http: true };
}

/**
 * Where each discovery record that resolves leads, in the client's order. Records pointing at
 * the retired Skype for Business Online are not probed: the dns-records finding says so.
 */
export function discoveredTargets(result: DiscoveryResult): ProbeTarget[] {
  return result.records.flatMap((record) =>
    record.state === 'found' && record.endpoint && record.spec.id !== 'federation'
      ? [
          {
            host: record.endpoint.host,
            port: record.endpoint.port,
            origin: record.spec.id,
            http: record.spec.service === 'web',
          },
        ]
      : [],
  );
}

export const targetLabel = (target: Pick<ProbeTarget, 'host' | 'port'>) =>
  `${target.host}:${target.port}`;

/** Drops repeats of the same host:port, keeping the first (derived names come first). */
export function uniqueTargets(targets: ProbeTarget[]): ProbeTarget[] {
  const seen = new Set<string>();
  return targets.filter((target) => {
    const key = targetLabel(target);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
