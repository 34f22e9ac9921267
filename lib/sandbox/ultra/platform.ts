import 'server-only';
import { clientAddress, hit, tooManyRequests } from '@/lib/security/rate-limit';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { sandboxUltraAccessTokens, sandboxUltraGrants } from '@/lib/db/schema';
import { sandboxNow } from '@/lib/sandbox/clock';
import { ultraAnswerStyle, type SandboxAnswerStyle } from '@/lib/sandbox/options';
import { createRouter, json, readJson, type SandboxContext, type SandboxHandler } from '@/lib/sandbox/router';
import { registeredJwks, registeredKeys } from './keys';
import { personaNow } from './options';
import { findPersona, identityTokenFor, type Persona } from './personas';
import { verifySecureToken } from './secure-token';

/**
 * The Flipkart Ultra platform sandbox (`/sandbox/ultra/platform`), docs/partners/ultra.md#sso with the
 * simulator rules of docs/partners/ultra.md#endpoints and the resolutions of docs/partners/ultra.md#resolutions:
 * - `GET /1/dummy`, `GET /1/authorization/auth`, `POST /1/resource/bulk` and its alias
 *   `/2/resource/bulk` (docs/partners/ultra.md#resource-bulk), answering in either style of
 *   docs/partners/ultra.md#answer-styles: bare by default (a plain 200, the token object, the scope map; errors as
 *   plain text), or in the `{"STATUS":…,"RESPONSE":…}` envelope (lib/sandbox/options.ts, `SANDBOX_ULTRA_STYLE`);
 * - 401 for a bad `secureToken` (docs/partners/ultra.md#secure-token-checks), 400 "Bad Grant token"
 *   (docs/partners/ultra.md#grant-exchange, #secret-url-encoded);
 * - sandbox only: `POST /sandbox/grants` (what the Flipkart app does when the customer answers the
 *   consent sheet) and `GET /jwks` (the registered merchant keys).
 */

/** docs/partners/ultra.md#grant-single-use: the grant token is single use; the sandbox also gives it a short TTL. */
export const GRANT_TTL_MS = 10 * 60 * 1000;
/** docs/partners/ultra.md#access-token, #identity-token: access tokens are valid one hour. */
export const ACCESS_TOKEN_TTL_MS = 60 * 60 * 1000;
/** docs/partners/ultra.md#scope-shapes: the scopes `/resource/bulk` knows a shape for. Other scope strings pass through as `null` (docs/partners/ultra.md#scope-shapes). */

export const BAD_GRANT = 'Bad Grant token';

/** What a platform API answers, before it is written in the configured style. */
interface UltraAnswer {
  status: number;
  /** `RESPONSE` of a success (undefined: nothing but the status), or the message of a failure. */
  payload: unknown;
}

const ultraOk = (payload?: unknown): UltraAnswer => ({ status: 200, payload });
const ultraError = (status: number, message: string): UltraAnswer => ({ status, payload: message });

/**
 * docs/partners/ultra.md#answer-styles: the envelope is `{"STATUS":<http>,"RESPONSE":…}` for success and
 * failure alike; bare, a success is the object itself (or an empty 200) and a failure its message as text.
 */
