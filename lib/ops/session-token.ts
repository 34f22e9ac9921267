import 'server-only';
import { hkdfSync } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/**
 * The staff session: a short-lived HS256 JWT in its own cookie, signed with a key derived from
 * AUTH_SECRET (HKDF, its own `info`), so it can never be confused with the customer's Auth.js
 * cookie, and `aud: ops` is checked on every request.
 */
export const STAFF_COOKIE = 'ops_session';
export const STAFF_SESSION_SECONDS = 2 * 60 * 60;
const AUDIENCE = 'ops';
const ISSUER = 'storefront-ops';

function keyFrom(authSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', authSecret, 'ops-session', 'ops-session-hs256-v1', 32));
}

export async function signStaffSession(authSecret: string, name: string, nowMs = Date.now()): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(name)
    .setAudience(AUDIENCE)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + STAFF_SESSION_SECONDS)
    .sign(keyFrom(authSecret));
}

/**
 * The staff name, or null for a missing, forged, expired or foreign token. Several secrets (AUTH_SECRET
 * being rotated): a session signed with any of them is still valid.
 */
export async function verifyStaffSession(
  authSecret: string | readonly string[],
  token: string | undefined,
  nowMs = Date.now(),
): Promise<string | null> {
  if (!token) return null;
  for (const secret of typeof authSecret === 'string' ? [authSecret] : authSecret) {
    try {
      const { payload } = await jwtVerify(token, keyFrom(secret), {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        issuer: ISSUER,
        currentDate: new Date(nowMs),
      });
      return typeof payload.sub === 'string' && payload.sub ? payload.sub : null;
    } catch {
      // Not this secret (or not valid at all): try the next one.
    }
  }
  return null;
}
