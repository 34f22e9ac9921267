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

/**
 * `sessionId` names the server-side session row (lib/security/sessions.ts): the cookie is good
 * only while that row is unrevoked, so sign-out ends it everywhere.
 */
export async function signStaffSession(
  authSecret: string,
  name: string,
  nowMs = Date.now(),
  sessionId?: string,
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  const jwt = new SignJWT({});
  if (sessionId) jwt.setJti(sessionId);
  return jwt
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
  return (await readStaffSession(authSecret, token, nowMs))?.name ?? null;
}

/** The staff name and server-side session id (`jti`) of a valid token, or null. */
export async function readStaffSession(
  authSecret: string | readonly string[],
  token: string | undefined,
  nowMs = Date.now(),
): Promise<{ name: string; sessionId: string | null } | null> {
  if (!token) return null;
  for (const secret of typeof authSecret === 'string' ? [authSecret] : authSecret) {
    try {
      const { payload } = await jwtVerify(token, keyFrom(secret), {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        issuer: ISSUER,
        currentDate: new Date(nowMs),
      });
      if (typeof payload.sub !== 'string' || !payload.sub) return null;
      return { name: payload.sub, sessionId: typeof payload.jti === 'string' ? payload.jti : null };
    } catch {
      // Not this secret (or not valid at all): try the next one.
    }
  }
  return null;
}

/** httpOnly, SameSite=Lax, Secure when the app is served over https; as long as the token lives. */
export function staffCookieOptions(config: { appUrl: string }) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.appUrl.startsWith('https://'),
    path: '/',
    maxAge: STAFF_SESSION_SECONDS,
  };
}
