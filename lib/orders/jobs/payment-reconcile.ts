import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import {
  enqueue,
  PermanentJobError,
  QUICK_BACKOFF,
  registerJobHandler,
  RetryableJobError,
  type JobHandler,
} from '@/lib/outbox';
import { nextLookupInMs } from '../payment/lookup-schedule';
import { reconcilePayment } from '../payment/reconcile';

/**
 * Looks an unknown payment outcome up at Flexiti (lib/orders/payment/reconcile.ts), again and again
 * on the payment's own schedule (lib/orders/payment/lookup-schedule.ts: the last look-up before
 * `notFoundAfter` lands on it) until the outcome is definite (paid, failed, or orphan money given back).
 */
export const PAYMENT_RECONCILE_JOB = 'flexiti.reconcile';

/** `round` > 0 for a reconciliation the recovery sweeper starts again (the first one ended). */
export const reconcileJobKey = (orderId: string, round = 0) => `reconcile:${orderId}${round ? `:${round}` : ''}`;

const payloadSchema = z.object({ orderId: z.string().min(1), notFoundAfter: z.coerce.date() });

/**
 * Reconciles the order's payment at `runAt` (the intent's grace period: long enough for the
 * `/authorization` call itself to finish), deciding "not found" only after `notFoundAfter`.
 * Many attempts: it stops as soon as the outcome is definite, and `notFoundAfter` bounds it.
 */
export function enqueueReconcileJob(
  tx: DbOrTx,
  orderId: string,
  opts: { runAt: Date; notFoundAfter: Date; round?: number },
) {
  return enqueue(tx, {
    kind: PAYMENT_RECONCILE_JOB,
    dedupeKey: reconcileJobKey(orderId, opts.round),
    orderId,
    runAt: opts.runAt,
    maxAttempts: 100,
    payload: { orderId, notFoundAfter: opts.notFoundAfter.toISOString() },
  });
}

export const reconcileJobHandler: JobHandler = async (job, ctx) => {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) {
    return new PermanentJobError(`bad ${PAYMENT_RECONCILE_JOB} payload: ${parsed.error.issues[0]?.message}`);
  }
  const outcome = await reconcilePayment(parsed.data.orderId, {
    notFoundAfter: parsed.data.notFoundAfter,
    correlationId: ctx.correlationId,
  });
  if (outcome.kind === 'undecided') {
    const retryInMs = nextLookupInMs({ askedAt: job.createdAt, deadline: parsed.data.notFoundAfter, now: new Date() });
    return new RetryableJobError(`not definite yet: ${outcome.reason}`, { retryInMs });
  }
};

export function registerReconcileJob(): void {
  // An undecided look-up names its own next time (../payment/lookup-schedule.ts); any other
  // failure retries in seconds, then minutes, not the outbox's hours: a customer waits on this answer.
  registerJobHandler(PAYMENT_RECONCILE_JOB, reconcileJobHandler, { backoff: QUICK_BACKOFF });
}
