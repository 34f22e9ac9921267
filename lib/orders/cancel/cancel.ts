import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orders, outboxJobs } from '@/lib/db/schema';
import { outboxNow } from '@/lib/outbox/clock';
import { enqueueEntitlementJob } from '../jobs/entitlement';
import { fulfilJobKey } from '../jobs/fulfil';
import { omsReportDedupeKey } from '../jobs/oms-report';
import { enqueueRefundJob } from '../jobs/refund';
import { runJobsNow } from '../jobs/run-now';
import { CANCEL_REFUSED } from '../messages';
import { isCancellable } from '../state-machine';
import { transitionOrder } from '../transitions';

export type CancelResult =
  | { ok: true; alreadyCancelled: boolean }
  | { ok: false; reason: 'not_found' | 'fulfilled' | 'window_closed' | 'not_cancellable'; message: string };

/**
 * The customer cancels an order inside its return window. In one transaction, with
 * the order row locked (so the scheduled fulfilment cannot run in between): check it is still
 * cancellable, move it to CANCELLED, neutralise the scheduled fulfilment job, and enqueue the
 * entitlement cancel and the refund (the refund job then enqueues ORDER_CANCELLED with the amount
 * returned). A FULFILLED order, or one whose window has ended, is refused: after ORDER_FULFILLED
 * OMS accepts nothing more (docs/partners/ultra.md#oms-state-machine). Then each job is tried once inline.
 */
export async function cancelOrder(customerId: string, orderId: string): Promise<CancelResult> {
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.customerId, customerId)))
      .for('update');
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
    const now = await outboxNow(tx);
    if (order.lastFulfillmentAt && now >= order.lastFulfillmentAt) {
      return {
        ok: false as const,
        reason: 'window_closed' as const,
        message: CANCEL_REFUSED.windowClosed(order.lastFulfillmentAt),
      };
    }
    await transitionOrder(tx, { orderId, from: order.state, to: 'CANCELLED', cause: 'customer.cancelled' });
    // The scheduled ORDER_FULFILLED must never run now. Its handler re-checks the order state
    // anyway (a run already in flight sees CANCELLED under the same lock and does nothing).
    await tx
      .update(outboxJobs)
      .set({ status: 'done', doneAt: now, lastError: 'not needed: the order was cancelled', updatedAt: now })
      .where(and(eq(outboxJobs.dedupeKey, fulfilJobKey(orderId)), eq(outboxJobs.status, 'pending')));
    const entitlement = await enqueueEntitlementJob(tx, orderId, 'cancel');
    const refund = await enqueueRefundJob(tx, orderId);
    return { ok: true as const, alreadyCancelled: false, jobIds: [entitlement.id, refund.id] };
  });
  if (!outcome.ok) return outcome;
  if (outcome.jobIds.length) {
    await runJobsNow(outcome.jobIds);
    // The refund job enqueued ORDER_CANCELLED when it succeeded: tell Flipkart now too.
    const [oms] = await db
      .select({ id: outboxJobs.id })
      .from(outboxJobs)
      .where(eq(outboxJobs.dedupeKey, omsReportDedupeKey(orderId, 'ORDER_CANCELLED')));
    if (oms) await runJobsNow([oms.id]);
  }
  return { ok: true, alreadyCancelled: outcome.alreadyCancelled };
}
