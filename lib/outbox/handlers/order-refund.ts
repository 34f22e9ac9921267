import 'server-only';
import { z } from 'zod';
import { refundCancelledOrder } from '@/lib/orders/cancel-refund';
import { REFUND_JOB } from '@/lib/orders/fulfilment-jobs';
import { FlexitiError } from '@/lib/partners/flexiti/errors';
import { PermanentJobError, RetryableJobError } from '../errors';
import { registerJobHandler, type JobHandler } from '../registry';

const payloadSchema = z.object({ orderId: z.string().min(1) });
const RETRYABLE = new Set(['unavailable', 'server_error', 'invalid_token']);

/**
 * Returns a cancelled order's money at Flexiti and enqueues ORDER_CANCELLED with the amount.
 * Flexiti unavailable → retried; a business rejection (e.g. return_date_exceeded) → dead, loud:
 * a person must refund by hand, and OMS is not told a refund that did not happen.
 */
export const refundJobHandler: JobHandler = async (job, ctx) => {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) return new PermanentJobError(`bad ${REFUND_JOB} payload: ${parsed.error.issues[0]?.message}`);
  try {
    await refundCancelledOrder(parsed.data.orderId, { correlationId: ctx.correlationId });
  } catch (e) {
    if (e instanceof FlexitiError) {
      const message = `flexiti ${e.details.operation}: ${e.code} (HTTP ${e.status})`;
      return RETRYABLE.has(e.code)
        ? new RetryableJobError(message, { cause: e })
        : new PermanentJobError(message, { cause: e });
    }
    throw e;
  }
};

export function registerRefundJob(): void {
  registerJobHandler(REFUND_JOB, refundJobHandler);
}
