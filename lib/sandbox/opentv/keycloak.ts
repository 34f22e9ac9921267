import 'server-only';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomUUID,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { exportJWK, jwtVerify, SignJWT } from 'jose';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { sandboxNow } from '@/lib/sandbox/clock';
import { json } from '@/lib/sandbox/router';
import { ACCESS_TOKEN_TTL_S, keycloakIssuer, REFRESH_TOKEN_TTL_S, SESSION_MAX_S } from './common';

/**
 * The sandbox Keycloak token endpoint of Nagra's realm `nagra` (docs/partners/opentv.md#keycloak). Grants: `password` (Nagra's documented grant, public client), `refresh_token`, and
 * `client_credentials` (confidential: secret by form or HTTP Basic). The valid credentials are
 * the configured ones (`OPENTV_CLIENT_ID`, `…_SECRET`, `…_USERNAME`, `…_PASSWORD`).
 *
 * Tokens are RS256 JWTs signed with the sandbox Keycloak key; refresh tokens are JWTs too
 * (`typ: Refresh`), so no state is kept. Times come from the sandbox clock.
 */

const KID = 'sandbox-nagra-rs256';

let keys: { pem: string; privateKey: KeyObject; publicKey: KeyObject } | undefined;
function signingKeys() {
  const pem = getConfig().sandboxSecrets.keycloakPrivateKey;
  if (!pem) throw new Error('The sandbox Keycloak key is not configured (sandbox mode generates it)');
  if (!keys || keys.pem !== pem) {
    const privateKey = createPrivateKey(pem);
    keys = { pem, privateKey, publicKey: createPublicKey(privateKey) };
  }
  return keys;
}

/** RFC 6749 section 5.2 error body (docs/partners/opentv.md#keycloak-errors). */
function oauthError(status: number, error: string, description: string): Response {
  return json({ error, error_description: description }, status);
}

