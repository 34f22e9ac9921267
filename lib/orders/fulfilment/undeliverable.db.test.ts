import { describe, expect, it } from 'vitest';
import { getFulfilmentView } from './view';
import {
  causesOf,
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
 * Paid but not deliverable (docs/refund-policy.md#undeliverable): OpenTV refusing the entitlement
 * for good ends in a cancelled order, the capture returned in full, ORDER_CANCELLED with reverse =
 * forward, and nothing dead in the outbox holding money.
 */

setUpOrderLifecycleTests();

const refuseEntitlement = (status: number, message: string, times = 1) =>
  refuseAtOpenTv({ method: 'POST', match: 'rmg/v1/entitlements$', status, message, times });

describe('paid but not deliverable → refunded automatically', () => {
  it('OpenTV refuses the entitlement (the product is gone): cancelled, the capture returned in full, ORDER_CANCELLED reverse = forward', async () => {
    await refuseEntitlement(400, 'productId: product does not exist');
    const { id, customerId, product } = await pendingOrder({ payment: 'captured' });
    await drain();

    const order = await orderRow(id);
    expect(order).toMatchObject({
      state: 'CANCELLED',
      refundDueCents: product.priceCents,
      refundedCents: product.priceCents,
      entitlementStatus: null,
      attentionReason: null,
    });
    expect(await returnedAtFlexiti(order.captureId)).toBe(product.priceCents);
    expect((await omsEvents(id)).map((e) => [e.orderState, e.forwardTransaction, e.reverseTransaction])).toEqual([
      ['ORDER_CONFIRMED', product.priceCents / 100, 0],
      ['ORDER_CANCELLED', product.priceCents / 100, product.priceCents / 100],
    ]);
    // Nothing left dead or waiting: the entitlement job ended by cancelling, the fulfilment is dropped.
    const jobs = await jobsOf(id);
    expect(jobs.filter((j) => j.status !== 'done').map((j) => j.dedupeKey)).toEqual([]);
    expect(await entitlementAtOpenTv(id)).toBeUndefined();
    const causes = await causesOf(id);
    expect(causes).toContain('fulfilment.undeliverable');
    expect(causes).toContain('flexiti.refund_returned');
    // The customer's page says why, and that the money is back.
    const view = await getFulfilmentView(customerId, id);
    expect(view).toMatchObject({ cancelledBecause: 'undeliverable', refund: { kind: 'done' } });
  });

  it('OpenTV unavailable is not a refusal: the job retries and the order stays paid', async () => {
    // Every try of the first attempt (the client retries a 503 itself).
    await refuseEntitlement(503, 'down', 5);
    const { id } = await pendingOrder();
    expect((await orderRow(id)).state).toBe('CONFIRMED');
    const [create] = (await jobsOf(id)).filter((j) => j.dedupeKey === `opentv:${id}:create`);
    expect(create).toMatchObject({ status: 'pending' });
    expect(create!.attempts).toBeGreaterThan(0);
  });
});
