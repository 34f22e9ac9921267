import 'server-only';
import { z } from 'zod';
import { defineJob, QUICK_BACKOFF, RetryableJobError } from '@/lib/outbox';
import { nextLookupInMs } from '../payment/lookup-schedule';
import { reconcilePayment } from '../payment/reconcile';

/**
 * Looks an unknown payment outcome up at Flexiti (lib/orders/payment/reconcile.ts), again and again
 * on the payment's own schedule (lib/orders/payment/lookup-schedule.ts: the last look-up before
 * `notFoundAfter` lands on it) until the outcome is definite (paid, failed, or orphan money given back).
 * Enqueued with `runAt` = the intent's grace period (long enough for the `/authorization` call
 * itself to finish); "not found" is decided only after `notFoundAfter`.
 */

/** `round` > 0 for a reconciliation the recovery sweeper starts again (the first one ended). */
export const reconcileJobKey = (orderId: string, round = 0) => `reconcile:${orderId}${round ? `:${round}` : ''}`;

export const reconcileJob = defineJob({
  kind: 'flexiti.reconcile',
  payload: z.object({
    orderId: z.string().min(1),
    notFoundAfter: z.coerce.date(),
    round: z.number().int().min(0).default(0),
  }),
  dedupeKey: ({ orderId, round }) => reconcileJobKey(orderId, round),
  orderId: ({ orderId }) => orderId,
  // Many attempts: it stops as soon as the outcome is definite, and `notFoundAfter` bounds it.
  maxAttempts: 100,
  // An undecided look-up names its own next time (../payment/lookup-schedule.ts); any other
  // failure retries in seconds, then minutes, not the outbox's hours: a customer waits on this answer.
  backoff: QUICK_BACKOFF,
  async handle({ orderId, notFoundAfter }, { job, correlationId }) {
    const outcome = await reconcilePayment(orderId, { notFoundAfter, correlationId });
    if (outcome.kind === 'undecided') {
      const retryInMs = nextLookupInMs({ askedAt: job.createdAt, deadline: notFoundAfter, now: new Date() });
      return new RetryableJobError(`not definite yet: ${outcome.reason}`, { retryInMs });
    }
  },
});
