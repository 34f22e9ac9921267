import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { sandboxOpentvEntitlements } from '@/lib/db/schema';
import { advanceClock } from '@/lib/sandbox/clock';
import { PERSONAS } from '@/lib/sandbox/ultra/personas';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { operatorCall, operatorToken } from '@/test/support/opentv-api';

let app: TestApp;
let token: string;
const ACCOUNT = PERSONAS[0]!.opentvAccountId;
const PRODUCT = 'hotstar_PREMIUM_MONTHLY';
const OTHER_PRODUCT = 'hotstar_ADDON_SPORTS';
const ENTS = '/crm-gateway/v2/rmg/v1/entitlements';
const LIST = '/crm-gateway/v1/rmg/v1/entitlements';

beforeAll(async () => {
  app = await startTestApp({ mounts: { '/api/webhooks/opentv': () => new Response('ok') } });
  token = await operatorToken(app.url);
});
afterAll(async () => app?.close());

const call = (method: string, path: string, opts: Parameters<typeof operatorCall>[4] = {}) =>
  operatorCall(app.url, token, method, path, opts);
const body = (extra: Record<string, unknown> = {}) => ({
  productType: 'THIRDPARTY',
  productId: PRODUCT,
  accountId: ACCOUNT,
  status: 'PENDING',
  ...extra,
});
let n = 0;
const uid = (prefix = 'ent-test') => `${prefix}-${++n}`;
const count = async (id: string) =>
  (await app.open.db.select().from(sandboxOpentvEntitlements).where(eq(sandboxOpentvEntitlements.id, id))).length;

describe('operator API guard', () => {
  it('missing x-correlation-id → 400; present → passes', async () => {
    const bad = await call('GET', `/adm/v1/accounts/${ACCOUNT}`, { headers: { 'x-correlation-id': null } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'adm:400', message: expect.stringContaining('x-correlation-id') });
    expect((await call('GET', `/adm/v1/accounts/${ACCOUNT}`)).status).toBe(200);
  });

  it('missing, malformed, foreign-signed or expired bearer token → 403 (never 401)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = Math.floor(Date.now() / 1000);
    const foreign = await new SignJWT({ typ: 'Bearer', realm_access: { roles: ['operatorRole'] } })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(`${app.url}/sandbox/opentv/keycloak/auth/realms/nagra`)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    for (const authorization of [null, 'Basic abc', `Bearer ${token}x`, `Bearer ${foreign}`]) {
      const res = await call('POST', ENTS, { json: body({ _id: uid() }), headers: { authorization } });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'crm-gateway:403' });
    }
    const expiredToken = await operatorToken(app.url);
    await advanceClock(app.open.db, 301_000);
    const expired = await operatorCall(app.url, expiredToken, 'GET', `/adm/v1/accounts/${ACCOUNT}`);
    expect(expired.status).toBe(403);
    await app.open.db.execute(sql`delete from sandbox_settings where partner = 'clock'`);
    token = await operatorToken(app.url);
  });

  it('unknown nv-tenant-id → 404; missing → 404', async () => {
    for (const tenant of ['other-tenant', null]) {
      const res = await call('GET', `/adm/v1/accounts/${ACCOUNT}`, { headers: { 'nv-tenant-id': tenant } });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'adm:404' });
    }
  });
});

