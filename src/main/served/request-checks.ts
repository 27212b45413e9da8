/**
 * The header checks of every request to the served wizard. A page of another site can make the
 * browser send requests to a loopback port (and DNS rebinding can make it look same-origin), so
 * the Host must be this server's own, and an operation call must come from this origin.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type HostVerdict = 'canonical' | 'alias' | 'misdirected';

/** `127.0.0.1:port` is the wizard's address; `localhost:port` is sent there; anything else is 421. */
export function checkHost(host: string | undefined, port: number): HostVerdict {
  const given = (host ?? '').toLowerCase();
  if (given === `127.0.0.1:${port}`) return 'canonical';
  if (given === `localhost:${port}`) return 'alias';
  return 'misdirected';
}

/**
 * Page loads: a typed address or the app window (`none`) or the wizard itself (`same-origin`).
 * Browsers without Fetch Metadata send no header, and the cookie still has to match.
 */
export function isOwnNavigation(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'none' || site === 'same-origin';
}

/**
 * Operation calls and progress: only the wizard's own script, on its own origin. Browsers send
 * Origin with every POST; a same-origin GET (the progress stream) goes without one.
 */
export function isOwnCall(
  headers: IncomingHttpHeaders,
  origin: string,
  method: 'POST' | 'GET',
): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  if (headers.origin === undefined) return method === 'GET';
  return headers.origin === origin;
}