const INVALID_CLIENT = () => oauthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** client_secret_basic or client_secret_post (docs/partners/opentv.md#keycloak-client-auth); Basic wins when both are sent. */
function clientCredentialsOf(req: Request, form: URLSearchParams): { id?: string; secret?: string } {
  const auth = req.headers.get('authorization');
  if (auth?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) {
      // RFC 6749 section 2.3.1: form-encoded inside Basic; undecodable is simply not a client.
      try {
        return { id: decodeURIComponent(decoded.slice(0, i)), secret: decodeURIComponent(decoded.slice(i + 1)) };
      } catch {
        return {};
      }
    }
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

interface Subject {
  sub: string;
  username: string;
  clientId: string;
  /** Session start (s), for ssoSessionMaxLifespan. */
  authTime: number;
  sid: string;
}

async function issue(subject: Subject, nowS: number, withRefresh: boolean): Promise<Response> {
  const { privateKey } = signingKeys();
  const iss = keycloakIssuer();
  const accessToken = await new SignJWT({
    typ: 'Bearer',
    azp: subject.clientId,
    sid: subject.sid,
    auth_time: subject.authTime,
    preferred_username: subject.username,
    realm_access: { roles: ['operatorRole'] },
    scope: 'profile email',
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: KID })
    .setIssuer(iss)
    .setSubject(subject.sub)
    .setAudience('account')
    .setJti(randomUUID())
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + ACCESS_TOKEN_TTL_S)
    .sign(privateKey);
  const body: Record<string, unknown> = {
    access_token: accessToken,
    expires_in: ACCESS_TOKEN_TTL_S,
    refresh_expires_in: 0,
    token_type: 'Bearer',
    'not-before-policy': 0,
    scope: 'profile email',
  };
  if (withRefresh) {
    // Idle timeout 1800 s, never past the session's max lifespan (docs/partners/opentv.md#keycloak-lifetimes).
    const refreshExp = Math.min(nowS + REFRESH_TOKEN_TTL_S, subject.authTime + SESSION_MAX_S);
    body.refresh_token = await new SignJWT({
      typ: 'Refresh',
      azp: subject.clientId,
      sid: subject.sid,
      auth_time: subject.authTime,
      preferred_username: subject.username,
      scope: 'profile email',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: KID })
      .setIssuer(iss)
      .setSubject(subject.sub)
      .setAudience(iss)
      .setJti(randomUUID())
      .setIssuedAt(nowS)
      .setExpirationTime(refreshExp)
      .sign(privateKey);
    body.refresh_expires_in = refreshExp - nowS;
    body.session_state = subject.sid;
  }
  return json(body, 200, { pragma: 'no-cache' });
}

const userSub = (username: string) =>
  createHash('sha256')
    .update(`nagra:user:${username}`)
    .digest('hex')
    .slice(0, 32)
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

export async function tokenEndpoint(req: Request): Promise<Response> {
  const type = req.headers.get('content-type') ?? '';
  // Keycloak reads only form parameters; any other body means every parameter is missing.
  const form = type.includes('application/x-www-form-urlencoded')
    ? new URLSearchParams(await req.text())
    : new URLSearchParams();
  const grant = form.get('grant_type');
  if (!grant) return oauthError(400, 'invalid_request', 'Missing form parameter: grant_type');

  const cfg = getConfig().opentv;
  const client = clientCredentialsOf(req, form);
  if (!client.id) return oauthError(400, 'invalid_client', 'Missing client_id parameter');
  // docs/partners/opentv.md#keycloak-errors: unknown client and wrong secret both answer 401 invalid_client by default.
  if (client.id !== cfg.clientId) return INVALID_CLIENT();
  if (client.secret !== undefined && !sameSecret(client.secret, cfg.clientSecret)) return INVALID_CLIENT();

  const nowS = Math.floor((await sandboxNow(await getDb())).getTime() / 1000);

  switch (grant) {
    case 'password': {
      const username = form.get('username');
      const password = form.get('password');
      if (!username) return oauthError(400, 'invalid_request', 'Missing parameter: username');
      if (password === null || username !== cfg.username || !cfg.password || !sameSecret(password, cfg.password)) {
        return oauthError(401, 'invalid_grant', 'Invalid user credentials');
      }
      return issue(
        { sub: userSub(username), username, clientId: client.id, authTime: nowS, sid: randomUUID() },
        nowS,
        true,
      );
    }
    case 'refresh_token': {
      const token = form.get('refresh_token');
      if (!token) return oauthError(400, 'invalid_request', 'Missing parameter: refresh_token');
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, signingKeys().publicKey, {
          algorithms: ['RS256'],
          issuer: keycloakIssuer(),
          currentDate: new Date(nowS * 1000),
          clockTolerance: 0,
        }));
      } catch (e) {
        const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
        return oauthError(400, 'invalid_grant', expired ? 'Token is not active' : 'Invalid refresh token');
      }
      if (payload.typ !== 'Refresh') return oauthError(400, 'invalid_grant', 'Invalid refresh token');
      if (payload.azp !== client.id) {
        return oauthError(
          400,
          'invalid_grant',
          "Invalid refresh token. Token client and authorized client don't match",
        );
      }
      return issue(
        {
          sub: String(payload.sub),
          username: String(payload.preferred_username),
          clientId: client.id,
          authTime: Number(payload.auth_time),
          sid: String(payload.sid),
        },
        nowS,
        true,
      );
    }
    case 'client_credentials': {
      // A confidential client must authenticate (docs/partners/opentv.md#keycloak-client-auth); without a secret it is treated as bad.
      if (client.secret === undefined) return INVALID_CLIENT();
      const username = `service-account-${client.id}`;
      // RFC 6749 section 4.4.3 and Keycloak's default: no refresh token, refresh_expires_in 0 (docs/partners/opentv.md#keycloak-lifetimes).
      return issue(
        { sub: userSub(username), username, clientId: client.id, authTime: nowS, sid: randomUUID() },
        nowS,
        false,
      );
    }
    default:
      return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grant}`);
  }
}

export type AccessTokenCheck = { ok: true; azp: string } | { ok: false; message: string };

/** What the operator APIs check: signature, issuer, `typ: Bearer`, unexpired, `operatorRole`. */
export async function verifyAccessToken(authorization: string | null, now: Date): Promise<AccessTokenCheck> {
  if (!authorization) return { ok: false, message: 'Authorization header is missing' };
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m) return { ok: false, message: 'Authorization must be "Bearer <token>"' };
  try {
    const { payload } = await jwtVerify(m[1]!, signingKeys().publicKey, {
      algorithms: ['RS256'],
      issuer: keycloakIssuer(),
      currentDate: now,
      clockTolerance: 0,
    });
    if (payload.typ !== 'Bearer') return { ok: false, message: 'Token is not an access token' };
    const roles = (payload.realm_access as { roles?: unknown } | undefined)?.roles;
    if (!Array.isArray(roles) || !roles.includes('operatorRole')) {
      return { ok: false, message: 'Token lacks the operatorRole realm role' };
    }
    return { ok: true, azp: String(payload.azp) };
  } catch (e) {
    const expired = (e as { code?: string }).code === 'ERR_JWT_EXPIRED';
    return { ok: false, message: expired ? 'Token has expired' : 'Token is invalid' };
  }
}

/** The realm's JWKS (`…/protocol/openid-connect/certs`), so tokens can be inspected. */
export async function certsEndpoint(): Promise<Response> {
  const jwk = await exportJWK(signingKeys().publicKey);
  return json({ keys: [{ ...jwk, kid: KID, alg: 'RS256', use: 'sig' }] });
}
