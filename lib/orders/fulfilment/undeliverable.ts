import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { dropFulfilJob } from '../jobs/fulfil';
import { refundJob } from '../jobs/refund';
import { UNDELIVERABLE } from '../messages';
import { isCancellable } from '../state-machine';
import { transitionOrder } from '../transitions';

/**
 * Paid but not deliverable (docs/refund-policy.md#undeliverable): OpenTV refused the purchase for
 * good (lib/partners/opentv isPurchaseRefused), so the customer can never watch what they paid
 * for. In one transaction, with the order row locked: CANCELLED (cause `fulfilment.undeliverable`,
 * the customer reads why on the order page), the scheduled fulfilment dropped, and the refund of
 * the whole amount enqueued; the refund job then reports ORDER_CANCELLED with reverse = forward.
 * No access was given, so there is none to end first. Returns the refund job's id, or null when
 * the order had already left the paid states (a customer's cancel got there first).
 */
export async function cancelUndeliverable(
  orderId: string,
  why: { operation: string; error: string },
): Promise<number | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!order || !isCancellable(order.state)) return null;
    const moved = await transitionOrder(tx, {
      orderId,
      from: order.state,
      to: 'CANCELLED',
      cause: 'fulfilment.undeliverable',
      detail: why,
      patch: { refundDueCents: order.amountCents, failureReason: UNDELIVERABLE },
    });
    if (!moved) return null;
    await dropFulfilJob(tx, orderId, await platformNow(tx));
    const refund = await refundJob.enqueue(tx, { orderId });
    return refund.id;
  });
}
