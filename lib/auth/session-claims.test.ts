import { encode } from 'next-auth/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionClaims } from './session-claims';

/** Session cookies decrypted once and kept: the same answers as decrypting every time. */

const COOKIE = 'authjs.session-token';
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const opts = { secret: [SECRET], secureCookie: false };

async function cookieFor(claims: Record<string, unknown>, maxAge = 3600, secret = SECRET) {
  return `${COOKIE}=${await encode({ token: claims, secret, salt: COOKIE, maxAge })}`;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('sessionClaims', () => {
  it('reads sub and sid from our cookie, and the same again from memory', async () => {
    const cookie = await cookieFor({ sub: 'customer-1', sid: 'session-1' });
    const first = await sessionClaims(cookie, opts);
    expect(first).toMatchObject({ sub: 'customer-1', sid: 'session-1' });
    expect(await sessionClaims(cookie, opts)).toEqual(first);
  });

  it('refuses a cookie sealed with another secret, a tampered one, and one without a session id', async () => {
    expect(
      await sessionClaims(await cookieFor({ sub: 'c', sid: 's' }, 3600, 'another-secret-of-at-least-32-chars!!'), opts),
    ).toBeNull();
    const good = await cookieFor({ sub: 'c', sid: 's' });
    expect(await sessionClaims(`${good.slice(0, -4)}AAAA`, opts)).toBeNull();
    expect(await sessionClaims(await cookieFor({ sub: 'c' }), opts)).toBeNull();
  });

  it('a kept cookie stops counting once it expires (with the same 15 s of tolerance)', async () => {
    const cookie = await cookieFor({ sub: 'customer-2', sid: 'session-2' }, 60);
    expect(await sessionClaims(cookie, opts)).not.toBeNull();
    vi.useFakeTimers({ now: Date.now() + 70_000 });
    expect(await sessionClaims(cookie, opts)).not.toBeNull();
    vi.setSystemTime(Date.now() + 10_000);
    expect(await sessionClaims(cookie, opts)).toBeNull();
  });
});
