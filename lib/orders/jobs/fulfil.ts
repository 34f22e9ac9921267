import 'server-only';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/lib/db/client';
import { outboxJobs } from '@/lib/db/schema';
import { enqueue, PermanentJobError, registerJobHandler, RetryableJobError, type JobHandler } from '@/lib/outbox';
import { fulfilOrder } from '../fulfilment/complete';

/**
 * Scheduled at lastFulfillmentDate (the end of the return window): fulfils the order and enqueues
 * ORDER_FULFILLED, unless the order was cancelled first (then it does nothing: no OMS event after
 * a terminal state). The worker sends the report on its next tick (same kind and order as
 * ORDER_CONFIRMED, so never before it).
 */
export const FULFIL_JOB = 'order.fulfil';

export const fulfilJobKey = (orderId: string) => `fulfil:${orderId}`;

const payloadSchema = z.object({ orderId: z.string().min(1) });

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

/** Runs at `runAt` (= lastFulfillmentDate). */
export function enqueueFulfilJob(tx: DbOrTx, orderId: string, runAt: Date) {
  return enqueue(tx, { kind: FULFIL_JOB, dedupeKey: fulfilJobKey(orderId), orderId, runAt, payload: { orderId } });
}

export const fulfilJobHandler: JobHandler = async (job) => {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) return new PermanentJobError(`bad ${FULFIL_JOB} payload: ${parsed.error.issues[0]?.message}`);
  const outcome = await fulfilOrder(parsed.data.orderId);
  if (outcome.kind === 'not-due') {
    // The window was moved later than this job's run_at: try again when it ends.
    return new RetryableJobError(`not due until ${outcome.dueAt.toISOString()}`, {
      retryAfterMs: Math.max(1_000, outcome.dueAt.getTime() - job.runAt.getTime()),
    });
  }
  if (outcome.kind === 'not-paid') return new PermanentJobError(`order is ${outcome.state}, it cannot be fulfilled`);
};

export function registerFulfilJob(): void {
  registerJobHandler(FULFIL_JOB, fulfilJobHandler);
}