describe('accounts', () => {
  it('every Flipkart persona has an account from the start', async () => {
    for (const p of PERSONAS) {
      const res = await call('GET', `/adm/v1/accounts/${p.opentvAccountId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        _id: p.opentvAccountId,
        status: 'ACTIVE',
        accountNumber: expect.stringMatching(/^\d{10}$/),
      });
    }
  });

  it('unknown account → 404', async () => {
    const res = await call('GET', '/adm/v1/accounts/nobody-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'adm:404' });
  });

  it('POST {signonId, password} → 201 {_id}, then readable', async () => {
    const res = await call('POST', '/adm/v1/accounts', { json: { signonId: 'new.user@example.com', password: 'pw' } });
    expect(res.status).toBe(201);
    const id = (res.body as { _id: string })._id;
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const got = await call('GET', `/adm/v1/accounts/${id}`);
    expect(got.body).toMatchObject({ _id: id, signonId: 'new.user@example.com', status: 'ACTIVE' });
  });

  it('the richer body with an explicit _id is accepted', async () => {
    const res = await call('POST', '/adm/v1/accounts', {
      json: {
        _id: 'acct-rich-1',
        signonId: 'rich@example.com',
        accountProfileId: 'p1',
        npvrProfileName: 'n',
        billingAddress: [],
        pvrStatus: 'ENABLED',
        geoBlockExempt: false,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ _id: 'acct-rich-1' });
  });

  it('bad bodies → 400 naming the field, nothing created', async () => {
    const cases: [unknown, string][] = [
      [{}, 'signonId'],
      [{ signonId: 'x@example.com', pvrStatus: 'MAYBE' }, 'pvrStatus'],
      [{ signonId: 'y@example.com', _id: 'y@example.com' }, '_id'],
      [{ signonId: 'z@example.com', _id: '9876543210' }, '_id'],
      [{ signonId: 'priya.sharma@example.com' }, 'signonId'],
      [{ signonId: 'w@example.com', _id: ACCOUNT }, '_id'],
    ];
    for (const [json, field] of cases) {
      const res = await call('POST', '/adm/v1/accounts', { json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect((res.body as { message: string }).message).toContain(field);
    }
    const rows = await app.open.db.execute(
      sql`select count(*)::int as n from sandbox_opentv_accounts where signon_id in ('x@example.com','y@example.com','z@example.com','w@example.com')`,
    );
    const n = ((rows as unknown as { rows?: { n: number }[] }).rows ?? (rows as unknown as { n: number }[]))[0]!.n;
    expect(n).toBe(0);
  });
});

describe('create entitlement', () => {
  it('201 {_id} with a NAVIGATE_TO_URL activation link; the entitlement is PENDING', async () => {
    const id = uid();
    const res = await call('POST', ENTS, { json: body({ _id: id }) });
    expect(res.status).toBe(201);
    const b = res.body as { _id: string; parameters: { action: string; url: string; urlExpiry: string } };
    expect(b._id).toBe(id);
    expect(b.parameters.action).toBe('NAVIGATE_TO_URL');
    expect(b.parameters.url).toMatch(new RegExp(`^${app.url}/sandbox/opentv/activate/[A-Za-z0-9_-]+$`));
    expect(Date.parse(b.parameters.urlExpiry)).toBeGreaterThan(Date.now());
    const list = await call('GET', `${LIST}?filter=${encodeURIComponent(JSON.stringify({ _id: id }))}`);
    expect(list.body).toMatchObject([{ _id: id, status: 'PENDING', productType: 'THIRDPARTY' }]);
  });

  it('without _id one is generated', async () => {
    const res = await call('POST', ENTS, { json: body() });
    expect(res.status).toBe(201);
    expect((res.body as { _id: string })._id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('the same _id twice makes one entitlement: the second answers 409', async () => {
    const id = uid();
    expect((await call('POST', ENTS, { json: body({ _id: id }) })).status).toBe(201);
    const again = await call('POST', ENTS, { json: body({ _id: id }) });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'crm-gateway:409' });
    expect(await count(id)).toBe(1);
  });

  it('body rules → 400 naming the field, and nothing is created', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [body({ productType: 'SUBSCRIPTION' }), 'productType'],
      [body({ status: 'ACTIVE' }), 'status'],
      [body({ productId: undefined }), 'productId'],
      [body({ accountId: undefined }), 'accountId'],
      [body({ productId: 'hotstar_NOPE' }), 'productId'],
      [body({ accountId: 'acct-nobody' }), 'accountId'],
      [body({ reasonCategory: 'CUSTOMER_CANCELLED' }), 'reasonCode'],
      [body({ reasonCategory: 'MADE_UP', reasonCode: 'NOPE' }), 'reasonCategory'],
      [body({ validFrom: 'yesterday' }), 'validFrom'],
      [body({ _id: 'has spaces' }), '_id'],
    ];
    for (const [json, field] of cases) {
      const id = uid('ent-bad');
      const res = await call('POST', ENTS, { json: { ...json, _id: json._id ?? id } });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect((res.body as { message: string }).message).toContain(field);
      expect(await count(id)).toBe(0);
    }
    const notJson = await fetch(`${app.url}/sandbox/opentv${ENTS}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'nv-tenant-id': 'sandbox-tenant',
        'x-correlation-id': 'c',
        'content-type': 'application/json',
      },
      body: '{not json',
    });
    expect(notJson.status).toBe(400);
  });

  it('valid reason pair and validFrom/expiryDate (superset body) are accepted', async () => {
    const res = await call('POST', ENTS, {
      json: body({
        _id: uid(),
        productId: 'hotstar_ADDON_KIDS',
        reasonCategory: 'CUSTOMER_CANCELLED',
        reasonCode: 'NOT_RENEWED',
        validFrom: '2026-01-01T00:00:00Z',
        expiryDate: '2026-02-01T00:00:00Z',
      }),
    });
    expect(res.status).toBe(201);
  });

  it('prohibitDuplicateProductPurchase=true rejects a second PENDING/ACTIVE of the same product; false allows it', async () => {
    const account = PERSONAS[1]!.opentvAccountId;
    const first = uid();
    expect((await call('POST', ENTS, { json: body({ _id: first, accountId: account }) })).status).toBe(201);
    const dupId = uid();
    const dup = await call('POST', `${ENTS}?prohibitDuplicateProductPurchase=true`, {
      json: body({ _id: dupId, accountId: account }),
    });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ code: 'crm-gateway:400', message: expect.stringContaining('Duplicate') });
    expect(await count(dupId)).toBe(0);
    // Another product, or the default (false), is fine.
    expect(
      (
        await call('POST', `${ENTS}?prohibitDuplicateProductPurchase=true`, {
          json: body({ _id: uid(), accountId: account, productId: OTHER_PRODUCT }),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call('POST', `${ENTS}?prohibitDuplicateProductPurchase=false`, {
          json: body({ _id: uid(), accountId: account }),
        })
      ).status,
    ).toBe(201);
    // Once the first one is cancelled (and the others too), the product can be bought again.
    const all = (
      await call(
        'GET',
        `${LIST}?filter=${encodeURIComponent(JSON.stringify({ accountId: account, productId: PRODUCT }))}`,
      )
    ).body as { _id: string }[];
    for (const e of all) {
      await call('PUT', `${ENTS}/${e._id}`, {
        json: {
          status: 'CANCELLED',
          cancelReasonCategory: 'CUSTOMER_CANCELLED',
          cancelReasonCode: 'CUSTOMER_CANCELLED',
        },
      });
    }
    expect(
      (
        await call('POST', `${ENTS}?prohibitDuplicateProductPurchase=true`, {
          json: body({ _id: uid(), accountId: account }),
        })
      ).status,
    ).toBe(201);
    expect(
      (await call('POST', `${ENTS}?prohibitDuplicateProductPurchase=maybe`, { json: body({ _id: uid() }) })).status,
    ).toBe(400);
  });
});

