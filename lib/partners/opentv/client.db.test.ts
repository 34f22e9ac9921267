import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, gt, sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { integrationCalls } from '@/lib/db/schema';
import { advanceClock, PERSONAS, setSandboxOptions } from '@/test/support/sandbox';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { OpenTvClient, settingsFromConfig } from './client';
import { OpenTvAuthError, OpenTvError, OpenTvTenantError, OpenTvUnavailableError } from './errors';
import { entitlementIdForOrder } from './ids';
import { KeycloakTokenCache } from './token-cache';
import { activateAsStaff } from '@/test/support/staff';

let app: TestApp;
let mark = 0;
/** A clock for the token cache that moves with the sandbox clock. */
let nowMs = Date.now();

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());
beforeEach(async () => {
  await app.open.db.execute(sql`delete from sandbox_settings`);
  nowMs = Date.now();
  const [row] = await app.open.db.select({ max: sql<number>`coalesce(max(id), 0)::int` }).from(integrationCalls);
  mark = row!.max;
});

/** Calls logged since the test started (the call log is what QA sees). */
const calls = async (partner: 'keycloak' | 'opentv', operation?: string) =>
  app.open.db
    .select()
    .from(integrationCalls)
    .where(
      and(
        gt(integrationCalls.id, mark),
        eq(integrationCalls.partner, partner),
        operation ? eq(integrationCalls.operation, operation) : undefined,
      ),
    );

function client(overrides: Partial<ReturnType<typeof settingsFromConfig>['keycloak']> = {}): OpenTvClient {
  const settings = settingsFromConfig();
  settings.keycloak = { ...settings.keycloak, ...overrides };
  return new OpenTvClient(settings, { tokens: new KeycloakTokenCache(settings.keycloak, { now: () => nowMs }) });
}
/** Moves both the sandbox clock and the token cache's clock. */
async function advance(ms: number) {
  nowMs += ms;
  await advanceClock(app.open.db, ms);
}

const ACCOUNT = PERSONAS[0]!.opentvAccountId;

describe('Keycloak token cache', () => {
  it('concurrent calls share one token request (single flight) and reuse the token', async () => {
    const c = client();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => c.tokens.getToken()));
    expect(new Set(tokens).size).toBe(1);
    await c.tokens.getToken();
    expect(await calls('keycloak')).toHaveLength(1);
  });

  it('renews early (45 s before expiry) with the refresh token, not a new login', async () => {
    const c = client();
    const first = await c.tokens.getToken();
    await advance(250_000);
    expect(await c.tokens.getToken()).toBe(first);
    await advance(10_000); // 260 s: inside the 45 s margin
    const second = await c.tokens.getToken();
    expect(second).not.toBe(first);
    expect((await calls('keycloak', 'refreshToken')).map((r) => r.status)).toEqual([200]);
    expect(await calls('keycloak', 'passwordGrant')).toHaveLength(1);
  });

  it('logs in again when the refresh token has run out', async () => {
    const c = client();
    await c.tokens.getToken();
    await advance(1_800_000);
    await c.tokens.getToken();
    expect(await calls('keycloak', 'refreshToken')).toHaveLength(0);
    expect(await calls('keycloak', 'passwordGrant')).toHaveLength(2);
  });

  it('a refresh token the server no longer accepts falls back to a fresh login', async () => {
    const c = client();
    await c.tokens.getToken();
    // Only the sandbox moves: the cache still thinks its refresh token is good.
    await advanceClock(app.open.db, 1_900_000);
    nowMs += 270_000;
    await c.tokens.getToken();
    expect((await calls('keycloak', 'refreshToken')).map((r) => r.status)).toEqual([400]);
    expect(await calls('keycloak', 'passwordGrant')).toHaveLength(2);
  });

  it('client_credentials grant (OPENTV_GRANT) works and never uses a refresh token', async () => {
    const c = client({ grant: 'client_credentials' });
    const t = await c.tokens.getToken();
    expect(await c.getAccount(ACCOUNT)).toMatchObject({ id: ACCOUNT });
    await advance(270_000);
    expect(await c.tokens.getToken()).not.toBe(t);
    expect(await calls('keycloak', 'clientCredentialsGrant')).toHaveLength(2);
    expect(await calls('keycloak', 'refreshToken')).toHaveLength(0);
  });

  it('bad credentials throw OpenTvAuthError and are never retried', async () => {
    for (const bad of [
      { password: 'wrong' },
      { clientId: 'nobody' },
      { grant: 'client_credentials' as const, clientSecret: 'wrong' },
    ]) {
      mark = (await app.open.db.select({ max: sql<number>`max(id)::int` }).from(integrationCalls))[0]!.max ?? mark;
      const c = client(bad);
      const err = await c.getAccount(ACCOUNT).catch((e: unknown) => e);
      expect(err, JSON.stringify(bad)).toBeInstanceOf(OpenTvAuthError);
      expect((await calls('keycloak')).length).toBe(1);
      expect(await calls('opentv')).toHaveLength(0);
    }
  });

  it('Keycloak down → OpenTvUnavailableError (after partnerFetch retries)', async () => {
    await app.open.db.execute(
      sql`insert into sandbox_settings (partner, forced_error) values ('keycloak', ${JSON.stringify({ status: 503, body: { error: 'down' } })}::jsonb)`,
    );
    await expect(client().getAccount(ACCOUNT)).rejects.toBeInstanceOf(OpenTvUnavailableError);
    expect((await calls('keycloak')).length).toBe(3);
  });
});

