import { and, asc, eq, inArray, notInArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { getConfig } from '@/lib/config';
import {
  customers,
  orderEvents,
  orders,
  outboxJobs,
  products,
  sandboxFlexitiCaptures,
  sandboxOpentvEntitlements,
  sandboxUltraOmsEvents,
} from '@/lib/db/schema';
import { runOutboxBatch, tryJobsNow } from '@/lib/outbox';
import { OPENTV_SIGNATURE_HEADER, signWebhook } from '@/lib/partners/opentv';
import {
  advanceClock,
  clockOffsetMs,
  clearForcedError,
  flexitiApi,
  setWebhookRetryTimer,
  identityTokenFor,
  PERSONAS,
  queueFaults,
} from '@/test/support/sandbox';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { POST as webhookRoute } from '@/app/api/webhooks/opentv/route';
import { enqueueConfirmationJobs } from '@/lib/orders/fulfilment/confirm';
import { newOrderId } from '@/lib/orders/order-id';
import { transitionOrder } from '@/lib/orders/transitions';
import { ONE_LIVE_STATES } from '@/lib/orders/state-machine';

/**
 * The order lifecycle's database tests share this: one test app per test file with the OpenTV
 * webhook route mounted, the sandbox clock and faults put back after each test, and helpers to
 * confirm an order (as checkout does), read what OMS and OpenTV saw, and drain the outbox.
 */

let current: TestApp | undefined;
export const DAY = 86_400_000;

/** Registers the test file's hooks: start the app before, close it after, reset after each test. */
export function setUpOrderLifecycleTests(): void {
  beforeAll(async () => {
    // The sandbox's failed-delivery timer would fire on its own; these tests drive time themselves.
    setWebhookRetryTimer(false);
    current = await startTestApp({ mounts: { '/api/webhooks/opentv': (req) => webhookRoute(req) } });
  });
  afterAll(async () => current?.close());
  afterEach(async () => {
    await clearForcedError(current!.open.db, 'opentv');
    // Put the sandbox clock back and leave nothing due for the next test.
    await advanceClock(current!.open.db, -(await clockOffsetMs(current!.open.db)));
    await current!.open.db.update(outboxJobs).set({ status: 'done' }).where(eq(outboxJobs.status, 'pending'));
  });
}

export const app = (): TestApp => current!;
export const db = () => app().open.db;
export const persona = PERSONAS[0]!;
export const identityToken = () => identityTokenFor(getConfig().ultra.merchantId, persona);

export async function customerFor(kind: 'persona' | 'new' | 'verified-email'): Promise<string> {
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

export type Payment = { authorizationId: string; captureId: string | null } | null;

/** A real Flexiti authorization in the sandbox (verified purchase on account 20009100). */
export async function flexitiPayment(amountCents: number, reference: string, capture: boolean): Promise<Payment> {
  const api = flexitiApi(app().url);
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

/**
 * A product the customer has no open or live order for: one live plan per product
 * (docs/refund-policy.md#one-live-plan), so a file's tests each take the next free one.
 */
async function productNotHeldBy(customerId: string) {
  const held = await db()
    .select({ productId: orders.productId })
    .from(orders)
    // FULFILLED too: its entitlement is still live at OpenTV, which refuses a duplicate. CANCELLED
    // too: a test that cancels in the store without running the OpenTV cancel (or makes OpenTV
    // refuse it) leaves that entitlement live, and a second one would be refused as a duplicate.
    .where(
      and(
        eq(orders.customerId, customerId),
        inArray(orders.state, ['PENDING_PAYMENT', 'FULFILLED', 'CANCELLED', ...ONE_LIVE_STATES]),
      ),
    );
  const free = await db()
    .select()
    .from(products)
    .where(and(eq(products.active, true), notInArray(products.id, [0, ...held.map((h) => h.productId)])))
    .orderBy(asc(products.id))
    .limit(1);
  if (!free[0]) throw new Error('every product is held live by this test customer: cancel one, or use a new customer');
  return free[0];
}

/** What checkout does: PENDING_PAYMENT → CONFIRMED and the confirmation jobs in one transaction. */
export async function confirmedOrder(
  opts: { customer?: 'persona' | 'new' | 'verified-email'; payment?: 'captured' | 'authorized' | 'none' } = {},
) {
  const customerId = await customerFor(opts.customer ?? 'persona');
  const product = await productNotHeldBy(customerId);
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

export const orderRow = async (id: string) => (await db().select().from(orders).where(eq(orders.id, id)))[0]!;
export const omsEvents = (orderId: string) =>
  db()
    .select()
    .from(sandboxUltraOmsEvents)
    .where(eq(sandboxUltraOmsEvents.orderId, orderId))
    .orderBy(asc(sandboxUltraOmsEvents.id));
export const entitlementAtOpenTv = async (orderId: string) =>
  (
    await db()
      .select()
      .from(sandboxOpentvEntitlements)
      .where(eq(sandboxOpentvEntitlements.id, `ent-${orderId}`))
  )[0];
export const jobsOf = (orderId: string) =>
  db().select().from(outboxJobs).where(eq(outboxJobs.orderId, orderId)).orderBy(asc(outboxJobs.id));

/** Runs outbox batches until nothing more is due (the worker, without waiting for its ticks). */
export async function drain(now?: Date) {
  for (let i = 0; i < 10; i++) {
    const ran = await runOutboxBatch({ workerId: 'test', now });
    if (!ran.length) return;
  }
}

export function signed(body: unknown, secret = getConfig().opentv.webhookSecret) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${app().url}/api/webhooks/opentv`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [OPENTV_SIGNATURE_HEADER]: signWebhook(raw, secret) },
    body: raw,
  });
}

/**
 * A confirmed order whose jobs have run once: its entitlement is created and PENDING at OpenTV
 * (unless a queued fault refused it), ORDER_CONFIRMED reported to OMS.
 */
export async function pendingOrder(opts: Parameters<typeof confirmedOrder>[0] = { payment: 'none' }) {
  const o = await confirmedOrder(opts);
  await tryJobsNow(o.jobIds);
  return o;
}

/** What the Flexiti sandbox has returned of a capture, in cents. */
export const returnedAtFlexiti = async (captureId: string | null) =>
  (
    await db()
      .select()
      .from(sandboxFlexitiCaptures)
      .where(eq(sandboxFlexitiCaptures.id, Number(captureId)))
  )[0]!.returnedCents;

/** The causes on an order's history, oldest first. */
export const causesOf = async (orderId: string) =>
  (
    await db()
      .select({ cause: orderEvents.cause })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.id))
  ).map((e) => e.cause);

/** OpenTV refuses `method` on paths matching `match` with `status` (its crm-gateway error body), `times` times. */
export const refuseAtOpenTv = (f: {
  method: 'POST' | 'PUT';
  match: string;
  status: number;
  message: string;
  times?: number;
}) =>
  queueFaults(db(), {
    partner: 'opentv',
    match: f.match,
    method: f.method,
    mode: 'refuse',
    status: f.status,
    body: { code: `crm-gateway:${f.status}`, message: f.message },
    times: f.times ?? 1,
  });