describe('update, cancel and delete', () => {
  const create = async () => {
    const id = uid();
    expect((await call('POST', ENTS, { json: body({ _id: id, productId: 'hotstar_ADDON_REGIONAL' }) })).status).toBe(
      201,
    );
    return id;
  };

  it('PUT a status with an allowed reason pair → {matchedCount:1, modifiedCount:1}', async () => {
    const id = await create();
    const res = await call('PUT', `${ENTS}/${id}`, {
      json: { status: 'SUSPENDED', reasonCategory: 'REVOKED', reasonCode: 'SUSPENDED_CANCEL' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ matchedCount: 1, modifiedCount: 1 });
  });

  it('PUT with a reason pair outside the allow-list → 400, unchanged', async () => {
    const id = await create();
    for (const json of [
      { status: 'CANCELLED', reasonCategory: 'CUSTOMER_CANCELLED', reasonCode: 'ACCOUNT_TERMINATED' },
      { status: 'CANCELLED', cancelReasonCategory: 'OTHER', cancelReasonCode: 'WHATEVER' },
      { status: 'CANCELLED', cancelReasonCategory: 'CUSTOMER_CANCELLED' },
      { status: 'GONE' },
      {},
    ]) {
      const res = await call('PUT', `${ENTS}/${id}`, { json });
      expect(res.status, JSON.stringify(json)).toBe(400);
    }
    const list = await call('GET', `${LIST}?filter=${encodeURIComponent(JSON.stringify({ _id: id }))}`);
    expect((list.body as { status: string }[])[0]!.status).toBe('PENDING');
  });

  it('all 14 allow-listed pairs are accepted', async () => {
    const { REASON_PAIRS } = await import('./reasons');
    for (const [category, code] of REASON_PAIRS) {
      const id = await create();
      const res = await call('PUT', `${ENTS}/${id}`, {
        json: { status: 'CANCELLED', cancelReasonCategory: category, cancelReasonCode: code },
      });
      expect(res.status, `${category}/${code}`).toBe(200);
    }
  });

  it("cancel with Nagra's body by PUT and by POST; a repeated cancel modifies nothing", async () => {
    const cancel = {
      status: 'CANCELLED',
      cancelReasonCategory: 'CUSTOMER_CANCELLED',
      cancelReasonCode: 'CUSTOMER_CANCELLED',
    };
    const a = await create();
    expect((await call('PUT', `${ENTS}/${a}`, { json: cancel })).body).toEqual({ matchedCount: 1, modifiedCount: 1 });
    expect((await call('PUT', `${ENTS}/${a}`, { json: cancel })).body).toEqual({ matchedCount: 1, modifiedCount: 0 });
    const b = await create();
    expect((await call('POST', `${ENTS}/${b}`, { json: cancel })).body).toEqual({ matchedCount: 1, modifiedCount: 1 });
    const list = await call('GET', `${LIST}?filter=${encodeURIComponent(JSON.stringify({ _id: b }))}`);
    expect(list.body).toMatchObject([
      { status: 'CANCELLED', cancelReasonCategory: 'CUSTOMER_CANCELLED', cancelReasonCode: 'CUSTOMER_CANCELLED' },
    ]);
  });

  it('a cancelled entitlement cannot be re-activated (400); unknown id → 404', async () => {
    const id = await create();
    await call('PUT', `${ENTS}/${id}`, { json: { status: 'CANCELLED' } });
    expect((await call('PUT', `${ENTS}/${id}`, { json: { status: 'ACTIVE' } })).status).toBe(400);
    const missing = await call('PUT', `${ENTS}/nope`, { json: { status: 'CANCELLED' } });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'crm-gateway:404' });
  });

  it('DELETE → {deletedCount:1}; again → 404', async () => {
    const id = await create();
    const res = await call('DELETE', `${ENTS}/${id}`);
    expect(res.body).toEqual({ deletedCount: 1 });
    expect(await count(id)).toBe(0);
    expect((await call('DELETE', `${ENTS}/${id}`)).status).toBe(404);
  });
});