describe('operator calls', () => {
  it('a 403 (expired token) drops the token and retries once with a new one', async () => {
    const c = client();
    await c.getAccount(ACCOUNT);
    // The sandbox thinks the token has expired; the cache does not know.
    await advanceClock(app.open.db, 400_000);
    expect(await c.getAccount(ACCOUNT)).toMatchObject({ id: ACCOUNT });
    expect((await calls('opentv', 'getAccount')).map((r) => r.status)).toEqual([200, 403, 200]);
  });

  it('a second 403 is not retried again: OpenTvError 403', async () => {
    const c = client();
    await app.open.db.execute(
      sql`insert into sandbox_settings (partner, forced_error) values ('opentv', ${JSON.stringify({ status: 403, body: { code: 'adm:403', message: 'Forbidden' } })}::jsonb)`,
    );
    const err = await c.getAccount(ACCOUNT).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenTvError);
    expect(err).toMatchObject({ status: 403, code: 'adm:403' });
    expect(await calls('opentv', 'getAccount')).toHaveLength(2);
  });

  it('sends x-correlation-id, nv-tenant-id and a bearer token (redacted in the call log)', async () => {
    await client().getAccount(ACCOUNT, { correlationId: 'corr-42', orderId: 'o-42' });
    const [row] = await calls('opentv', 'getAccount');
    expect(row).toMatchObject({ correlationId: 'corr-42', orderId: 'o-42', status: 200 });
    const headers = (row!.request as { headers: Record<string, string> }).headers;
    expect(headers['nv-tenant-id']).toBe(getConfig().opentv.tenantId);
    expect(headers.authorization).toBe('[redacted]');
    expect(headers['x-correlation-id']).toBe('corr-42');
  });

  it('OpenTV down → OpenTvUnavailableError', async () => {
    await app.open.db.execute(
      sql`insert into sandbox_settings (partner, forced_error) values ('opentv', ${JSON.stringify({ status: 503, body: { code: 'crm-gateway:503' } })}::jsonb)`,
    );
    await expect(client().getAccount(ACCOUNT)).rejects.toBeInstanceOf(OpenTvUnavailableError);
  });
});

