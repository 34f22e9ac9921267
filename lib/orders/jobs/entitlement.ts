import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import { enqueue, PermanentJobError, registerJobHandler, RetryableJobError, type JobHandler } from '@/lib/outbox';
import { PartnerError } from '@/lib/partners/errors';
import { cancelOrderEntitlement, provisionEntitlement } from '../fulfilment/entitlement';

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
    return opentvJobError(e);
  }
};

export function registerEntitlementJob(): void {
  registerJobHandler(ENTITLEMENT_JOB, entitlementJobHandler);
}
