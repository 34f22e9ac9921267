import 'server-only';
import { and, eq, gt, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { getDb } from '@/lib/db/client';
import { checkoutFlows, orderEvents, orders, outboxJobs } from '@/lib/db/schema';
import { platformNow } from '@/lib/platform/clock';
import { atMostEvery } from '../jobs/at-most-every';
import { reconcileJob } from '../jobs/payment-reconcile';
import { recordOrderNote } from '../transitions';

/**
 * Crash recovery for payments, run from the outbox worker's tick. After `kill -9` at any point of
 * a checkout, an order is in one of two places, and both are reconciled like an unknown outcome
 * (lib/orders/payment/reconcile.ts):
 *  - PAYMENT_VERIFYING past the grace period with no reconciliation job still pending or running
 *    (its job normally commits with the intent; this covers a job given up by ops);
 *  - PENDING_PAYMENT whose widget reported success (the request claimed the answer, noted
 *    `flexiti.widget_success` as its last step) and then stopped before recording the intent:
 *    `/authorization` was never sent, so the reconciliation decides at once.
 * And late look-ups for money that shows up after its order ended:
 *  - PAYMENT_FAILED after `/authorization` was sent (the order has a Flexiti account), looked up
 *    again at `lateCheckOffsetsMs` after it failed (the not-found time, 10 minutes, 1 hour,
 *    6 hours, 25 hours): Flexiti may list an authorization only late. The reconciliation gives
 *    back whatever it finds (an order that failed keeps no money) and notes it on the order.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** When a failed order is looked up again, after it failed: for more than a day (docs/partners/flexiti.md#reconciliation). */
export function lateCheckOffsetsMs(notFoundAfterMs: number): number[] {
  return [notFoundAfterMs, 10 * MINUTE, HOUR, 6 * HOUR, 25 * HOUR].map((ms, k, all) =>
    Math.max(ms, ...all.slice(0, k)),
  );
}
const LATE_CHECK_CAUSE = 'recovery.late_check_started';
const STARTED = 'recovery.reconcile_started';

const SWEEP_BATCH = 50;

export async function sweepStuckPayments(opts: { now?: Date } = {}): Promise<string[]> {
  const db = await getDb();
  const { reconcileGraceMs, notFoundAfterMs } = getConfig().payments;
  const now = opts.now ?? new Date();
  const before = new Date(now.getTime() - reconcileGraceMs);
  const liveJob = sql`exists (select 1 from ${outboxJobs} j where j.order_id = ${orders.id}
    and j.kind = ${reconcileJob.kind} and j.status in ('pending', 'running'))`;

  const verifying = await db
    .select({ id: orders.id, since: orders.updatedAt })
    .from(orders)
    .where(and(eq(orders.state, 'PAYMENT_VERIFYING'), lt(orders.updatedAt, before), sql`not ${liveJob}`))
    .limit(SWEEP_BATCH);

  // The last event of the order says the widget's success was being acted on.
  const lastCause = sql<string>`(select e.cause from ${orderEvents} e where e.order_id = ${orders.id}
    order by e.id desc limit 1)`;
  const interrupted = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(checkoutFlows, eq(checkoutFlows.orderId, orders.id))
    .where(
      and(
        eq(orders.state, 'PENDING_PAYMENT'),
        lt(checkoutFlows.claimedAt, before),
        inArray(lastCause, ['flexiti.widget_success', 'flexiti.application_approved']),
        sql`not ${liveJob}`,
      ),
    )
    .limit(SWEEP_BATCH);

  // Check k + 1 is due once offsets[k] has passed since the order failed (its last update).
  const offsets = lateCheckOffsetsMs(notFoundAfterMs);
  const lateChecks = sql`(select count(*)::int from ${orderEvents} e where e.order_id = ${orders.id}
    and e.cause = ${LATE_CHECK_CAUSE})`;
  const failedLate = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.state, 'PAYMENT_FAILED'),
        isNotNull(orders.flexitiAccountNumber),
        lt(orders.updatedAt, new Date(now.getTime() - offsets[0]!)),
        gt(orders.updatedAt, new Date(now.getTime() - offsets.at(-1)! - 24 * HOUR)),
        sql`not ${liveJob}`,
        or(
          ...offsets.map((ms, k) => and(sql`${lateChecks} = ${k}`, lt(orders.updatedAt, new Date(now.getTime() - ms)))),
        ),
      ),
    )
    .limit(SWEEP_BATCH);

  const found = [
    ...verifying.map((o) => ({ id: o.id, state: 'PAYMENT_VERIFYING' as const, notFoundAfterMs, cause: STARTED })),
    ...interrupted.map((o) => ({ id: o.id, state: 'PENDING_PAYMENT' as const, notFoundAfterMs: 0, cause: STARTED })),
    ...failedLate.map((o) => ({
      id: o.id,
      state: 'PAYMENT_FAILED' as const,
      notFoundAfterMs: 0,
      cause: LATE_CHECK_CAUSE,
    })),
  ];
  for (const o of found) {
    await db.transaction(async (tx) => {
      const [{ rounds } = { rounds: 0 }] = await tx
        .select({ rounds: sql<number>`count(*)::int` })
        .from(outboxJobs)
        .where(and(eq(outboxJobs.orderId, o.id), eq(outboxJobs.kind, reconcileJob.kind)));
      const runAt = await platformNow(tx);
      const job = await reconcileJob.enqueue(
        tx,
        { orderId: o.id, notFoundAfter: new Date(now.getTime() + o.notFoundAfterMs), round: rounds + 1 },
        { runAt },
      );
      if (job.created) {
        await recordOrderNote(tx, {
          orderId: o.id,
          state: o.state,
          cause: o.cause,
          detail: { jobId: job.id, round: rounds + 1 },
        });
      }
    });
  }
  return found.map((o) => o.id);
}

/** The worker-tick hook: sweeps at most every 10 s per process. */
export const sweepStuckPaymentsOnTick = atMostEvery('paymentSweep', 10_000, () => sweepStuckPayments());
