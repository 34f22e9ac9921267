import 'server-only';
import { z } from 'zod';
import { cancelOrderEntitlement, provisionEntitlement } from '@/lib/orders/fulfilment-entitlement';
import { ENTITLEMENT_JOB } from '@/lib/orders/fulfilment-jobs';
import { OpenTvAuthError, OpenTvError, OpenTvUnavailableError } from '@/lib/partners/opentv';
import { PermanentJobError, RetryableJobError } from '../errors';
import { registerJobHandler, type JobHandler } from '../registry';

const payloadSchema = z.object({ orderId: z.string().min(1), action: z.enum(['create', 'cancel']) });

/**
 * OpenTV's answers as job outcomes: unavailable (network, 5xx, 429) is retried with the outbox's
 * backoff, which is how a purchase made during an OpenTV outage heals by itself; rejected
 * credentials (docs/partners/opentv.md#keycloak-errors) and a 4xx answer are dead-lettered (loud, for ops), retrying cannot help.
 */
export function opentvJobError(e: unknown): RetryableJobError | PermanentJobError {
  if (e instanceof OpenTvUnavailableError) return new RetryableJobError(e.message, { cause: e });
  if (e instanceof OpenTvAuthError || e instanceof OpenTvError) return new PermanentJobError(e.message, { cause: e });
  throw e;
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
