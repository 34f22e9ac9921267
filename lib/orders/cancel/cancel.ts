import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orders, outboxJobs, products } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { entitlementJob } from '../jobs/entitlement';
import { dropFulfilJob } from '../jobs/fulfil';
import { omsReportDedupeKey } from '../jobs/oms-report';
import { refundJobKey } from '../jobs/refund';
import { tryJobsNow } from '@/lib/outbox';
import { CANCEL_REFUSED } from '../messages';
import { isCancellable } from '../state-machine';
import { transitionOrder } from '../transitions';
import { refundDueAt } from './refund-due';

export type CancelResult =
  | { ok: true; alreadyCancelled: boolean }
  | { ok: false; reason: 'not_found' | 'fulfilled' | 'window_closed' | 'not_cancellable'; message: string };

/**
 * The customer cancels an order inside its return window (docs/refund-policy.md#refunds). In one
 * transaction, with the order row locked (so the scheduled fulfilment cannot run in between):
 * check it is still cancellable, decide the refund by the policy at this instant (stored as
 * `refundDueCents`), move it to CANCELLED, neutralise the scheduled fulfilment job, and enqueue the
 * entitlement cancel. The refund is enqueued only once OpenTV confirmed the access ended (the
 * entitlement job, lib/orders/fulfilment/entitlement.ts), and the refund job then enqueues
 * ORDER_CANCELLED with the amount returned. A FULFILLED order, or one whose window has ended, is
 * refused: after ORDER_FULFILLED OMS accepts nothing more (docs/partners/ultra.md#oms-state-machine).
 * Then each job is tried once inline.
 */
export async function cancelOrder(customerId: string, orderId: string): Promise<CancelResult> {
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ order: orders, billingPeriod: products.billingPeriod })
      .from(orders)
      .innerJoin(products, eq(products.id, orders.productId))
      .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)))
      .for('update', { of: orders });
    const order = row?.order;
    if (!order) return { ok: false as const, reason: 'not_found' as const, message: CANCEL_REFUSED.notFound };
    if (order.state === 'CANCELLED') return { ok: true as const, alreadyCancelled: true, jobIds: [] };
    if (order.state === 'FULFILLED') {
      return {
        ok: false as const,
        reason: 'fulfilled' as const,
        message: CANCEL_REFUSED.fulfilled,
      };
    }
    if (!isCancellable(order.state)) {
      return { ok: false as const, reason: 'not_cancellable' as const, message: CANCEL_REFUSED.notCancellable };
    }
    const now = await platformNow(tx);
    if (order.lastFulfillmentAt && now >= order.lastFulfillmentAt) {
      return {
        ok: false as const,
        reason: 'window_closed' as const,
        message: CANCEL_REFUSED.windowClosed(order.lastFulfillmentAt),
      };
    }
    const refund = refundDueAt(order, { billingPeriod: row.billingPeriod }, now);
    await transitionOrder(tx, {
      orderId,
      from: order.state,
      to: 'CANCELLED',
      cause: 'customer.cancelled',
      detail: { refund },
      patch: { refundDueCents: refund.refundCents },
    });
    await dropFulfilJob(tx, orderId, now);
    const entitlement = await entitlementJob.enqueue(tx, { orderId, action: 'cancel' });
    return { ok: true as const, alreadyCancelled: false, jobIds: [entitlement.id] };
  });
  if (!outcome.ok) return outcome;
  if (outcome.jobIds.length) {
    await tryJobsNow(outcome.jobIds);
    // Once the access ended, the entitlement job enqueued the refund, and the refund job
    // ORDER_CANCELLED: try both now too, so the customer and Flipkart see the outcome at once.
    for (const key of [refundJobKey(orderId), omsReportDedupeKey(orderId, 'ORDER_CANCELLED')]) {
      const [job] = await db
        .select({ id: outboxJobs.id })
        .from(outboxJobs)
        .where(and(eq(outboxJobs.dedupeKey, key), eq(outboxJobs.status, 'pending')));
      if (job) await tryJobsNow([job.id]);
    }
  }
  return { ok: true, alreadyCancelled: outcome.alreadyCancelled };
}
