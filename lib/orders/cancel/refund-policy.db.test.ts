import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { orders } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { advanceClock } from '@/test/support/sandbox';
import { getFulfilmentView } from '../fulfilment/view';
import { refundJobKey } from '../jobs/refund';
import { tryJobsNow } from '@/lib/outbox';
import { periodDays } from '../money-policy';
import { transitionOrder } from '../transitions';
import { cancelOrder } from './cancel';
import {
  DAY,
  causesOf,
  confirmedOrder,
  db,
  drain,
  entitlementAtOpenTv,
  jobsOf,
  omsEvents,
  orderRow,
  pendingOrder,
  refuseAtOpenTv,
  returnedAtFlexiti,
  setUpOrderLifecycleTests,
} from '@/test/support/order-lifecycle';

/**
 * The refund policy against the sandboxes (docs/refund-policy.md#refunds): one test per row of
 * its table, the closing instant of the window, and the refund waiting for the access to end.
 */

setUpOrderLifecycleTests();
afterEach(() => {
  vi.useRealTimers();
});

/** OpenTV activated the plan now (what the webhook does), on the platform clock. */
async function activate(id: string) {
  await db().transaction(async (tx) => {
    await transitionOrder(tx, {
      orderId: id,
      from: 'CONFIRMED',
      to: 'ACTIVE',
      cause: 'opentv.activated',
      patch: { entitlementStatus: 'ACTIVE', activatedAt: await platformNow(tx) },
    });
  });
}

describe('refund policy (docs/refund-policy.md#refunds)', () => {
  it('row 1, before activation: the whole amount back, ORDER_CANCELLED reverse = forward', async () => {
    const { id, customerId, product } = await pendingOrder({ payment: 'captured' });
    await advanceClock(db(), 3 * DAY);
    expect(await cancelOrder(customerId, id)).toEqual({ ok: true, alreadyCancelled: false });
    await drain();
    const order = await orderRow(id);
    expect(order).toMatchObject({ refundDueCents: product.priceCents, refundedCents: product.priceCents });
    expect(await returnedAtFlexiti(order.captureId)).toBe(product.priceCents);
    expect((await omsEvents(id)).map((e) => [e.orderState, e.reverseTransaction])).toEqual([
      ['ORDER_CONFIRMED', 0],
      ['ORDER_CANCELLED', product.priceCents / 100],
    ]);
  });

  it('row 2, activated, cancelled on its third day: the unused days back (a partial return), OMS told that amount', async () => {
    const { id, customerId, product } = await pendingOrder({ payment: 'captured' });
    await activate(id);
    await advanceClock(db(), 2 * DAY + 3_600_000);
    const days = periodDays(product.billingPeriod);
    const due = Math.floor((product.priceCents * (days - 3)) / days);
    expect(due).toBeGreaterThan(0);
    expect(due).toBeLessThan(product.priceCents);

    expect(await cancelOrder(customerId, id)).toEqual({ ok: true, alreadyCancelled: false });
    await drain();
    const order = await orderRow(id);
    expect(order).toMatchObject({ state: 'CANCELLED', refundDueCents: due, refundedCents: due });
    expect(await returnedAtFlexiti(order.captureId)).toBe(due);
    expect(await entitlementAtOpenTv(id)).toMatchObject({ status: 'CANCELLED' });
    expect((await omsEvents(id)).map((e) => [e.orderState, e.reverseTransaction])).toEqual([
      ['ORDER_CONFIRMED', 0],
      ['ORDER_CANCELLED', due / 100],
    ]);
    // Run again (a retried job): nothing more is returned.
    await db().update(orders).set({ refundedCents: 0 }).where(eq(orders.id, id));
    const [refund] = (await jobsOf(id)).filter((j) => j.dedupeKey === refundJobKey(id));
    await db().execute(
      `update outbox_jobs set status = 'pending', run_at = now() - interval '1 minute' where id = ${refund!.id}`,
    );
    await tryJobsNow([refund!.id]);
    expect(await returnedAtFlexiti(order.captureId)).toBe(due);
  });

  it('row 3 (R3), at the instant the window closes: refused, nothing changes; a millisecond before, accepted', async () => {
    const first = await confirmedOrder({ payment: 'none' });
    const second = await confirmedOrder({ payment: 'none' });
    await tryJobsNow([...first.jobIds, ...second.jobIds]);
    vi.useFakeTimers({ toFake: ['Date'] });
    const now = await platformNow(db());
    await db().update(orders).set({ lastFulfillmentAt: now }).where(eq(orders.id, first.id));
    expect(await cancelOrder(first.customerId, first.id)).toMatchObject({ ok: false, reason: 'window_closed' });
    expect(await orderRow(first.id)).toMatchObject({ state: 'CONFIRMED', refundDueCents: null });

    await db()
      .update(orders)
      .set({ lastFulfillmentAt: new Date(now.getTime() + 1) })
      .where(eq(orders.id, second.id));
    expect(await cancelOrder(second.customerId, second.id)).toMatchObject({ ok: true });
    expect((await orderRow(second.id)).state).toBe('CANCELLED');
  });

  it('the refund waits for the access to end: OpenTV refusing to end it keeps the money, raises the order to staff, and the customer reads “in progress”', async () => {
    const { id, customerId } = await pendingOrder({ payment: 'captured' });
    await refuseAtOpenTv({
      method: 'PUT',
      match: 'rmg/v1/entitlements/',
      status: 400,
      message: 'entitlement cannot be cancelled',
    });
    expect(await cancelOrder(customerId, id)).toMatchObject({ ok: true });
    const order = await orderRow(id);
    expect(order).toMatchObject({ state: 'CANCELLED', refundedCents: 0, attentionReason: 'access_end_failed' });
    expect(order.attentionSince).toBeInstanceOf(Date);
    expect(await returnedAtFlexiti(order.captureId)).toBe(0);
    // No refund job, and OMS is not told a cancellation whose money has not gone back.
    expect((await jobsOf(id)).some((j) => j.dedupeKey === refundJobKey(id))).toBe(false);
    expect((await omsEvents(id)).map((e) => e.orderState)).toEqual(['ORDER_CONFIRMED']);
    expect((await getFulfilmentView(customerId, id))?.refund).toEqual({ kind: 'awaiting-access' });
    const [dead] = (await jobsOf(id)).filter((j) => j.kind === 'opentv.entitlement' && j.status === 'dead');
    expect(dead?.lastError).toMatch(/400/);
    expect((await causesOf(id)).filter((c) => c === 'attention.raised')).toHaveLength(1);
  });
});
