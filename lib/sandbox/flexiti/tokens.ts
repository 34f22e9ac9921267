import 'server-only';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { getDb, type Db } from '@/lib/db/client';
import { sandboxFlexitiTokens, type SandboxFlexitiTokenRow } from '@/lib/db/schema';
import { sandboxNow } from '@/lib/sandbox/clock';
import { json, readForm, type SandboxContext } from '@/lib/sandbox/router';
import { flexitiError, wrongInputs } from './errors';
import { customerTokenSeconds, flexitiOptions } from './options';

/** docs/partners/flexiti.md#token-request: 20 minutes. */
export const TOKEN_TTL_S = 1200;

export type TokenRow = SandboxFlexitiTokenRow;

const hex40 = () => randomBytes(20).toString('hex');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function issue(
  db: Db,
  now: Date,
  values: { clientId: string; scope: 'merchant' | 'customer'; grantType: string; lineage?: string },
): Promise<Response> {
  const accessToken = hex40();
  const refreshToken = hex40();
  // Tests of a flow that outlives its token shorten the customer tokens (the flow's), not the merchant's.
  const ttlS = values.scope === 'customer' ? customerTokenSeconds(await flexitiOptions(db)) : TOKEN_TTL_S;
  await db.insert(sandboxFlexitiTokens).values({
    accessToken,
    refreshToken,
    lineage: values.lineage ?? accessToken,
    clientId: values.clientId,
    scope: values.scope,
    grantType: values.grantType,
    expiresAt: new Date(now.getTime() + ttlS * 1000),
    createdAt: now,
  });
  return json({
    token_type: 'bearer',
    access_token: accessToken,
    expires_in: ttlS,
    refresh_token: refreshToken,
    scope: values.scope,
  });
}

/** `POST v2.5/oauth/token` (docs/partners/flexiti.md#token-request, #token-refresh). */
export async function tokenEndpoint(req: Request, { url }: SandboxContext): Promise<Response> {
  const form = await readForm(req);
  if (!form) {
    return flexitiError(url, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
  }
  const { flexiti } = getConfig();
  if (
    !form.client_id ||
    !form.client_secret ||
    !sameSecret(form.client_id, flexiti.clientId) ||
    !sameSecret(form.client_secret, flexiti.clientSecret)
  ) {
    return flexitiError(url, 400, 'invalid_client', 'Wrong or missing client_id or client_secret');
  }
  const grantType = form.grant_type || 'client_credentials';
  if (!['client_credentials', 'refresh_token', 'password'].includes(grantType)) {
    return flexitiError(
      url,
      400,
      'invalid_request',
      'grant_type must be client_credentials, refresh_token or password',
    );
  }
  const requested = form.scope || undefined;
  if (requested !== undefined && requested !== 'merchant' && requested !== 'customer') {
    return wrongInputs(url, [{ param: 'scope', msg: 'must be "merchant" or "customer"' }]);
  }
  const db = await getDb();
  const now = await sandboxNow(db);

  if (grantType === 'refresh_token') {
    if (!form.refresh_token) {
      return flexitiError(url, 400, 'invalid_request', 'refresh_token is required with grant_type=refresh_token');
    }
    const [current] = await db
      .select({ scope: sandboxFlexitiTokens.scope })
      .from(sandboxFlexitiTokens)
      .where(eq(sandboxFlexitiTokens.refreshToken, form.refresh_token));
    if (current && requested && requested !== current.scope) {
      return wrongInputs(url, [{ param: 'scope', msg: `must stay "${current.scope}" on refresh` }]);
    }
    // docs/partners/flexiti.md#token-refresh: only the last issued refresh token, and only while its access token
    // is still valid ("It cannot be refreshed after it is expired"). Consumed atomically, so two
    // concurrent refreshes with one token get one new token between them.
    const [old] = await db
      .update(sandboxFlexitiTokens)
      .set({ refreshedAt: now })
      .where(
        and(
          eq(sandboxFlexitiTokens.refreshToken, form.refresh_token),
          eq(sandboxFlexitiTokens.clientId, form.client_id),
          isNull(sandboxFlexitiTokens.refreshedAt),
          gt(sandboxFlexitiTokens.expiresAt, now),
        ),
      )
      .returning();
    if (!old) {
      return flexitiError(
        url,
        401,
        'invalid_token',
        'The refresh token is unknown, already used, or its access token has expired',
      );
    }
    return issue(db, now, { clientId: old.clientId, scope: old.scope, grantType, lineage: old.lineage });
  }

  if (grantType === 'password') {
    // Simulator-defined (the docs name the grant only): the sandbox merchant user is the client id,
    // with the client secret as its password.
    const missing = (['username', 'password'] as const).filter((k) => !form[k]);
    if (missing.length) {
      return wrongInputs(
        url,
        missing.map((param) => ({ param, msg: 'is required with grant_type=password' })),
      );
    }
    if (!sameSecret(form.username!, flexiti.clientId) || !sameSecret(form.password!, flexiti.clientSecret)) {
      return flexitiError(url, 409, 'authentication_failure', 'Wrong merchant username or password');
    }
  }
  return issue(db, now, { clientId: form.client_id, scope: requested ?? 'merchant', grantType });
}

export type Authenticated = { ok: true; token: TokenRow; now: Date; db: Db } | { ok: false; response: Response };

/**
 * Bearer check for every endpoint (docs/partners/flexiti.md#token-scopes scope rules, docs/partners/flexiti.md#error-model): 401 `invalid_token` for a
 * missing, unknown or expired token, or one issued to another client id; 403 when a customer
 * token calls an endpoint that is not on the customer allow-list. Merchant tokens work everywhere.
 */
export async function authenticate(
  req: Request,
  ctx: SandboxContext,
  opts: { customerAllowed: boolean },
): Promise<Authenticated> {
  const header = req.headers.get('authorization') ?? '';
  const m = /^Bearer\s+([0-9a-f]{40})$/i.exec(header.trim());
  const db = await getDb();
  const now = await sandboxNow(db);
  const [token] = m
    ? await db.select().from(sandboxFlexitiTokens).where(eq(sandboxFlexitiTokens.accessToken, m[1]!.toLowerCase()))
    : [];
  if (!token || token.expiresAt <= now || (ctx.params.clientId && token.clientId !== ctx.params.clientId)) {
    return {
      ok: false,
      response: flexitiError(ctx.url, 401, 'invalid_token', 'The access token is wrong or expired'),
    };
  }
  if (token.scope === 'customer' && !opts.customerAllowed) {
    return {
      ok: false,
      response: flexitiError(
        ctx.url,
        403,
        'insufficient_scope',
        'Insufficient scope: authorized scope is insufficient',
      ),
    };
  }
  return { ok: true, token, now, db };
}
