import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { sandboxFlexitiAuthorizations, sandboxFlexitiCaptures } from '@/lib/db/schema';
import { advanceClock } from '@/test/support/sandbox';
import { cancelOrder } from './cancel';
import { runJobsNow } from '../jobs/run-now';
import { fulfilOrder } from '../fulfilment/complete';
import {
  DAY,
  confirmedOrder,
  customerFor,
  db,
  drain,
  entitlementAtOpenTv,
  jobsOf,
  omsEvents,
  orderRow,
  setUpOrderLifecycleTests,
} from '@/test/support/order-lifecycle';

/** Cancellation inside the return window against the sandboxes: entitlement cancelled, money returned, ORDER_CANCELLED reported. */

setUpOrderLifecycleTests();

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