describe('activationinfo', () => {
  const info = (id: string) => call('GET', `/tpes/v1/operator/entitlements/${id}/activationinfo`);

  it('PENDING → 200 with the NAVIGATE_TO_URL parameters', async () => {
    const id = uid();
    const created = (await call('POST', ENTS, { json: body({ _id: id, accountId: PERSONAS[2]!.opentvAccountId }) }))
      .body as { parameters: { url: string } };
    const res = await info(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entitlementId: id,
      responseCode: '200',
      responseMessage: 'OK',
      parameters: { action: 'NAVIGATE_TO_URL', url: created.parameters.url },
    });
  });

  it('an expired link is replaced by a new one', async () => {
    const id = uid();
    const created = (await call('POST', ENTS, { json: body({ _id: id, accountId: PERSONAS[3]!.opentvAccountId }) }))
      .body as { parameters: { url: string } };
    await advanceClock(app.open.db, 25 * 3600_000);
    token = await operatorToken(app.url);
    const res = (await info(id)).body as { parameters: { url: string; urlExpiry: string } };
    expect(res.parameters.url).not.toBe(created.parameters.url);
    await app.open.db.execute(sql`delete from sandbox_settings where partner = 'clock'`);
    token = await operatorToken(app.url);
  });

  it('not PENDING → 400; unknown → 404', async () => {
    const id = uid();
    await call('POST', ENTS, { json: body({ _id: id, productId: OTHER_PRODUCT }) });
    await call('PUT', `${ENTS}/${id}`, { json: { status: 'ACTIVE' } });
    const res = await info(id);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ entitlementId: id, responseCode: '400' });
    expect((await info('nope')).status).toBe(404);
  });
});

