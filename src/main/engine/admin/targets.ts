/**
 * What the administrators' step probes: names derived from the SIP domain, the `_sip._tls` SRV
 * target, and whatever host:port the administrator adds (AD FS, edge, reverse proxy).
 */
import { isIP } from 'node:net';
import { AppError } from '../../../shared/errors';

export type TargetOrigin = 'lyncdiscover' | 'lyncdiscoverinternal' | 'sip' | 'sip-srv' | 'added';

export interface ProbeTarget {
  host: string;
  port: number;
  origin: TargetOrigin;
}

const HOST_NAME =
  /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

export function isHostName(value: string): boolean {
  return HOST_NAME.test(value) || isIP(value) === 4;
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
  return { host: host.replace(/\.$/, ''), port, origin: 'added' };
}

export function derivedTargets(domain: string): ProbeTarget[] {
  return [
    { host: `lyncdiscover.${domain}`, port: 443, origin: 'lyncdiscover' },
    { host: `lyncdiscoverinternal.${domain}`, port: 443, origin: 'lyncdiscoverinternal' },
    { host: `sip.${domain}`, port: 443, origin: 'sip' },
  ];
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
