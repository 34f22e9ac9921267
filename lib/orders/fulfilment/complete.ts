import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { omsReportJob } from '../jobs/oms-report';
import { canTransition } from '../state-machine';
import { transitionOrder } from '../transitions';

/** Below this the two clocks agree (the worker's tick, a slow transaction). */
const CLOCK_AHEAD_MIN_MS = 60_000;

export type FulfilOutcome =
  | { kind: 'fulfilled'; omsJobId: number }
  | { kind: 'already-fulfilled' }
  /** Cancelled before the window ended: never an OMS event after a terminal state (docs/partners/ultra.md#oms-state-machine). */
  | { kind: 'cancelled' }
  | { kind: 'not-due'; dueAt: Date }
  | { kind: 'not-paid'; state: string };

/**
 * The end of the return window (docs/partners/ultra.md#oms-state-machine: ORDER_FULFILLED = "Delivered +
 * Return/Replacement Period Finished"): moves a CONFIRMED or ACTIVE order to FULFILLED and, in
 * the same transaction, enqueues the ORDER_FULFILLED report (reverse 0). The order row is locked
 * first, so this and a customer's cancel (which locks it too) are serialised: exactly one of them
 * reaches a terminal state and only that one's OMS event exists.
 */
export async function fulfilOrder(orderId: string): Promise<FulfilOutcome> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<FulfilOutcome> => {
    const [locked] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
    if (!locked) throw new Error(`no order ${orderId}`);
    if (locked.state === 'CANCELLED') return { kind: 'cancelled' };
    if (locked.state === 'FULFILLED') return { kind: 'already-fulfilled' };
    if (!canTransition(locked.state, 'FULFILLED')) return { kind: 'not-paid', state: locked.state };
    const now = await platformNow(tx);
    if (locked.lastFulfillmentAt && now < locked.lastFulfillmentAt) {
      return { kind: 'not-due', dueAt: locked.lastFulfillmentAt };
    }
    const updated = await transitionOrder(tx, {
      orderId,
      from: locked.state,
      to: 'FULFILLED',
      cause: 'fulfilment.return_window_ended',
      detail: {
        lastFulfillmentAt: locked.lastFulfillmentAt?.toISOString() ?? null,
        // The platform clock runs ahead of real time only when the sandbox clock was moved: the
        // customer's history then shows this moment at that clock, marked, not 16 minutes after purchase.
        ...(now.getTime() - Date.now() > CLOCK_AHEAD_MIN_MS ? { clockAheadMs: now.getTime() - Date.now() } : {}),
      },
    });
    if (!updated) throw new Error(`order ${orderId} changed under its lock`);
    const job = await omsReportJob.enqueue(tx, {
      orderId,
      state: 'ORDER_FULFILLED',
      updatedAt: now,
      lastFulfillmentAt: updated.lastFulfillmentAt ?? now,
      reverseCents: 0,
    });
    return { kind: 'fulfilled', omsJobId: job.id };
  });
}