describe('list', () => {
  const ACC = 'acct-list-1';
  beforeAll(async () => {
    await call('POST', '/adm/v1/accounts', { json: { _id: ACC, signonId: 'list@example.com' } });
    for (const [i, productId] of [
      'hotstar_MOBILE_MONTHLY',
      'hotstar_SUPER_MONTHLY',
      'hotstar_PREMIUM_ANNUAL',
      'hotstar_ADDON_KIDS',
      'hotstar_ADDON_SPORTS',
    ].entries()) {
      await call('POST', ENTS, { json: body({ _id: `list-${i}`, accountId: ACC, productId }) });
    }
    await call('PUT', `${ENTS}/list-1`, { json: { status: 'ACTIVE' } });
  });
  const list = (q: Record<string, string>) => call('GET', `${LIST}?${new URLSearchParams(q).toString()}`);

  it('filters by equality and $in', async () => {
    const all = await list({ filter: JSON.stringify({ accountId: ACC }) });
    expect(all.body).toHaveLength(5);
    expect(all.headers.get('x-total-count')).toBe('5');
    const active = await list({ filter: JSON.stringify({ accountId: ACC, status: 'ACTIVE' }) });
    expect((active.body as { _id: string }[]).map((e) => e._id)).toEqual(['list-1']);
    const some = await list({ filter: JSON.stringify({ _id: { $in: ['list-0', 'list-4', 'nope'] } }) });
    expect((some.body as { _id: string }[]).map((e) => e._id).sort()).toEqual(['list-0', 'list-4']);
  });

  it('sorts, limits and pages', async () => {
    const filter = JSON.stringify({ accountId: ACC });
    const desc = await list({ filter, sort: JSON.stringify({ _id: -1 }), limit: '2' });
    expect((desc.body as { _id: string }[]).map((e) => e._id)).toEqual(['list-4', 'list-3']);
    const page2 = await list({ filter, sort: JSON.stringify({ _id: 1 }), limit: '2', page: '2' });
    expect((page2.body as { _id: string }[]).map((e) => e._id)).toEqual(['list-2', 'list-3']);
    expect(page2.headers.get('x-total-count')).toBe('5');
    const page3 = await list({ filter, sort: JSON.stringify({ _id: 1 }), limit: '2', page: '3' });
    expect((page3.body as { _id: string }[]).map((e) => e._id)).toEqual(['list-4']);
  });

  it('bad parameters → 400 naming the parameter', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ filter: '{oops' }, 'filter'],
      [{ filter: JSON.stringify({ password: 'x' }) }, 'filter.password'],
      [{ sort: JSON.stringify({ productId: 2 }) }, 'sort'],
      [{ sort: JSON.stringify({ secret: 1 }) }, 'sort.secret'],
      [{ limit: '0' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ page: '2' }, 'page'],
      [{ limit: '2', page: '0' }, 'page'],
    ];
    for (const [q, name] of cases) {
      const res = await list(q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect((res.body as { message: string }).message).toContain(name);
    }
  });
});

describe('fault injection (sandbox_settings)', () => {
  it('a forced error for the next 2 calls answers twice, then the API is back', async () => {
    await app.open.db.execute(
      sql`insert into sandbox_settings (partner, forced_error) values ('opentv', ${JSON.stringify({ status: 503, body: { code: 'crm-gateway:503', message: 'down' }, times: 2 })}::jsonb)`,
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('GET', `/adm/v1/accounts/${ACCOUNT}`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    await app.open.db.execute(sql`delete from sandbox_settings where partner = 'opentv'`);
  });
});
