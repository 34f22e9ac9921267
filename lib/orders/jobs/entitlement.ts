import 'server-only';
import { z } from 'zod';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { enqueue, PermanentJobError, registerJobHandler, RetryableJobError, type JobHandler } from '@/lib/outbox';
import { PartnerError } from '@/lib/partners/errors';
import { isPurchaseRefused } from '@/lib/partners/opentv';
import { cancelOrderEntitlement, provisionEntitlement } from '../fulfilment/entitlement';
import { cancelUndeliverable } from '../fulfilment/undeliverable';
import { raiseAttention } from '../attention';
import { runJobsNow } from './run-now';

/**
 * Creates or cancels an order's OpenTV entitlement. Both share one kind on purpose: jobs of the
 * same order and kind run in enqueue order (lib/outbox/run.ts), so a cancel can never overtake a
 * create that is still being retried during an OpenTV outage.
 */
export const ENTITLEMENT_JOB = 'opentv.entitlement';

export type EntitlementAction = 'create' | 'cancel';
export const entitlementJobKey = (orderId: string, action: EntitlementAction) => `opentv:${orderId}:${action}`;

const payloadSchema = z.object({ orderId: z.string().min(1), action: z.enum(['create', 'cancel']) });

export function enqueueEntitlementJob(tx: DbOrTx, orderId: string, action: EntitlementAction) {
  return enqueue(tx, {
    kind: ENTITLEMENT_JOB,
    dedupeKey: entitlementJobKey(orderId, action),
    orderId,
    payload: { orderId, action },
  });
}

/**
 * OpenTV's answers as job outcomes: unavailable (network, 5xx, 429) is retried with the outbox's
 * backoff, which is how a purchase made during an OpenTV outage heals by itself; rejected
 * credentials (docs/partners/opentv.md#keycloak-errors) and a 4xx answer are dead-lettered (loud,
 * for ops), retrying cannot help.
 */
export function opentvJobError(e: unknown): RetryableJobError | PermanentJobError {
  if (!(e instanceof PartnerError)) throw e;
  return e.retryable ? new RetryableJobError(e.message, { cause: e }) : new PermanentJobError(e.message, { cause: e });
}

export const entitlementJobHandler: JobHandler = async (job, ctx) => {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success)
    return new PermanentJobError(`bad ${ENTITLEMENT_JOB} payload: ${parsed.error.issues[0]?.message}`);
  const { orderId, action } = parsed.data;
  try {
    if (action === 'create') await provisionEntitlement(orderId, { correlationId: ctx.correlationId });
    else await cancelOrderEntitlement(orderId, { correlationId: ctx.correlationId });
  } catch (e) {
    if (action === 'create' && isPurchaseRefused(e)) {
      // Paid but not deliverable: cancelled and refunded in full, nothing left dead holding money
      // (docs/refund-policy.md#undeliverable). The refund is tried at once; the worker retries it.
      const refundJobId = await cancelUndeliverable(orderId, {
        operation: 'createEntitlement',
        error: (e as PartnerError).summary,
      });
      if (refundJobId !== null) await runJobsNow([refundJobId]).catch(() => undefined);
      return;
    }
    const failed = opentvJobError(e);
    if (action === 'cancel' && failed instanceof PermanentJobError) {
      // The access could not be ended: the refund waits, and a person decides (docs/refund-policy.md#refunds).
      const db = await getDb();
      await db.transaction((tx) =>
        raiseAttention(tx, {
          orderId,
          state: 'CANCELLED',
          reason: 'access_end_failed',
          detail: { error: (e as PartnerError).summary },
        }),
      );
    }
    return failed;
  }
};

export function registerEntitlementJob(): void {
  registerJobHandler(ENTITLEMENT_JOB, entitlementJobHandler);
}
