import { describe, expect, it } from 'vitest';
import { createServedAccess, SESSION_COOKIE } from './access';

const valueOf = (setCookie: string | undefined) =>
  setCookie?.split(';')[0]?.slice(SESSION_COOKIE.length + 1) ?? '';

describe('the served wizard access', () => {
  it('exchanges the token once for an HttpOnly, SameSite=Strict session cookie', () => {
    const access = createServedAccess();
    expect(access.admits(undefined)).toBe(false);
    expect(access.exchange('wrong')).toBeUndefined();
    expect(access.exchange(null)).toBeUndefined();
    const cookie = access.exchange(access.token);
    expect(cookie).toMatch(
      new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict$`),
    );
    expect(access.exchange(access.token)).toBeUndefined();
    expect(access.admits(`other=1; ${SESSION_COOKIE}=${valueOf(cookie)}`)).toBe(true);
    expect(access.admits(`${SESSION_COOKIE}=${valueOf(cookie)}x`)).toBe(false);
    expect(access.admits(`${SESSION_COOKIE}=${access.token}`)).toBe(false);
  });

  it('gives every server its own token', () => {
    expect(createServedAccess().token).not.toBe(createServedAccess().token);
  });
});
