/**
 * The pure parts of Node's network modules, for code that may not open sockets (the engine):
 * telling an IP address from a name, and the public roots Node bundles. No look-ups, no I/O.
 */
import { isIP as nodeIsIP } from 'node:net';
import { rootCertificates } from 'node:tls';

/** 4 for an IPv4 address, 6 for an IPv6 address, 0 for anything else. */
export function ipVersion(value: string): 0 | 4 | 6 {
  return nodeIsIP(value) as 0 | 4 | 6;
}

export const isIpAddress = (value: string): boolean => ipVersion(value) !== 0;

/** The widely trusted public roots (PEM) as Node ships them. */
export const bundledRootCertificates: readonly string[] = rootCertificates;