export function renderUltraAnswer(answer: UltraAnswer, style: SandboxAnswerStyle): Response {
  if (style === 'envelope') return json({ STATUS: answer.status, RESPONSE: answer.payload ?? 'OK' }, answer.status);
  if (answer.status !== 200) {
    return new Response(String(answer.payload), {
      status: answer.status,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  return answer.payload === undefined ? new Response(null, { status: 200 }) : json(answer.payload);
}

/** A platform API: its answer is written in the style set on the ops sandbox page (or configured). */
const styled =
  (handler: (req: Request, ctx: SandboxContext) => Promise<UltraAnswer>): SandboxHandler =>
  async (req, ctx) => {
    const answer = await handler(req, ctx);
    return renderUltraAnswer(answer, await ultraAnswerStyle(await getDb()));
  };

/** The one merchant onboarded in the sandbox: the storefront's own credentials (docs/partners/ultra.md#client-id-forms). */
function registeredMerchant() {
  const { ultra } = getConfig();
  return { merchantId: ultra.merchantId, clientSecret: ultra.clientSecret, clientId: ultra.clientId };
}

/** The merchant part of a client id: `hotstar.test` → `hotstar`; a bare merchant id is accepted too (docs/partners/ultra.md#client-id-forms). */
function merchantOf(clientId: string): string {
  return clientId.split('.')[0] ?? clientId;
}

/** docs/partners/ultra.md#secure-token-checks: every platform call carries a valid `secureToken`; returns the issuer or a 401 answer. */
async function checkSecureToken(req: Request): Promise<{ iss: string } | UltraAnswer> {
  const result = await verifySecureToken(req.headers.get('securetoken'), { keys: registeredKeys() });
  return result.ok ? { iss: result.iss } : ultraError(401, result.message);
}

/**
 * docs/partners/ultra.md#client-id-forms (Flipkart's FAQ Q2), docs/partners/ultra.md#secret-url-encoded: the secret must arrive URL-encoded. The raw query value may hold only
 * unreserved characters and percent escapes, and must decode to the registered secret; so an
 * un-encoded `+` (read as a space), `/` or `=` fails the way production does.
 */
function rawQueryValue(url: URL, name: string): string | null {
  for (const pair of url.search.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key === name) return eq < 0 ? '' : pair.slice(eq + 1);
  }
  return null;
}

function secretMatches(raw: string | null, secret: string): boolean {
  if (raw === null || !/^[A-Za-z0-9\-_.~%]*$/.test(raw)) return false;
  try {
    return decodeURIComponent(raw) === secret;
  } catch {
    return false;
  }
}

/** docs/partners/ultra.md#dummy: "HTTP 200 if secureToken is valid" (`RESPONSE: "OK"` in the envelope). */
const dummy = async (req: Request): Promise<UltraAnswer> => {
  const auth = await checkSecureToken(req);
  if (!('iss' in auth)) return auth;
  return ultraOk();
};

const exchange = async (req: Request, { url }: SandboxContext): Promise<UltraAnswer> => {
  const auth = await checkSecureToken(req);
  if (!('iss' in auth)) return auth;
  const grantToken = url.searchParams.get('grantToken');
  const clientId = url.searchParams.get('clientId');
  const merchant = registeredMerchant();
  // docs/partners/ultra.md#client-id-forms (Flipkart's FAQ Q2): the access-token call takes the merchant id; `merchant.app` is a Bad Grant token.
  if (!grantToken || !clientId || clientId.includes('.')) return ultraError(400, BAD_GRANT);
  if (clientId !== merchant.merchantId || merchantOf(auth.iss) !== clientId) return ultraError(400, BAD_GRANT);
  if (!secretMatches(rawQueryValue(url, 'clientSecret'), merchant.clientSecret)) return ultraError(400, BAD_GRANT);

  const db = await getDb();
  const now = await sandboxNow(db);
  // Single use (docs/partners/ultra.md#grant-single-use "One time use"): consuming is one conditional update, so two concurrent
  // exchanges of the same grant (on any instance) cannot both succeed.
  const [grant] = await db
    .update(sandboxUltraGrants)
    .set({ usedAt: now })
    .where(
      and(
        eq(sandboxUltraGrants.token, grantToken),
        eq(sandboxUltraGrants.merchantId, clientId),
        isNull(sandboxUltraGrants.usedAt),
        gt(sandboxUltraGrants.expiresAt, now),
      ),
    )
    .returning();
  const found = grant && findPersona(grant.personaId);
  if (!grant || !found) return ultraError(400, BAD_GRANT);
  // docs/partners/ultra.md#identity-token-change: a changed mobile number gives another identity token.
  const persona = await personaNow(db, found);

  const accessToken = `ACC${randomBytes(24).toString('base64url')}`;
  const identityToken = identityTokenFor(clientId, persona);
  await db.insert(sandboxUltraAccessTokens).values({
    token: accessToken,
    merchantId: clientId,
    personaId: persona.id,
    identityToken,
    grantedScopes: Object.entries(grant.result)
      .filter(([, granted]) => granted)
      .map(([scope]) => scope),
    expiresAt: new Date(now.getTime() + ACCESS_TOKEN_TTL_MS),
  });
  return ultraOk({ identityToken, accessToken });
};

/** docs/partners/ultra.md#scope-shapes with the corrected field names of docs/partners/ultra.md#scope-shapes; `null` when the persona has no value on file. */
function scopeValue(persona: Persona, scope: string): unknown {
  switch (scope) {
    case 'user.mobile':
      return { mobileNumber: persona.mobile.mobileNumber, isVerified: persona.mobile.isVerified };
    case 'user.email':
      return persona.email ? { email: persona.email.email, isVerified: persona.email.isVerified } : null;
    case 'user.name':
      return persona.name ? { firstName: persona.name.firstName, lastName: persona.name.lastName } : null;
    default:
      return null; // docs/partners/ultra.md#scope-shapes: location, storage, accountId shapes are unknown.
  }
}

const scopeList = z.array(z.string().min(1)).max(20);

const resourceBulk = async (req: Request, { url }: SandboxContext): Promise<UltraAnswer> => {
  const auth = await checkSecureToken(req);
  if (!('iss' in auth)) return auth;
  const accessToken = url.searchParams.get('accessToken');
  if (!accessToken) return ultraError(401, 'accessToken is missing');
  const db = await getDb();
  const now = await sandboxNow(db);
  const [row] = await db
    .select()
    .from(sandboxUltraAccessTokens)
    .where(and(eq(sandboxUltraAccessTokens.token, accessToken), gt(sandboxUltraAccessTokens.expiresAt, now)));
  if (!row || row.merchantId !== merchantOf(auth.iss)) return ultraError(401, 'Invalid or expired access token');
  const body = scopeList.safeParse(await readJson(req));
  if (!body.success) return ultraError(400, 'Body must be a JSON array of scope strings');
  const found = findPersona(row.personaId);
  if (!found) return ultraError(401, 'Invalid or expired access token');
  const persona = await personaNow(db, found);
  // docs/partners/ultra.md#scope-shapes: a value only for scopes both granted and requested; `null` otherwise.
  const response = Object.fromEntries(
    body.data.map((scope) => [scope, row.grantedScopes.includes(scope) ? scopeValue(persona, scope) : null]),
  );
  return ultraOk(response);
};

export const mintGrantRequest = z.object({
  clientId: z.string().min(1),
  personaId: z.string().min(1),
  scopes: z
    .record(z.string().regex(/^user\.[A-Za-z]+$/, 'must be a scope such as user.email'), z.boolean())
    .refine((s) => Object.keys(s).length > 0, 'must name at least one scope'),
});

/** What the Flipkart app does when the customer taps Allow or Deny on the consent sheet (docs/partners/ultra.md#get-token, #native-bridge). */
const mintGrant: SandboxHandler = async (req) => {
  const limit = await hit('sandboxGrant', clientAddress(req.headers));
  if (!limit.ok) return tooManyRequests(limit.retryAfterS, 'Too many sign-in attempts. Try again in a minute.');
  const parsed = mintGrantRequest.safeParse(await readJson(req));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json({ error: 'invalid_request', message: `${issue?.path.join('.') || 'body'}: ${issue?.message}` }, 400);
  }
  const { clientId, personaId, scopes } = parsed.data;
  const merchant = registeredMerchant();
  if (merchantOf(clientId) !== merchant.merchantId) {
    return json({ error: 'unknown_client', message: `clientId ${clientId} is not registered with the sandbox` }, 400);
  }
  if (!findPersona(personaId)) {
    return json({ error: 'unknown_persona', message: `personaId ${personaId} is not a sandbox persona` }, 400);
  }
  const db = await getDb();
  const now = await sandboxNow(db);
  const grantToken = `GT${randomBytes(24).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + GRANT_TTL_MS);
  await db.insert(sandboxUltraGrants).values({
    token: grantToken,
    merchantId: merchant.merchantId,
    sdkClientId: clientId,
    personaId,
    result: scopes,
    expiresAt,
  });
  return json({ grantToken, result: scopes, expiresAt: expiresAt.toISOString() }, 201);
};

export const ultraPlatformSandbox = createRouter(
  [
    ['GET', '/1/dummy', styled(dummy)],
    ['GET', '/1/authorization/auth', styled(exchange)],
    ['POST', '/1/resource/bulk', styled(resourceBulk)],
    ['POST', '/2/resource/bulk', styled(resourceBulk)],
    ['POST', '/sandbox/grants', mintGrant],
    ['GET', '/jwks', async () => json(await registeredJwks())],
  ],
  async (path) =>
    renderUltraAnswer(ultraError(404, `No such Ultra platform API: ${path}`), await ultraAnswerStyle(await getDb())),
);
