import { and, asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import {
  customers,
  opentvWebhookReceipts,
  orderEvents,
  orders,
  outboxJobs,
  products,
  sandboxFlexitiAuthorizations,
  sandboxFlexitiCaptures,
  sandboxOpentvAccounts,
  sandboxOpentvEntitlements,
  sandboxUltraOmsEvents,
} from '@/lib/db/schema';
import { runOutboxBatch } from '@/lib/outbox';
import { OPENTV_SIGNATURE_HEADER, signWebhook } from '@/lib/partners/opentv/webhook';
import {
  advanceClock,
  clockOffsetMs,
  clearForcedError,
  findPreset,
  forceError,
  queueFaults,
  flexitiApi,
  setWebhookRetryTimer,
  identityTokenFor,
  PERSONAS,
} from '@/test/support/sandbox';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { POST as webhookRoute } from '@/app/api/webhooks/opentv/route';
import { cancelOrder } from './cancel';
import { pollPendingEntitlements } from './entitlement-status';
import { enqueueConfirmationJobs } from './fulfilment';
import { runJobsNow } from './jobs/run-now';
import { fulfilOrder } from './fulfilment-complete';
import { newOrderId } from './order-id';
import { hasOpenTvSignonConflict } from './opentv-account';
import { transitionOrder } from './transitions';

/**
 * The order lifecycle against the real sandboxes over HTTP: confirmation jobs, the
 * OpenTV webhook route, cancellation with refund, scheduled fulfilment on the sandbox clock.
 */

let app: TestApp;
const DAY = 86_400_000;

beforeAll(async () => {
  // The sandbox's failed-delivery timer would fire on its own; these tests drive time themselves.
  setWebhookRetryTimer(false);
  app = await startTestApp({ mounts: { '/api/webhooks/opentv': (req) => webhookRoute(req) } });
});
afterAll(async () => app?.close());
afterEach(async () => {
  await clearForcedError(app.open.db, 'opentv');
  // Put the sandbox clock back and leave nothing due for the next test.
  await advanceClock(app.open.db, -(await clockOffsetMs(app.open.db)));
  await app.open.db.update(outboxJobs).set({ status: 'done' }).where(eq(outboxJobs.status, 'pending'));
});

const db = () => app.open.db;
const persona = PERSONAS[0]!;
const identityToken = () => identityTokenFor(getConfig().ultra.merchantId, persona);

async function customerFor(kind: 'persona' | 'new' | 'verified-email'): Promise<string> {
  const token = kind === 'persona' ? identityToken() : `IDTKN${crypto.randomUUID().replace(/-/g, '').toUpperCase()}ABC`;
  const [row] = await db()
    .insert(customers)
    .values({
      identityToken: token,
      email: kind === 'persona' ? null : `new-${Date.now()}@example.com`,
      emailVerified: kind === 'verified-email',
    })
    .onConflictDoUpdate({ target: customers.identityToken, set: { updatedAt: new Date() } })
    .returning();
  return row!.id;
}

type Payment = { authorizationId: string; captureId: string | null } | null;

/** A real Flexiti authorization in the sandbox (verified purchase on account 20009100). */
async function flexitiPayment(amountCents: number, reference: string, capture: boolean): Promise<Payment> {
  const api = flexitiApi(app.url);
  const t = (await api.token('customer')).access_token;
  const session = await api.verifiedPurchase(t, '20009100');
  const r = await api.call('POST', `${api.v251}/authorization`, t, {
    account_number: 20009100,
    reference,
    financing_option: { transaction_type: 'regular_purchase' },
    amount: amountCents / 100,
    auto_capture: capture,
    widget_session_id: session,
  });
  expect(r.status).toBe(200);
  return {
    authorizationId: String(r.body.authorization_id),
    captureId: r.body.capture_id ? String(r.body.capture_id) : null,
  };
}

/** What checkout does: PENDING_PAYMENT → CONFIRMED and the confirmation jobs in one transaction. */
async function confirmedOrder(
  opts: { customer?: 'persona' | 'new' | 'verified-email'; payment?: 'captured' | 'authorized' | 'none' } = {},
) {
  const customerId = await customerFor(opts.customer ?? 'persona');
  const [product] = await db().select().from(products).where(eq(products.active, true)).limit(1);
  const id = newOrderId();
  const payment =
    opts.payment === 'none' ? null : await flexitiPayment(product!.priceCents, id, opts.payment !== 'authorized');
  await db().insert(orders).values({
    id,
    customerId,
    productId: product!.id,
    state: 'PENDING_PAYMENT',
    amountCents: product!.priceCents,
    currency: product!.currency,
  });
  const jobIds = await db().transaction(async (tx) => {
    const order = await transitionOrder(tx, {
      orderId: id,
      from: 'PENDING_PAYMENT',
      to: 'CONFIRMED',
      cause: 'test.paid',
      patch: { confirmedAt: new Date(), authorizationId: payment?.authorizationId, captureId: payment?.captureId },
    });
    return enqueueConfirmationJobs(tx, order!);
  });
  return { id, customerId, product: product!, jobIds };
}

const orderRow = async (id: string) => (await db().select().from(orders).where(eq(orders.id, id)))[0]!;
const omsEvents = (orderId: string) =>
  db()
    .select()
    .from(sandboxUltraOmsEvents)
    .where(eq(sandboxUltraOmsEvents.orderId, orderId))
    .orderBy(asc(sandboxUltraOmsEvents.id));
const entitlementAtOpenTv = async (orderId: string) =>
  (
    await db()
      .select()
      .from(sandboxOpentvEntitlements)
      .where(eq(sandboxOpentvEntitlements.id, `ent-${orderId}`))
  )[0];
const jobsOf = (orderId: string) =>
  db().select().from(outboxJobs).where(eq(outboxJobs.orderId, orderId)).orderBy(asc(outboxJobs.id));

/** Runs outbox batches until nothing more is due (the worker, without waiting for its ticks). */
async function drain(now?: Date) {
  for (let i = 0; i < 10; i++) {
    const ran = await runOutboxBatch({ workerId: 'test', now });
    if (!ran.length) return;
  }
}

function signed(body: unknown, secret = getConfig().opentv.webhookSecret) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${app.url}/api/webhooks/opentv`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [OPENTV_SIGNATURE_HEADER]: signWebhook(raw, secret) },
    body: raw,
  });
}

describe('confirmation → outbox jobs → entitlement and ORDER_CONFIRMED', () => {
  it('creates the entitlement with our _id, reports ORDER_CONFIRMED and schedules fulfilment', async () => {
    const before = Date.now();
    const { id, product, jobIds } = await confirmedOrder();
    const jobs = await jobsOf(id);
    expect(jobs.map((j) => j.dedupeKey)).toEqual([`opentv:${id}:create`, `oms:${id}:ORDER_CONFIRMED`, `fulfil:${id}`]);
    const fulfil = jobs[2]!;
    const window = getConfig().returnWindowDays * DAY;
    expect(fulfil.runAt.getTime()).toBeGreaterThanOrEqual(before + window);
    expect(fulfil.runAt.getTime()).toBeLessThan(Date.now() + window + 5_000);

    // Enqueuing again (a retried confirmation) adds nothing.
    const again = await orderRow(id);
    await db().transaction(async (tx) => enqueueConfirmationJobs(tx, again));
    expect(await jobsOf(id)).toHaveLength(3);

    await runJobsNow(jobIds);
    const entitlement = await entitlementAtOpenTv(id);
    expect(entitlement).toMatchObject({
      status: 'PENDING',
      accountId: persona.opentvAccountId,
      productId: product.opentvProductId,
    });
    const order = await orderRow(id);
    expect(order).toMatchObject({
      entitlementId: `ent-${id}`,
      entitlementStatus: 'PENDING',
      opentvAccountId: persona.opentvAccountId,
    });
    expect(order.activationUrl).toMatch(/\/sandbox\/opentv\/activate\//);

    const [confirmed, ...more] = await omsEvents(id);
    expect(more).toHaveLength(0);
    expect(confirmed).toMatchObject({
      orderState: 'ORDER_CONFIRMED',
      identityToken: identityToken(),
      forwardTransaction: product.priceCents / 100,
      reverseTransaction: 0,
      lastFulfillmentDateMs: order.lastFulfillmentAt!.getTime(),
      timestampUnit: 'ms',
      orderMetadata: { category: product.kind, productId: product.slug },
    });
    expect(confirmed!.description).toContain(product.name);
    expect(fulfil.status).toBe('pending');
  });

  it('creates an OpenTV account for a customer who has none (not a sandbox persona)', async () => {
    const { id, customerId, jobIds } = await confirmedOrder({ customer: 'new', payment: 'none' });
    await runJobsNow(jobIds);
    const [customer] = await db().select().from(customers).where(eq(customers.id, customerId));
    expect(customer!.opentvAccountId).toBe(`sf-${customerId}`);
    expect(await entitlementAtOpenTv(id)).toMatchObject({ accountId: `sf-${customerId}`, status: 'PENDING' });
  });

  it('OpenTV answers 409 "signon exists" for the e-mail: a conflict, the synthetic sign-on is used, the customer is told', async () => {
    await queueFaults(db(), {
      partner: 'opentv',
      match: '/adm/v1/accounts$',
      method: 'POST',
      mode: 'refuse',
      status: 409,
      body: { code: 'adm:409', message: 'signonId: an account with this signonId already exists' },
    });
    const { id, customerId, jobIds } = await confirmedOrder({ customer: 'verified-email', payment: 'none' });
    await runJobsNow(jobIds);
    const [customer] = await db().select().from(customers).where(eq(customers.id, customerId));
    expect(customer!.opentvAccountId).toBe(`sf-${customerId}`);
    expect(customer!.opentvSignonConflictAt).toBeInstanceOf(Date);
    expect(hasOpenTvSignonConflict(customer!)).toBe(true);
    const [account] = await db()
      .select()
      .from(sandboxOpentvAccounts)
      .where(eq(sandboxOpentvAccounts.id, `sf-${customerId}`));
    expect(account!.signonId).toMatch(/\.invalid$/);
    expect(await entitlementAtOpenTv(id)).toMatchObject({ accountId: `sf-${customerId}`, status: 'PENDING' });
    expect((await jobsOf(id))[0]).toMatchObject({ status: 'done' });
  });

  it('an OpenTV outage leaves the entitlement job to retry; it heals once OpenTV is back', async () => {
    await forceError(db(), 'opentv', findPreset('opentv', 'opentv-503')!, undefined);
    const { id, jobIds } = await confirmedOrder({ payment: 'none' });
    await runJobsNow(jobIds);
    expect(await entitlementAtOpenTv(id)).toBeUndefined();
    const [create, confirmed] = await jobsOf(id);
    expect(create).toMatchObject({ status: 'pending', attempts: 1 });
    expect(create!.lastError).toMatch(/unavailable/);
    // OMS does not wait for OpenTV.
    expect(confirmed!.status).toBe('done');

    await clearForcedError(db(), 'opentv');
    await drain(new Date(Date.now() + 60_000));
    expect(await entitlementAtOpenTv(id)).toMatchObject({ status: 'PENDING' });
    expect((await jobsOf(id))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });
});

describe('POST /api/webhooks/opentv', () => {
  async function pendingOrder() {
    const o = await confirmedOrder({ payment: 'none' });
    await runJobsNow(o.jobIds);
    return o;
  }
  const event = (orderId: string, over: Record<string, unknown> = {}) => ({
    entitlementId: `ent-${orderId}`,
    accountId: persona.opentvAccountId,
    productId: 'hotstar_SUPER_MONTHLY',
    status: 'ACTIVE',
    occurredAt: new Date().toISOString(),
    ...over,
  });

  it('the sandbox activation calls it, signed: the order becomes ACTIVE', async () => {
    const { id } = await pendingOrder();
    const res = await fetch(`${app.url}/sandbox/opentv/sandbox/entitlements/ent-${id}/activate`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ status: 'ACTIVE', webhookDelivered: true });
    expect(await orderRow(id)).toMatchObject({ state: 'ACTIVE', entitlementStatus: 'ACTIVE', activationUrl: null });
  });

  it('a good signature is applied once; a repeat answers 200 and changes nothing', async () => {
    const { id } = await pendingOrder();
    const body = event(id);
    const first = await signed(body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'applied' });
    const again = await signed(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
    expect(await db().select().from(opentvWebhookReceipts).where(eq(opentvWebhookReceipts.orderId, id))).toHaveLength(
      1,
    );
    const activations = await db()
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, id), eq(orderEvents.cause, 'opentv.activated')));
    expect(activations).toHaveLength(1);
    expect((await orderRow(id)).state).toBe('ACTIVE');
  });

  it('a wrong or missing signature is 401 and changes nothing', async () => {
    const { id } = await pendingOrder();
    const wrong = await signed(event(id), 'not-the-shared-secret-at-all');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_signature', reason: 'signature' });
    const missing = await fetch(`${app.url}/api/webhooks/opentv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event(id)),
    });
    expect(missing.status).toBe(401);
    expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: 'PENDING' });
    expect(await db().select().from(opentvWebhookReceipts).where(eq(opentvWebhookReceipts.orderId, id))).toHaveLength(
      0,
    );
  });

  it('a signature dated 301 s in the future is 401 stale, and the order is unchanged', async () => {
    const { id } = await pendingOrder();
    const raw = JSON.stringify(event(id));
    const header = signWebhook(raw, getConfig().opentv.webhookSecret, new Date(Date.now() + 301_000));
    const res = await fetch(`${app.url}/api/webhooks/opentv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [OPENTV_SIGNATURE_HEADER]: header },
      body: raw,
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_signature', reason: 'stale' });
    expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: 'PENDING' });
  });

  it('a chunked body over the cap (no Content-Length) is 413 and changes nothing', async () => {
    const { id } = await pendingOrder();
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 8) c.enqueue(chunk);
        else c.close();
      },
    });
    const req = new Request(`${app.url}/api/webhooks/opentv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [OPENTV_SIGNATURE_HEADER]: signWebhook('{}', 'x') },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(req.headers.get('content-length')).toBeNull();
    const res = await webhookRoute(req);
    expect(res.status).toBe(413);
    // It stopped reading once over the cap: the rest of the stream was never pulled.
    expect(sent).toBeLessThan(8);
    expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: 'PENDING' });
  });

  it('a signed but invalid body is 400 naming the field, and changes nothing', async () => {
    const { id } = await pendingOrder();
    const bad = await signed(event(id, { status: 'LIVE' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_body', field: 'status' });
    const notJson = await signed('{"entitlementId":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ field: 'body' });
    expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: 'PENDING' });
  });
});