describe('accounts', () => {
  it('getAccount → the account, or null for an unknown one', async () => {
    const c = client();
    expect(await c.getAccount(ACCOUNT)).toMatchObject({
      id: ACCOUNT,
      status: 'ACTIVE',
      accountNumber: expect.stringMatching(/^\d{10}$/),
    });
    expect(await c.getAccount('acct-unknown')).toBeNull();
  });

  it('createAccount with our id; a retry of the same create succeeds with the same account', async () => {
    const c = client();
    expect(await c.createAccount({ signonId: 'buyer1@example.com', id: 'cust-abc' })).toEqual({
      accountId: 'cust-abc',
    });
    expect(await c.createAccount({ signonId: 'buyer1@example.com', id: 'cust-abc' })).toEqual({
      accountId: 'cust-abc',
    });
    expect(await c.getAccount('cust-abc')).toMatchObject({ id: 'cust-abc' });
  });

  it('createAccount without an id gets a generated one; a taken signonId is an OpenTvError 400', async () => {
    const c = client();
    const { accountId } = await c.createAccount({ signonId: 'buyer2@example.com' });
    expect(accountId).toMatch(/^[0-9a-f]{24}$/);
    await expect(c.createAccount({ signonId: 'buyer2@example.com' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('entitlements', () => {
  it('entitlementIdForOrder is deterministic and refuses unsafe ids', () => {
    expect(entitlementIdForOrder('ord_123')).toBe('ent-ord_123');
    expect(entitlementIdForOrder('ord_123')).toBe(entitlementIdForOrder('ord_123'));
    expect(() => entitlementIdForOrder('a b')).toThrow();
  });

  it('create → PENDING with an activation URL; a retried create is success with one entitlement', async () => {
    const c = client();
    const input = {
      entitlementId: entitlementIdForOrder('ord-c1'),
      accountId: ACCOUNT,
      productId: 'hotstar_MOBILE_MONTHLY',
      orderId: 'ord-c1',
    };
    const first = await c.createEntitlement(input);
    expect(first).toMatchObject({
      entitlementId: 'ent-ord-c1',
      alreadyExisted: false,
      activationUrl: expect.stringContaining('/sandbox/opentv/activate/'),
    });
    const again = await c.createEntitlement(input);
    expect(again).toMatchObject({
      entitlementId: 'ent-ord-c1',
      alreadyExisted: true,
      activationUrl: first.activationUrl,
    });
    const all = await app.open.db.execute(
      sql`select count(*)::int as n from sandbox_opentv_entitlements where id = 'ent-ord-c1'`,
    );
    const n = ((all as unknown as { rows?: { n: number }[] }).rows ?? (all as unknown as { n: number }[]))[0]!.n;
    expect(n).toBe(1);
    expect(await c.getEntitlement('ent-ord-c1')).toMatchObject({
      id: 'ent-ord-c1',
      status: 'PENDING',
      accountId: ACCOUNT,
    });
  });

  it('an _id already used for another purchase is an error, not a silent success', async () => {
    const c = client();
    await c.createEntitlement({ entitlementId: 'ent-ord-c2', accountId: ACCOUNT, productId: 'hotstar_MOBILE_MONTHLY' });
    await expect(
      c.createEntitlement({ entitlementId: 'ent-ord-c2', accountId: ACCOUNT, productId: 'hotstar_ADDON_KIDS' }),
    ).rejects.toMatchObject({ name: 'OpenTvError', status: 409 });
  });

  it('unknown product or account → OpenTvError 400 (not retried)', async () => {
    const c = client();
    await expect(
      c.createEntitlement({ entitlementId: 'ent-ord-c3', accountId: ACCOUNT, productId: 'nope' }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      c.createEntitlement({ entitlementId: 'ent-ord-c4', accountId: 'acct-x', productId: 'hotstar_MOBILE_MONTHLY' }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await calls('opentv', 'createEntitlement')).toHaveLength(2);
  });

  it('prohibitDuplicate makes a second purchase of the same product fail', async () => {
    const c = client();
    const acct = PERSONAS[3]!.opentvAccountId;
    await c.createEntitlement({
      entitlementId: 'ent-ord-d1',
      accountId: acct,
      productId: 'hotstar_PREMIUM_ANNUAL',
      prohibitDuplicate: true,
    });
    await expect(
      c.createEntitlement({
        entitlementId: 'ent-ord-d2',
        accountId: acct,
        productId: 'hotstar_PREMIUM_ANNUAL',
        prohibitDuplicate: true,
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('getActivationInfo while PENDING, null once ACTIVE; getEntitlement null when unknown', async () => {
    const c = client();
    const created = await c.createEntitlement({
      entitlementId: 'ent-ord-a1',
      accountId: ACCOUNT,
      productId: 'hotstar_SUPER_MONTHLY',
    });
    expect(await c.getActivationInfo('ent-ord-a1')).toEqual({
      url: created.activationUrl,
      expiresAt: created.activationUrlExpiry,
    });
    await activateAsStaff(app.url, 'ent-ord-a1');
    expect(await c.getActivationInfo('ent-ord-a1')).toBeNull();
    expect(await c.getEntitlement('ent-ord-a1')).toMatchObject({ status: 'ACTIVE' });
    expect(await c.getEntitlement('ent-none')).toBeNull();
    await expect(c.getActivationInfo('ent-none')).rejects.toMatchObject({ status: 404 });
  });

  it('cancelEntitlement: CANCELLED with the reason pair; repeating it is harmless; a bad pair is an error', async () => {
    const c = client();
    await c.createEntitlement({ entitlementId: 'ent-ord-x1', accountId: ACCOUNT, productId: 'hotstar_ADDON_REGIONAL' });
    const reason = { category: 'CUSTOMER_CANCELLED', code: 'CUSTOMER_CANCELLED' };
    expect(await c.cancelEntitlement('ent-ord-x1', reason)).toEqual({ outcome: 'cancelled', modified: true });
    expect(await c.cancelEntitlement('ent-ord-x1', reason)).toEqual({ outcome: 'cancelled', modified: false });
    expect(await c.getEntitlement('ent-ord-x1')).toMatchObject({
      status: 'CANCELLED',
      reasonCategory: 'CUSTOMER_CANCELLED',
      reasonCode: 'CUSTOMER_CANCELLED',
    });
    await expect(c.cancelEntitlement('ent-ord-x1', { category: 'NOPE', code: 'NOPE' })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('a 404 is "tenant unknown" until the tenant read answers (docs/partners/opentv.md#tenant-404)', () => {
  const reason = { category: 'CUSTOMER_CANCELLED', code: 'CUSTOMER_CANCELLED' };
  /** The sandbox plays a tenant OpenTV does not know: what a wrong OPENTV_TENANT_ID looks like. */
  const unknownTenant = () => setSandboxOptions(app.open.db, 'opentv', { tenant: 'unknown' });

  it('right tenant, missing entitlement: the cancel says absent, after a tenant read that answered 200', async () => {
    expect(await client().cancelEntitlement('ent-none', reason)).toEqual({ outcome: 'absent', modified: false });
    expect((await calls('opentv')).sort((a, b) => a.id - b.id).map((r) => [r.operation, r.status])).toEqual([
      ['cancelEntitlement', 404],
      ['checkTenant', 200],
    ]);
  });

  it('unknown tenant: the cancel is a retryable configuration error, never "absent", and nothing changes', async () => {
    const c = client();
    await c.createEntitlement({ entitlementId: 'ent-ord-t1', accountId: ACCOUNT, productId: 'hotstar_ADDON_REGIONAL' });
    await unknownTenant();
    const error = await c.cancelEntitlement('ent-ord-t1', reason).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenTvTenantError);
    expect(error).toMatchObject({ retryable: true, outcomeUnknown: false, code: 'tenant_unknown' });
    expect((error as Error).message).toContain(`tenant "${getConfig().opentv.tenantId}"`);
    const after = (await calls('opentv')).filter((r) => r.operation !== 'createEntitlement');
    expect(after.sort((a, b) => a.id - b.id).map((r) => [r.operation, r.status])).toEqual([
      ['cancelEntitlement', 404],
      ['checkTenant', 404],
    ]);
    await setSandboxOptions(app.open.db, 'opentv', { tenant: null });
    expect(await c.getEntitlement('ent-ord-t1')).toMatchObject({ status: 'PENDING' });
  });

  it('unknown tenant: an account read is an error too, not "no such account" (which would create another)', async () => {
    await unknownTenant();
    await expect(client().getAccount(ACCOUNT)).rejects.toBeInstanceOf(OpenTvTenantError);
    await expect(client().getEntitlement('ent-none')).rejects.toBeInstanceOf(OpenTvTenantError);
    await expect(client().checkTenant()).rejects.toBeInstanceOf(OpenTvTenantError);
  });

  it('the tenant read creates nothing and answers on an empty tenant', async () => {
    await client().checkTenant();
    const [row] = await calls('opentv', 'checkTenant');
    expect(row).toMatchObject({ method: 'GET', status: 200 });
    expect(row!.path).toContain('/crm-gateway/v1/rmg/v1/entitlements?filter=');
  });
});
