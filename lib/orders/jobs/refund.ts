import 'server-only';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { enqueue, PermanentJobError, registerJobHandler, RetryableJobError, type JobHandler } from '@/lib/outbox';
import { PartnerError } from '@/lib/partners/errors';
import { raiseAttention } from '../attention';
import { refundCancelledOrder } from '../cancel/refund';

/**
 * Returns a cancelled order's money at Flexiti and enqueues ORDER_CANCELLED with the amount.
 * Flexiti unavailable → retried; a business rejection (e.g. return_date_exceeded) → dead, and the
 * order raised to staff (`refund_failed`): a person must refund by hand, and OMS is not told a
 * refund that did not happen.
 */
export const REFUND_JOB = 'order.refund';

export const refundJobKey = (orderId: string) => `refund:${orderId}`;

const payloadSchema = z.object({ orderId: z.string().min(1) });

export function enqueueRefundJob(tx: DbOrTx, orderId: string) {
  return enqueue(tx, { kind: REFUND_JOB, dedupeKey: refundJobKey(orderId), orderId, payload: { orderId } });
}

export const refundJobHandler: JobHandler = async (job, ctx) => {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) return new PermanentJobError(`bad ${REFUND_JOB} payload: ${parsed.error.issues[0]?.message}`);
  const { orderId } = parsed.data;
  try {
    await refundCancelledOrder(orderId, { correlationId: ctx.correlationId });
  } catch (e) {
    if (!(e instanceof PartnerError)) throw e;
    if (e.retryable) return new RetryableJobError(e.summary, { cause: e });
    // Flexiti refused the refund for good: a person must give the money back (the ops "needs
    // attention" list). The job stays dead with its error as evidence.
    const db = await getDb();
    await db.transaction((tx) =>
      raiseAttention(tx, { orderId, state: 'CANCELLED', reason: 'refund_failed', detail: { error: e.summary } }),
    );
    return new PermanentJobError(e.summary, { cause: e });
  }
};

export function registerRefundJob(): void {
  registerJobHandler(REFUND_JOB, refundJobHandler);
}
