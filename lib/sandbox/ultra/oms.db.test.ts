import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getConfig, resetConfigForTests } from '@/lib/config';
import { advanceClock } from '@/lib/sandbox/clock';
import { setSandboxOption } from '@/lib/sandbox/options';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { identityTokenFor, PERSONAS } from './personas';
import { staffHeaders } from '@/test/support/staff';

/** Contract tests of the Flipkart OMS v3 sandbox over HTTP (docs/partners/ultra.md#oms-fields, #oms-state-machine, #oms-errors, #resolutions). */

let app: TestApp;
let oms: string;
let identity: string;
let seq = 0;
const nextOrderId = () => `T-${Date.now()}-${++seq}`;

beforeAll(async () => {
  app = await startTestApp();
  oms = `${app.url}/sandbox/ultra/oms`;
  identity = identityTokenFor(getConfig().ultra.merchantId, PERSONAS[0]!);
});
afterAll(async () => app?.close());
beforeEach(async () => {
  await fetch(`${oms}/sandbox/faults`, { method: 'DELETE', headers: await staffHeaders() });
  await putSettings({ rateCapacity: 100, rateRefillPerMinute: 600, requireSub: false, maxWindowS: 1000 });
});

async function putSettings(body: Record<string, unknown>) {
  const res = await fetch(`${oms}/sandbox/settings`, {
    method: 'PUT',
    headers: await staffHeaders({ 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

async function token(
  opts: { iss?: string | null; sub?: string | null; iat?: number; exp?: number; key?: string; typ?: string } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const iat = opts.iat ?? now;
  const claims: Record<string, unknown> = { iat, exp: opts.exp ?? iat + 300 };
  const iss = opts.iss === undefined ? getConfig().ultra.clientId : opts.iss;
  if (iss) claims.iss = iss;
  if (opts.sub) claims.sub = opts.sub;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: opts.typ ?? 'JWT' })
    .sign(createPrivateKey(opts.key ?? getConfig().ultra.privateKey));
}

/** Yesterday, in epoch seconds: the unit the sandbox reads unless configured otherwise. */
const T = Math.floor(Date.now() / 1000) - 86_400;
const DAY_S = 86_400;

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const t = T;
  return {
    orderId: nextOrderId(),
    orderState: 'ORDER_CONFIRMED',
    identityToken: identity,
    description: 'Premium Annual plan',
    orderTimestamp: t,
    orderUpdatedTimestamp: t,
    forwardTransaction: 149.99,
    reverseTransaction: 0,
    lastFulfillmentDate: t + 7 * DAY_S,
    orderMetadata: { category: 'streaming', productId: 'premium-annual' },
    ...overrides,
  };
}

async function post(body: unknown, opts: { token?: string | null; path?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const tok = opts.token === undefined ? await token() : opts.token;
  if (tok !== null) headers.secureToken = tok;
  const res = await fetch(`${oms}${opts.path ?? '/3/oms'}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Confirms an order, so terminal-state rules can be tested on it. */
async function confirmed(overrides: Record<string, unknown> = {}) {
  const e = event(overrides);
  expect((await post(e)).status).toBe(200);
  return e;
}

async function ordersOf(params: Record<string, string>) {
  const res = await fetch(`${oms}/sandbox/orders?${new URLSearchParams(params)}`);
  return ((await res.json()) as { orders: Record<string, unknown>[] }).orders;
}

describe('OMS sandbox: success and the error envelope', () => {
  it('accepts a valid ORDER_CONFIRMED with 200 {"STATUS":200,"RESPONSE":"SUCCESS"}', async () => {
    const res = await post(event());
    expect(res).toEqual({ status: 200, body: { STATUS: 200, RESPONSE: 'SUCCESS' } });
  });

  it('serves /ultra/3/oms as well as /3/oms', async () => {
    expect((await post(event(), { path: '/ultra/3/oms' })).status).toBe(200);
    expect((await post(event(), { path: '/4/oms' })).status).toBe(404);
  });

  it('answers errors as {timestamp, message, status: <ultra code>, error, additionalInfo}', async () => {
    const e = await confirmed();
    const res = await post(e);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['additionalInfo', 'error', 'message', 'status', 'timestamp']);
    expect(res.body).toMatchObject({
      status: 23,
      error: 'BadInputException',
      message: 'Order state already exist',
      additionalInfo: { orderState: 'ORDER_CONFIRMED' },
    });
    expect(res.body.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });
});

describe('OMS sandbox: secureToken', () => {
  it('11 when the header is missing or the JWT has no three sections', async () => {
    expect((await post(event(), { token: null })).body.status).toBe(11);
    expect((await post(event(), { token: 'abc.def' })).body.status).toBe(11);
    expect((await post(event(), { token: await token() })).status).toBe(200);
  });

  it('12 when the JWT has no iss (clientId)', async () => {
    const res = await post(event(), { token: await token({ iss: null }) });
    expect(res).toMatchObject({ status: 400, body: { status: 12, message: 'JWT does not contain clientId' } });
  });

  it('10 when no public key is registered for iss, or the signature does not verify', async () => {
    const unregistered = await post(event(), { token: await token({ iss: 'someoneelse.app' }) });
    expect(unregistered.body).toMatchObject({ status: 10, message: 'Invalid public key for merchant id' });
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const forged = await post(event(), { token: await token({ key: otherKey }) });
    expect(forged.body).toMatchObject({ status: 10, additionalInfo: { check: 'signature' } });
  });

  it('10 (documented choice) for an expired token, a future iat or a window over 1000 s', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await post(event(), { token: await token({ iat: now - 900, exp: now - 10 }) });
    expect(expired.body).toMatchObject({ status: 10, additionalInfo: { check: 'expired' } });
    const future = await post(event(), { token: await token({ iat: now + 600, exp: now + 900 }) });
    expect(future.body).toMatchObject({ status: 10, additionalInfo: { check: 'iat_future' } });
    const wide = await post(event(), { token: await token({ iat: now, exp: now + 1001 }) });
    expect(wide.body).toMatchObject({ status: 10, additionalInfo: { check: 'window' } });
    expect((await post(event(), { token: await token({ iat: now, exp: now + 1000 }) })).status).toBe(200);
  });

  it('accepts typ in any case', async () => {
    expect((await post(event(), { token: await token({ typ: 'jwt' }) })).status).toBe(200);
  });

  it('14 for a token without sub only in strict mode', async () => {
    expect((await post(event(), { token: await token() })).status).toBe(200);
    await putSettings({ requireSub: true });
    const res = await post(event(), { token: await token() });
    expect(res.body).toMatchObject({ status: 14, message: 'JWT does not contain sub' });
    expect((await post(event(), { token: await token({ sub: getConfig().ultra.clientId }) })).status).toBe(200);
  });
});

describe('OMS sandbox: field rules', () => {
  const cases: [string, Record<string, unknown>, number | 200][] = [
    ['orderId missing', { orderId: undefined }, 20],
    ['orderId empty', { orderId: '' }, 20],
    ['orderState unknown', { orderState: 'ORDER_SHIPPED' }, 22],
    ['orderState missing', { orderState: undefined }, 22],
    ['identityToken missing', { identityToken: undefined }, 20],
    ['identityToken unknown', { identityToken: 'IDTKN00000000000000000000000000000000XYZ' }, 15],
    ['description missing', { description: undefined }, 20],
    ['description blank', { description: '   ' }, 20],
    ['orderTimestamp missing', { orderTimestamp: undefined }, 20],
    ['orderTimestamp not a whole number', { orderTimestamp: T + 0.5 }, 20],
    ['orderUpdatedTimestamp before orderTimestamp', { orderUpdatedTimestamp: T - 1 }, 20],
    ['lastFulfillmentDate missing', { lastFulfillmentDate: undefined }, 20],
    ['lastFulfillmentDate before orderTimestamp', { lastFulfillmentDate: T - DAY_S }, 20],
    ['forwardTransaction missing', { forwardTransaction: undefined }, 20],
    ['forwardTransaction a string', { forwardTransaction: '149.99' }, 20],
    ['forwardTransaction 0', { forwardTransaction: 0 }, 21],
    ['forwardTransaction negative', { forwardTransaction: -5 }, 21],
    ['forwardTransaction with 5 decimals', { forwardTransaction: 1.23456 }, 20],
    ['reverseTransaction missing', { reverseTransaction: undefined }, 20],
    ['CONFIRMED with reverse ≠ 0', { reverseTransaction: 10 }, 25],
    ['CONFIRMED with reverse > forward', { reverseTransaction: 200 }, 26],
    ['orderMetadata with a non-string value', { orderMetadata: { items: 2 } }, 20],
    ['the table spelling orderstate', { orderstate: 'ORDER_CONFIRMED' }, 20],
    ['the table spelling forwardTransactions', { forwardTransactions: 149.99 }, 20],
    ['the table spelling reverseTransactions', { reverseTransactions: 0 }, 20],
    // Passing boundaries of the same rules.
    ['forwardTransaction with 4 decimals', { forwardTransaction: 0.9876 }, 200],
    ['orderMetadata left out', { orderMetadata: undefined }, 200],
    ['orderMetadata null (vendor sample)', { orderMetadata: null }, 200],
    ['lastFulfillmentDate equal to orderTimestamp', { lastFulfillmentDate: T }, 200],
    ['a tiny forward amount', { forwardTransaction: 0.0001 }, 200],
  ];
  it.each(cases)('%s → %s', async (_name, overrides, expected) => {
    const res = await post(event(overrides));
    if (expected === 200) {
      expect(res.status).toBe(200);
    } else {
      expect(res.status).toBe(400);
      expect(res.body.status).toBe(expected);
      if (expected === 20) expect(String(res.body.message)).toMatch(/^[A-Za-z]+: /);
    }
  });

  it('rejects a body that is not JSON with a clear 20', async () => {
    const res = await post('{not json');
    expect(res.body).toMatchObject({ status: 20, additionalInfo: { field: 'body' } });
  });

  it('terminal states: 0 ≤ reverse ≤ forward passes, more than forward is 26', async () => {
    const over = await confirmed();
    const bad = await post({ ...over, orderState: 'ORDER_CANCELLED', reverseTransaction: 150 });
    expect(bad.body.status).toBe(26);
    const good = await post({ ...over, orderState: 'ORDER_CANCELLED', reverseTransaction: 149.99 });
    expect(good.status).toBe(200);
    const fulfilled = await confirmed();
    expect((await post({ ...fulfilled, orderState: 'ORDER_FULFILLED', reverseTransaction: -1 })).body.status).toBe(26);
    expect((await post({ ...fulfilled, orderState: 'ORDER_FULFILLED', reverseTransaction: 0 })).status).toBe(200);
  });
});

describe('OMS sandbox: timestamps in the configured unit only (docs/partners/ultra.md#oms-timestamps)', () => {
  const FIELDS = ['orderTimestamp', 'orderUpdatedTimestamp', 'lastFulfillmentDate'] as const;
  /** The same moments as event(), in milliseconds. */
  const inMs = () =>
    event({ orderTimestamp: T * 1000, orderUpdatedTimestamp: T * 1000, lastFulfillmentDate: (T + 7 * DAY_S) * 1000 });

  it("reads epoch seconds by default, as Flipkart's sample, and stores them as ms", async () => {
    const e = event();
    expect((await post(e)).status).toBe(200);
    const [stored] = await ordersOf({ orderId: String(e.orderId) });
    expect(stored).toMatchObject({ orderTimestampMs: T * 1000, lastFulfillmentDateMs: (T + 7 * DAY_S) * 1000 });
  });

  it.each(FIELDS)('refuses %s in milliseconds when it reads seconds: 20, wrong_unit, nothing stored', async (field) => {
    const e = event({ [field]: T * 1000 + (field === 'lastFulfillmentDate' ? 7 * DAY_S * 1000 : 0) });
    const res = await post(e);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 20,
      message: `${field}: ${String(e[field])} is epoch milliseconds; this OMS reads epoch seconds`,
      additionalInfo: { field, reason: 'wrong_unit', expectedUnit: 's' },
    });
    expect(await ordersOf({ orderId: String(e.orderId) })).toEqual([]);
  });

  it('with OMS_TIMESTAMP_UNIT=ms (the app and the sandbox share it) it reads milliseconds and refuses seconds', async () => {
    process.env.OMS_TIMESTAMP_UNIT = 'ms';
    resetConfigForTests();
    try {
      expect((await post(inMs())).status).toBe(200);
      const res = await post(event());
      expect(res.body).toMatchObject({
        status: 20,
        message: `orderTimestamp: ${T} is epoch seconds; this OMS reads epoch milliseconds`,
        additionalInfo: { reason: 'wrong_unit', expectedUnit: 'ms' },
      });
    } finally {
      delete process.env.OMS_TIMESTAMP_UNIT;
      resetConfigForTests();
    }
  });

  it('the ops page setting overrides the configured unit until cleared', async () => {
    await setSandboxOption(app.open.db, 'oms', 'timestampUnit', 'ms');
    try {
      expect((await post(inMs())).status).toBe(200);
      expect((await post(event())).body).toMatchObject({ status: 20, additionalInfo: { reason: 'wrong_unit' } });
    } finally {
      await setSandboxOption(app.open.db, 'oms', 'timestampUnit', null);
    }
    expect((await post(event())).status).toBe(200);
  });

  it('refuses a date more than a year from now, either way, and accepts one just within', async () => {
    const year = 366 * DAY_S;
    const now = Math.floor(Date.now() / 1000);
    const far = await post(
      event({ orderTimestamp: now, orderUpdatedTimestamp: now, lastFulfillmentDate: now + year + DAY_S }),
    );
    expect(far.body).toMatchObject({
      status: 20,
      additionalInfo: { field: 'lastFulfillmentDate', reason: 'implausible_date' },
    });
    expect(String(far.body.message)).toMatch(/^lastFulfillmentDate: \d{4}-\d\d-\d\dT.* is more than a year from now/);
    // Flipkart's own 2020 sample is in seconds, but years away from today.
    const old = await post(
      event({
        orderTimestamp: 1_588_686_476,
        orderUpdatedTimestamp: 1_588_686_476,
        lastFulfillmentDate: 1_591_286_671,
      }),
    );
    expect(old.body).toMatchObject({
      status: 20,
      additionalInfo: { field: 'orderTimestamp', reason: 'implausible_date' },
    });
    const within = event({
      orderTimestamp: now - year + DAY_S,
      orderUpdatedTimestamp: now,
      lastFulfillmentDate: now + year - DAY_S,
    });
    expect((await post(within)).status).toBe(200);
  });

  it('judges dates against the sandbox clock too: an order of today is still plausible after QA moves the clock 400 days', async () => {
    await advanceClock(app.open.db, 400 * DAY_S * 1000);
    try {
      const now = Math.floor(Date.now() / 1000);
      expect(
        (
          await post(
            event({
              orderTimestamp: now,
              orderUpdatedTimestamp: now + 400 * DAY_S,
              lastFulfillmentDate: now + 7 * DAY_S,
            }),
          )
        ).status,
      ).toBe(200);
    } finally {
      await advanceClock(app.open.db, -400 * DAY_S * 1000);
    }
  });
});

describe('OMS sandbox: state machine and idempotency', () => {
  it('CONFIRMED first: a terminal state on an unknown order is 24', async () => {
    const res = await post(event({ orderState: 'ORDER_FULFILLED' }));
    expect(res.body).toMatchObject({ status: 24, additionalInfo: { orderState: 'ORDER_FULFILLED' } });
  });

  it('CONFIRMED → FULFILLED is accepted; then nothing: repeat 23, other terminal 24', async () => {
    const e = await confirmed();
    expect((await post({ ...e, orderState: 'ORDER_FULFILLED' })).status).toBe(200);
    expect((await post({ ...e, orderState: 'ORDER_FULFILLED' })).body.status).toBe(23);
    expect((await post({ ...e, orderState: 'ORDER_CONFIRMED' })).body.status).toBe(23);
    expect((await post({ ...e, orderState: 'ORDER_CANCELLED', reverseTransaction: 149.99 })).body.status).toBe(24);
  });

  it('CONFIRMED → CANCELLED with the reverse amount shows in My Orders with its history', async () => {
    const e = await confirmed();
    expect((await post({ ...e, orderState: 'ORDER_CANCELLED', reverseTransaction: 100 })).status).toBe(200);
    const [order] = await ordersOf({ identityToken: identity, orderId: String(e.orderId) });
    expect(order).toMatchObject({
      orderId: e.orderId,
      currentState: 'ORDER_CANCELLED',
      forwardTransaction: 149.99,
      reverseTransaction: 100,
      description: 'Premium Annual plan',
    });
    expect((order!.history as { orderState: string }[]).map((h) => h.orderState)).toEqual([
      'ORDER_CONFIRMED',
      'ORDER_CANCELLED',
    ]);
  });

  it('a repeated event is 23 and stored once, even when sent concurrently', async () => {
    const e = event();
    const results = await Promise.all(Array.from({ length: 5 }, () => post(e)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.body.status === 23)).toHaveLength(4);
    const [order] = await ordersOf({ orderId: String(e.orderId) });
    expect(order!.history).toHaveLength(1);
  });

  it('two different terminal states racing: exactly one wins, the other is 24', async () => {
    const e = await confirmed();
    const [a, b] = await Promise.all([
      post({ ...e, orderState: 'ORDER_FULFILLED' }),
      post({ ...e, orderState: 'ORDER_CANCELLED', reverseTransaction: 1 }),
    ]);
    expect([a!.status, b!.status].sort()).toEqual([200, 400]);
    expect([a!.body.status, b!.body.status]).toContain(24);
    const [order] = await ordersOf({ orderId: String(e.orderId) });
    expect(order!.history).toHaveLength(2);
  });

  it('the inspection endpoint lists only the given identity token', async () => {
    const other = identityTokenFor(getConfig().ultra.merchantId, PERSONAS[1]!);
    const mine = await confirmed();
    const theirs = await confirmed({ identityToken: other });
    const listed = (await ordersOf({ identityToken: other })).map((o) => o.orderId);
    expect(listed).toContain(theirs.orderId);
    expect(listed).not.toContain(mine.orderId);
  });
});

describe('OMS sandbox: rate limit and forced faults', () => {
  it('429 with code 31 once the per-client bucket is empty', async () => {
    await putSettings({ rateCapacity: 2, rateRefillPerMinute: 0 });
    expect((await post(event())).status).toBe(200);
    expect((await post(event())).status).toBe(200);
    const limited = await post(event());
    expect(limited).toMatchObject({
      status: 429,
      body: { status: 31, message: 'Rate Limit reached for client', error: 'BadInputException' },
    });
    await putSettings({ rateCapacity: 100, rateRefillPerMinute: 600 });
    expect((await post(event())).status).toBe(200);
  });

  it('forced faults answer the next N calls, then the sandbox is healthy again', async () => {
    const res = await fetch(`${oms}/sandbox/faults`, {
      method: 'POST',
      headers: await staffHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify({ status: 503, times: 2 }),
    });
    expect(res.status).toBe(200);
    const e = event();
    expect((await post(e)).status).toBe(503);
    expect((await post(e)).status).toBe(503);
    expect((await post(e)).status).toBe(200);
  });

  it('a forced fault after acceptance stores the event but loses the answer', async () => {
    await fetch(`${oms}/sandbox/faults`, {
      method: 'POST',
      headers: await staffHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify({ status: 500, times: 1, afterAccept: true }),
    });
    const e = event();
    expect((await post(e)).status).toBe(500);
    expect((await post(e)).body.status).toBe(23);
  });

  it('rejects a bad fault or settings request with the field named', async () => {
    const res = await fetch(`${oms}/sandbox/faults`, {
      method: 'POST',
      headers: await staffHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify({ status: 200 }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^status: /);
    const bad = await fetch(`${oms}/sandbox/settings`, {
      method: 'PUT',
      headers: await staffHeaders({ 'content-type': 'application/json' }),
      body: JSON.stringify({ rateCapacity: -1 }),
    });
    expect(bad.status).toBe(400);
  });
});
