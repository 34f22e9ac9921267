import 'server-only';
import { getToken } from 'next-auth/jwt';

/** What our Auth.js token carries (lib/auth/index.ts, the `jwt` callback): customer id, session row id, expiry. */
export type SessionClaims = { sub: string; sid: string; exp: number };

// jose's check when Auth.js decodes a token (@auth/core/jwt `decode`): 15 s of clock tolerance.
const CLOCK_TOLERANCE_MS = 15_000;
const MAX_ENTRIES = 1000;
const known = new Map<string, SessionClaims>();

/**
 * The claims of an Auth.js session cookie (`cookieHeader`: the session cookies only), decrypted
 * with next-auth/jwt's `getToken` once per cookie value and then kept in memory: a signed-in
 * customer sends the same cookie with every page and action, and the decryption (an HKDF and a
 * JWE, WebCrypto jobs) was the slowest part of reading a session. Only a cookie that decrypted
 * with our secret is kept, keyed by its whole value; expiry is checked on every read. Revocation
 * is not decided here: the caller checks the session row every time.
 */
export async function sessionClaims(
  cookieHeader: string,
  opts: { secret: string | string[]; secureCookie: boolean },
): Promise<SessionClaims | null> {
  const cached = known.get(cookieHeader);
  if (cached) {
    if (cached.exp * 1000 + CLOCK_TOLERANCE_MS > Date.now()) return cached;
    known.delete(cookieHeader);
    return null;
  }
  const token = await getToken({ req: { headers: { cookie: cookieHeader } }, ...opts });
  const { sub, sid, exp } = token ?? {};
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof exp !== 'number') return null;
  const claims = { sub, sid, exp };
  // Oldest first out: a Map iterates in insertion order.
  if (known.size >= MAX_ENTRIES) known.delete(known.keys().next().value!);
  known.set(cookieHeader, claims);
  return claims;
}
