import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import { enqueue, PermanentJobError, registerJobHandler, RetryableJobError, type JobHandler } from '@/lib/outbox';
import { PartnerError } from '@/lib/partners/errors';
import { refundCancelledOrder } from '../cancel/refund';

/**
 * Returns a cancelled order's money at Flexiti and enqueues ORDER_CANCELLED with the amount.
 * Flexiti unavailable → retried; a business rejection (e.g. return_date_exceeded) → dead, loud:
 * a person must refund by hand, and OMS is not told a refund that did not happen.
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
  try {
    await refundCancelledOrder(parsed.data.orderId, { correlationId: ctx.correlationId });
  } catch (e) {
    if (e instanceof PartnerError) {
      return e.retryable
        ? new RetryableJobError(e.summary, { cause: e })
        : new PermanentJobError(e.summary, { cause: e });
    }
    throw e;
  }
};

export function registerRefundJob(): void {
  registerJobHandler(REFUND_JOB, refundJobHandler);
}
