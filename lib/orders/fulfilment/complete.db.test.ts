import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { orderEvents } from '@/lib/db/schema';
import { advanceClock } from '@/test/support/sandbox';
import { cancelOrder } from '../cancel/cancel';
import { tryJobsNow } from '@/lib/outbox';
import { fulfilOrder } from './complete';
import {
  DAY,
  confirmedOrder,
  db,
  drain,
  jobsOf,
  omsEvents,
  orderRow,
  persona,
  signed,
  setUpOrderLifecycleTests,
} from '@/test/support/order-lifecycle';

/** Fulfilment at lastFulfillmentDate on the sandbox clock: ORDER_FULFILLED and FULFILLED, once. */

setUpOrderLifecycleTests();

describe('fulfilment at lastFulfillmentDate (the sandbox clock)', () => {
  it('before the date nothing happens; after it ORDER_FULFILLED (reverse 0) and FULFILLED; then no cancel', async () => {
    const { id, customerId, jobIds } = await confirmedOrder({ payment: 'captured' });
    await tryJobsNow(jobIds);
    await drain();
    expect((await orderRow(id)).state).toBe('CONFIRMED');
    expect((await omsEvents(id)).map((e) => e.orderState)).toEqual(['ORDER_CONFIRMED']);

    await advanceClock(db(), (getConfig().returnWindowDays + 1) * DAY);
    // The window has ended even before the job ran: the cancel is refused.
    expect(await cancelOrder(customerId, id)).toMatchObject({ ok: false, reason: 'window_closed' });
    await drain();
    expect((await orderRow(id)).state).toBe('FULFILLED');
    // The moment is recorded with how far the (sandbox) clock it happened on was ahead, so the
    // customer's history shows it days later, marked, not minutes after the purchase.
    const [ended] = await db()
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, id), eq(orderEvents.cause, 'fulfilment.return_window_ended')));
    const ahead = (ended!.detail as { clockAheadMs?: number }).clockAheadMs!;
    expect(Math.round(ahead / DAY)).toBe(getConfig().returnWindowDays + 1);
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
    await tryJobsNow(jobIds);
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
