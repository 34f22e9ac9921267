import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import type { Tx } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { enqueueAll } from '@/lib/outbox';
import { omsReportJob } from '../jobs/oms-report';
import { entitlementIdForOrder } from '@/lib/partners/opentv';
import { entitlementJob } from '../jobs/entitlement';
import { fulfilJob } from '../jobs/fulfil';
import { orderTimestampOf } from '../order-context';
import type { Order } from '../transitions';

const DAY_MS = 86_400_000;

/**
 * The seam between checkout and fulfilment (docs/architecture.md#orders-and-their-jobs). Checkout calls this inside
 * the transaction that moves an order to CONFIRMED, so the jobs commit or roll back with the
 * order:
 *  1. create the OpenTV entitlement, `_id` = entitlementIdForOrder(order) (docs/partners/opentv.md#entitlement-id: a retry addresses
 *     the same entitlement, never a second one), creating or linking the OpenTV account first;
 *  2. report ORDER_CONFIRMED to OMS (docs/partners/ultra.md#oms-fields: forward = amount paid, reverse 0,
 *     lastFulfillmentDate = now + the return window);
 *  3. at lastFulfillmentDate, fulfil: report ORDER_FULFILLED and move the order to FULFILLED
 *     (scheduled with `run_at`; a cancellation before then neutralises it, lib/orders/cancel/cancel.ts).
 * "now" is the platform clock (lib/platform/clock.ts): the sandbox clock in sandbox mode, so QA can move past the window.
 * Idempotent (dedupe keys): calling it twice for an order enqueues nothing new. Returns the ids of
 * the jobs to try right after the commit (`tryJobsNow`); the scheduled one is not due yet.
 */
export async function enqueueConfirmationJobs(tx: Tx, order: Order, at?: Date): Promise<number[]> {
  // `order` is the row as this transaction has it (the transition's result): nothing to read again.
  const now = at ?? (await platformNow(tx));
  const lastFulfillmentAt = order.lastFulfillmentAt ?? new Date(now.getTime() + getConfig().returnWindowDays * DAY_MS);
  // Set already when the transition carried `confirmationPatch` (or an earlier confirmation did).
  if (!order.lastFulfillmentAt) {
    await tx
      .update(orders)
      .set({ lastFulfillmentAt, entitlementId: entitlementIdForOrder(order.id) })
      .where(and(eq(orders.id, order.id), isNull(orders.lastFulfillmentAt)));
  }
  // The three jobs in one statement.
  const [entitlement, confirmed] = await enqueueAll(tx, [
    entitlementJob.job({ orderId: order.id, action: 'create' }),
    omsReportJob.job({
      orderId: order.id,
      state: 'ORDER_CONFIRMED',
      updatedAt: orderTimestampOf(order),
      lastFulfillmentAt,
    }),
    fulfilJob.job({ orderId: order.id }, { runAt: lastFulfillmentAt }),
  ]);
  return [entitlement!.id, confirmed!.id];
}

/**
 * The window and entitlement id `enqueueConfirmationJobs` would set, as the transition to
 * CONFIRMED's own patch (one statement less): only on an order without a window yet, as there.
 * `now` is the platform clock's.
 */
export function confirmationPatch(orderId: string, now: Date) {
  const lastFulfillmentAt = new Date(now.getTime() + getConfig().returnWindowDays * DAY_MS);
  return {
    lastFulfillmentAt: sql`coalesce(${orders.lastFulfillmentAt}, ${lastFulfillmentAt.toISOString()}::timestamptz)`,
    entitlementId: sql`case when ${orders.lastFulfillmentAt} is null then ${entitlementIdForOrder(orderId)} else ${orders.entitlementId} end`,
  };
}
