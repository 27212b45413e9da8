/**
 * Who may use the served wizard: whoever opens the one-time address first. Its token is
 * exchanged for a session cookie the page's script cannot read (HttpOnly) and no other site's
 * request carries (SameSite=Strict); after that the token opens nothing.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'sfb-session';

export interface ServedAccess {
  /** The secret in the one-time address. */
  readonly token: string;
  /** The Set-Cookie header for a first, correct token; undefined for any other. */
  exchange(token: string | null): string | undefined;
  /** Whether a request's Cookie header carries the session. */
  admits(cookieHeader: string | undefined): boolean;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export function createServedAccess(): ServedAccess {
  const token = randomBytes(32).toString('base64url');
  let session: string | undefined;
  return {
    token,
    exchange(given) {
      if (session !== undefined || given === null || !sameSecret(given, token)) return undefined;
      session = randomBytes(32).toString('base64url');
      return `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Strict`;
    },
    admits(cookieHeader) {
      const given = cookieValue(cookieHeader, SESSION_COOKIE);
      return session !== undefined && given !== undefined && sameSecret(given, session);
    },
  };
}
