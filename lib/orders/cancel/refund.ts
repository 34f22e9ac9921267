import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { isPartnerError } from '@/lib/partners/errors';
import { flexitiClient, type FlexitiClient } from '@/lib/partners/flexiti';
import { omsReportJob } from '../jobs/oms-report';
import { loadOrderContext } from '../order-context';
import { recordOrderNote, type Order } from '../transitions';

export type RefundMethod = 'returned' | 'released' | 'no-payment' | 'nothing-due' | 'already-refunded';

export interface RefundOutcome {
  method: RefundMethod;
  refundedCents: number;
  omsJobId: number;
}

/**
 * Gives a cancelled order's money back at Flexiti (docs/partners/flexiti.md#capture-release-return):
 * the amount the refund policy decided when the order was cancelled (`refundDueCents`,
 * docs/refund-policy.md; null on orders cancelled before the policy: the whole amount). Then it
 * enqueues ORDER_CANCELLED with `reverseTransaction` = the amount actually returned
 * (docs/partners/ultra.md#oms-fields, #oms-amounts: the final refund travels in the terminal
 * event), in the transaction that records the refund.
 *
 * - Captured, the whole amount due: a full return. We only ever make one return per order, so a
 *   `capture_amount_exceeded` on a retry means an earlier attempt went through (its answer was
 *   lost): the amount is back with the customer.
 * - Captured, part of it due (pro rata): a partial return is not refused when repeated, so the
 *   authorization is read first; what Flexiti shows returned already is not returned again.
 * - Authorized, not captured: release the authorization; nothing was charged, so the whole amount
 *   is back in the customer's available credit (the policy cannot keep what was never taken).
 * - Nothing due (the whole period used): no call; OMS is told 0 was returned.
 * - No Flexiti payment on record (a sandbox test order): nothing to return at Flexiti; OMS is told
 *   the amount due went back, so its books balance.
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
  const due = Math.min(order.refundDueCents ?? order.amountCents, order.amountCents);

  let method: RefundMethod = 'no-payment';
  let refundedCents = order.refundedCents;
  let returnId = order.returnId;
  if (refundedCents > 0) {
    method = 'already-refunded';
  } else if (due === 0) {
    method = 'nothing-due';
  } else if (order.authorizationId) {
    const client = call.client ?? flexitiClient();
    const flow = { correlationId: call.correlationId, orderId };
    let captureId = order.captureId;
    if (!captureId) {
      method = 'released';
      try {
        await client.release(order.authorizationId, flow);
      } catch (e) {
        if (!(isPartnerError(e) && e.wrongState)) throw e;
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
      const returned = await returnCaptured(client, order, captureId, due, flow);
      refundedCents = returned.refundedCents;
      returnId = returned.returnId ?? returnId;
    } else {
      refundedCents = order.amountCents;
    }
  } else {
    method = 'no-payment';
    refundedCents = due;
  }
  refundedCents = Math.min(refundedCents, order.amountCents);

  return db.transaction(async (tx) => {
    const now = await platformNow(tx);
    if (method !== 'already-refunded') {
      await tx.update(orders).set({ refundedCents, returnId, updatedAt: new Date() }).where(eq(orders.id, orderId));
      await recordOrderNote(tx, {
        orderId,
        state: 'CANCELLED',
        cause: `flexiti.refund_${method.replace('-', '_')}`,
        detail: { refundedCents, returnId },
      });
    }
    const job = await omsReportJob.enqueue(tx, {
      orderId,
      state: 'ORDER_CANCELLED',
      updatedAt: now,
      lastFulfillmentAt: order.lastFulfillmentAt ?? now,
      reverseCents: refundedCents,
    });
    return { method, refundedCents, omsJobId: job.id };
  });
}

/** Returns `due` of a captured payment, once (see refundCancelledOrder). */
async function returnCaptured(
  client: FlexitiClient,
  order: Order,
  captureId: string,
  due: number,
  flow: { correlationId?: string; orderId: string },
): Promise<{ refundedCents: number; returnId: string | null }> {
  const authorizationId = order.authorizationId!;
  const full = due >= order.amountCents;
  if (!full) {
    const a = await client.getAuthorization(authorizationId, flow);
    if ((a.returnedCents ?? 0) >= due) return { refundedCents: a.returnedCents!, returnId: null };
  }
  try {
    const r = await client.returnCapture(
      full
        ? { authorizationId, captureId, reference: order.id, full: true }
        : { authorizationId, captureId, reference: order.id, amountCents: due },
      flow,
    );
    return { refundedCents: r.amountCents, returnId: r.returnId };
  } catch (e) {
    if (!(isPartnerError(e) && e.alreadyRefunded)) throw e;
    return { refundedCents: due, returnId: null };
  }
}
