import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { outboxNow } from '@/lib/outbox/clock';
import { getFlexitiClient, type FlexitiClient } from '@/lib/partners/flexiti';
import { FlexitiError } from '@/lib/partners/flexiti';
import { enqueueOmsReport } from '../jobs/oms-report';
import { loadOrderContext } from '../order-context';
import { recordOrderNote } from '../transitions';

export type RefundMethod = 'returned' | 'released' | 'no-payment' | 'already-refunded';

export interface RefundOutcome {
  method: RefundMethod;
  refundedCents: number;
  omsJobId: number;
}

/**
 * Gives a cancelled order's money back at Flexiti (docs/partners/flexiti.md#capture-release-return), then enqueues ORDER_CANCELLED
 * with `reverseTransaction` = the amount returned (docs/partners/ultra.md#oms-fields, #oms-amounts: the final
 * refund travels in the terminal event), in the transaction that records the refund.
 *
 * - Captured: a full return of the capture. We only ever make one full return per order, so a
 *   `capture_amount_exceeded` on a retry means an earlier attempt's return went through (its
 *   answer was lost): the whole amount is back with the customer.
 * - Authorized, not captured: release the authorization; nothing was charged, so the whole amount
 *   is returned to the customer's available credit.
 * - No Flexiti payment on record (a sandbox test order): nothing to return at Flexiti; OMS is told
 *   the whole amount went back, so its books balance.
 */
export async function refundCancelledOrder(
  orderId: string,
  call: { correlationId?: string; client?: FlexitiClient } = {},
): Promise<RefundOutcome> {
  const db = await getDb();
  const ctx = await loadOrderContext(db, orderId);
  if (!ctx) throw new Error(`no order ${orderId}`);
  const { order } = ctx;
  if (order.state !== 'CANCELLED') throw new Error(`order ${orderId} is ${order.state}, not CANCELLED`);

  let method: RefundMethod = 'no-payment';
  let refundedCents = order.refundedCents;
  let returnId = order.returnId;
  if (refundedCents > 0) {
    method = 'already-refunded';
  } else if (order.authorizationId) {
    const client = call.client ?? getFlexitiClient();
    const flow = { correlationId: call.correlationId, orderId };
    let captureId = order.captureId;
    if (!captureId) {
      method = 'released';
      try {
        await client.release(order.authorizationId, flow);
      } catch (e) {
        if (!(e instanceof FlexitiError && e.code === 'not_permitted')) throw e;
        // Released by an earlier attempt whose answer was lost, or captured after all: look.
        const a = await client.getAuthorization(order.authorizationId, flow);
        if (a.status !== 'released') {
          if (!a.captureId) throw e;
          captureId = a.captureId;
        }
      }
    }
    if (captureId) {
      method = 'returned';
      try {
        const r = await client.returnCapture(
          { authorizationId: order.authorizationId, captureId, reference: order.id, full: true },
          flow,
        );
        refundedCents = r.amountCents;
        returnId = r.returnId;
      } catch (e) {
        if (!(e instanceof FlexitiError && e.code === 'capture_amount_exceeded')) throw e;
        refundedCents = order.amountCents;
      }
    } else {
      refundedCents = order.amountCents;
    }
  } else {
    method = 'no-payment';
    refundedCents = order.amountCents;
  }
  refundedCents = Math.min(refundedCents, order.amountCents);

  return db.transaction(async (tx) => {
    const now = await outboxNow(tx);
    if (method !== 'already-refunded') {
      await tx.update(orders).set({ refundedCents, returnId, updatedAt: new Date() }).where(eq(orders.id, orderId));
      await recordOrderNote(tx, {
        orderId,
        state: 'CANCELLED',
        cause: `flexiti.refund_${method.replace('-', '_')}`,
        detail: { refundedCents, returnId },
      });
    }
    const job = await enqueueOmsReport(tx, {
      orderId,
      state: 'ORDER_CANCELLED',
      updatedAt: now,
      lastFulfillmentAt: order.lastFulfillmentAt ?? now,
      reverseCents: refundedCents,
    });
    return { method, refundedCents, omsJobId: job.id };
  });
}