describe('entitlement status without the webhook (the poll)', () => {
  async function pendingOrder() {
    const o = await confirmedOrder({ payment: 'none' });
    await runJobsNow(o.jobIds);
    return o;
  }
  /** A signed ACTIVE event for the order's entitlement, as OpenTV would send it (late). */
  const lateActive = (id: string) =>
    signed({
      entitlementId: `ent-${id}`,
      accountId: persona.opentvAccountId,
      productId: 'hotstar_SUPER_MONTHLY',
      status: 'ACTIVE',
      occurredAt: new Date().toISOString(),
    });
  /** OpenTV activates the entitlement on its side; no webhook is sent. */
  const activateAtOpenTvOnly = (orderId: string) =>
    db()
      .update(sandboxOpentvEntitlements)
      .set({ status: 'ACTIVE' })
      .where(eq(sandboxOpentvEntitlements.id, `ent-${orderId}`));
  const activations = (orderId: string) =>
    db()
      .select()
      .from(orderEvents)
      .where(
        and(
          eq(orderEvents.orderId, orderId),
          eq(orderEvents.fromState, 'CONFIRMED'),
          eq(orderEvents.toState, 'ACTIVE'),
        ),
      );

  it('PENDING → ACTIVE read back from OpenTV; the webhook arriving later changes nothing more', async () => {
    const { id } = await pendingOrder();
    expect(await pollPendingEntitlements()).not.toContain(id); // still PENDING at OpenTV
    await activateAtOpenTvOnly(id);
    expect(await pollPendingEntitlements()).toContain(id);
    expect(await orderRow(id)).toMatchObject({ state: 'ACTIVE', entitlementStatus: 'ACTIVE', activationUrl: null });
    expect(await pollPendingEntitlements()).not.toContain(id);
    const late = await lateActive(id);
    expect(late.status).toBe(200);
    expect(await activations(id)).toHaveLength(1);
  });

  it('the webhook first, then the poll: one activation', async () => {
    const { id } = await pendingOrder();
    const res = await fetch(`${app.url}/sandbox/opentv/sandbox/entitlements/ent-${id}/activate`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ webhookDelivered: true });
    expect(await pollPendingEntitlements()).not.toContain(id);
    expect(await activations(id)).toHaveLength(1);
  });

  for (const ended of ['CANCELLED', 'REVOKED'] as const) {
    it(`a late ACTIVE never revives a ${ended} entitlement (webhook and poll)`, async () => {
      const { id } = await pendingOrder();
      await db().update(orders).set({ entitlementStatus: ended }).where(eq(orders.id, id));
      await activateAtOpenTvOnly(id);
      expect(await pollPendingEntitlements()).not.toContain(id);
      const late = await signed({
        entitlementId: `ent-${id}`,
        accountId: persona.opentvAccountId,
        productId: 'hotstar_SUPER_MONTHLY',
        status: 'ACTIVE',
        occurredAt: new Date().toISOString(),
      });
      expect(late.status).toBe(200);
      expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: ended });
      expect(await activations(id)).toHaveLength(0);
    });
  }
});

