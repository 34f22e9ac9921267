import 'server-only';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { outboxJobs } from '@/lib/db/schema';
import { defineJob, PermanentJobError, RetryableJobError } from '@/lib/outbox';
import { fulfilOrder } from '../fulfilment/complete';

/**
 * Scheduled at lastFulfillmentDate (the end of the return window): fulfils the order and enqueues
 * ORDER_FULFILLED, unless the order was cancelled first (then it does nothing: no OMS event after
 * a terminal state). The worker sends the report on its next tick (same kind and order as
 * ORDER_CONFIRMED, so never before it). Enqueued with `runAt` = lastFulfillmentDate.
 */
export const fulfilJobKey = (orderId: string) => `fulfil:${orderId}`;

export const fulfilJob = defineJob({
  kind: 'order.fulfil',
  payload: z.object({ orderId: z.string().min(1) }),
  dedupeKey: ({ orderId }) => fulfilJobKey(orderId),
  orderId: ({ orderId }) => orderId,
  async handle({ orderId }, { job }) {
    const outcome = await fulfilOrder(orderId);
    if (outcome.kind === 'not-due') {
      // The window was moved later than this job's run_at: try again when it ends.
      return new RetryableJobError(`not due until ${outcome.dueAt.toISOString()}`, {
        retryAfterMs: Math.max(1_000, outcome.dueAt.getTime() - job.runAt.getTime()),
      });
    }
    if (outcome.kind === 'not-paid') return new PermanentJobError(`order is ${outcome.state}, it cannot be fulfilled`);
  },
});

/**
 * The scheduled ORDER_FULFILLED must never run for a cancelled order: marked done in the cancel's
 * transaction. Its handler re-checks the order state anyway (a run already in flight sees
 * CANCELLED under the same row lock and does nothing).
 */
export function dropFulfilJob(tx: DbOrTx, orderId: string, now: Date) {
  return tx
    .update(outboxJobs)
    .set({ status: 'done', doneAt: now, lastError: 'not needed: the order was cancelled', updatedAt: now })
    .where(and(eq(outboxJobs.dedupeKey, fulfilJobKey(orderId)), eq(outboxJobs.status, 'pending')));
}
