import 'server-only';
import { z } from 'zod';
import { PAYMENT_RECONCILE_JOB } from '@/lib/orders/fulfilment-jobs';
import { reconcilePayment } from '@/lib/orders/payment-reconcile';
import { PermanentJobError, RetryableJobError } from '../errors';
import { registerJobHandler, type JobHandler } from '../registry';

const payloadSchema = z.object({ orderId: z.string().min(1), notFoundAfter: z.coerce.date() });

/**
 * Reconciles one order's payment with Flexiti; retried with the outbox's backoff until the
 * outcome is definite (paid, failed, or orphan money given back).
 */
export const reconcileJobHandler: JobHandler = async (job, ctx) => {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) {
    return new PermanentJobError(`bad ${PAYMENT_RECONCILE_JOB} payload: ${parsed.error.issues[0]?.message}`);
  }
  const outcome = await reconcilePayment(parsed.data.orderId, {
    notFoundAfter: parsed.data.notFoundAfter,
    correlationId: ctx.correlationId,
  });
  if (outcome.kind === 'undecided') return new RetryableJobError(`not definite yet: ${outcome.reason}`);
};

export function registerReconcileJob(): void {
  registerJobHandler(PAYMENT_RECONCILE_JOB, reconcileJobHandler);
}