describe('cancellation inside the return window', () => {
  it('cancels the entitlement, returns the capture and reports ORDER_CANCELLED with the amount returned', async () => {
    const { id, customerId, product, jobIds } = await confirmedOrder({ payment: 'captured' });
    await runJobsNow(jobIds);
    const result = await cancelOrder(customerId, id);
    expect(result).toEqual({ ok: true, alreadyCancelled: false });

    expect(await entitlementAtOpenTv(id)).toMatchObject({
      status: 'CANCELLED',
      cancelReasonCategory: 'CUSTOMER_CANCELLED',
      cancelReasonCode: 'CUSTOMER_CANCELLED',
    });
    const order = await orderRow(id);
    expect(order).toMatchObject({
      state: 'CANCELLED',
      refundedCents: product.priceCents,
      entitlementStatus: 'CANCELLED',
    });
    const [capture] = await db()
      .select()
      .from(sandboxFlexitiCaptures)
      .where(eq(sandboxFlexitiCaptures.id, Number(order.captureId)));
    expect(capture!.returnedCents).toBe(product.priceCents);
    const states = (await omsEvents(id)).map((e) => [e.orderState, e.reverseTransaction]);
    expect(states).toEqual([
      ['ORDER_CONFIRMED', 0],
      ['ORDER_CANCELLED', product.priceCents / 100],
    ]);
    // The scheduled fulfilment was neutralised in the cancel's transaction.
    expect((await jobsOf(id)).find((j) => j.dedupeKey === `fulfil:${id}`)).toMatchObject({
      status: 'done',
      attempts: 0,
    });

    // Past the window nothing more reaches OMS, and a second cancel changes nothing.
    await advanceClock(db(), (getConfig().returnWindowDays + 1) * DAY);
    await drain();
    expect(await fulfilOrder(id)).toEqual({ kind: 'cancelled' });
    expect(await cancelOrder(customerId, id)).toEqual({ ok: true, alreadyCancelled: true });
    expect((await omsEvents(id)).map((e) => e.orderState)).toEqual(['ORDER_CONFIRMED', 'ORDER_CANCELLED']);
    expect((await orderRow(id)).state).toBe('CANCELLED');
  });

  it('releases an authorization that was never captured', async () => {
    const { id, customerId, product, jobIds } = await confirmedOrder({ payment: 'authorized' });
    await runJobsNow(jobIds);
    expect(await cancelOrder(customerId, id)).toMatchObject({ ok: true });
    const order = await orderRow(id);
    const [auth] = await db()
      .select()
      .from(sandboxFlexitiAuthorizations)
      .where(eq(sandboxFlexitiAuthorizations.id, Number(order.authorizationId)));
    expect(auth).toMatchObject({ status: 'released', releasedCents: product.priceCents });
    expect((await omsEvents(id)).at(-1)).toMatchObject({
      orderState: 'ORDER_CANCELLED',
      reverseTransaction: product.priceCents / 100,
    });
  });

  it("refuses another customer's order, as if it did not exist", async () => {
    const { id, jobIds } = await confirmedOrder({ payment: 'none' });
    await runJobsNow(jobIds);
    const stranger = await customerFor('new');
    expect(await cancelOrder(stranger, id)).toMatchObject({ ok: false, reason: 'not_found' });
    expect((await orderRow(id)).state).toBe('CONFIRMED');
  });
});

describe('fulfilment at lastFulfillmentDate (the sandbox clock)', () => {
  it('before the date nothing happens; after it ORDER_FULFILLED (reverse 0) and FULFILLED; then no cancel', async () => {
    const { id, customerId, jobIds } = await confirmedOrder({ payment: 'captured' });
    await runJobsNow(jobIds);
    await drain();
    expect((await orderRow(id)).state).toBe('CONFIRMED');
    expect((await omsEvents(id)).map((e) => e.orderState)).toEqual(['ORDER_CONFIRMED']);

    await advanceClock(db(), (getConfig().returnWindowDays + 1) * DAY);
    // The window has ended even before the job ran: the cancel is refused.
    expect(await cancelOrder(customerId, id)).toMatchObject({ ok: false, reason: 'window_closed' });
    await drain();
    expect((await orderRow(id)).state).toBe('FULFILLED');
    const events = await omsEvents(id);
    expect(events.map((e) => [e.orderState, e.reverseTransaction])).toEqual([
      ['ORDER_CONFIRMED', 0],
      ['ORDER_FULFILLED', 0],
    ]);
    expect(events[1]!.orderUpdatedTimestampMs).toBeGreaterThan(events[0]!.orderUpdatedTimestampMs);

    expect(await cancelOrder(customerId, id)).toMatchObject({ ok: false, reason: 'fulfilled' });
    expect((await jobsOf(id)).some((j) => j.dedupeKey.startsWith('refund:'))).toBe(false);
    expect((await omsEvents(id)).map((e) => e.orderState)).toEqual(['ORDER_CONFIRMED', 'ORDER_FULFILLED']);
  });

  it('an ACTIVE order is fulfilled too, and the fulfilment job run twice reports once', async () => {
    const { id, jobIds } = await confirmedOrder({ payment: 'none' });
    await runJobsNow(jobIds);
    await signed({
      entitlementId: `ent-${id}`,
      accountId: persona.opentvAccountId,
      productId: 'hotstar_SUPER_MONTHLY',
      status: 'ACTIVE',
      occurredAt: new Date().toISOString(),
    });
    expect((await orderRow(id)).state).toBe('ACTIVE');
    expect(await fulfilOrder(id)).toMatchObject({ kind: 'not-due' });
    await advanceClock(db(), (getConfig().returnWindowDays + 1) * DAY);
    await drain();
    expect(await fulfilOrder(id)).toEqual({ kind: 'already-fulfilled' });
    await drain();
    expect((await orderRow(id)).state).toBe('FULFILLED');
    expect((await omsEvents(id)).map((e) => e.orderState)).toEqual(['ORDER_CONFIRMED', 'ORDER_FULFILLED']);
  });
});
