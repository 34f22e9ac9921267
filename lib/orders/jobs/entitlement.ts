import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { defineJob, tryJobsNow } from '@/lib/outbox';
import type { PartnerError } from '@/lib/partners/errors';
import { isPurchaseRefused } from '@/lib/partners/opentv';
import { cancelOrderEntitlement, provisionEntitlement } from '../fulfilment/entitlement';
import { cancelUndeliverable } from '../fulfilment/undeliverable';
import { raiseAttention } from '../attention';

/**
 * Creates or cancels an order's OpenTV entitlement. Both share one kind on purpose: jobs of the
 * same order and kind run in enqueue order (lib/outbox/run.ts), so a cancel can never overtake a
 * create that is still being retried during an OpenTV outage. OpenTV unavailable (network, 5xx,
 * 429) is retried with the outbox's backoff, which is how a purchase made during an OpenTV outage
 * heals by itself; rejected credentials (docs/partners/opentv.md#keycloak-errors) and a 4xx answer
 * are dead-lettered (loud, for ops), retrying cannot help.
 */
export type EntitlementAction = 'create' | 'cancel';
export const entitlementJobKey = (orderId: string, action: EntitlementAction) => `opentv:${orderId}:${action}`;

export const entitlementJob = defineJob({
  kind: 'opentv.entitlement',
  payload: z.object({ orderId: z.string().min(1), action: z.enum(['create', 'cancel']) }),
  dedupeKey: ({ orderId, action }) => entitlementJobKey(orderId, action),
  orderId: ({ orderId }) => orderId,
  async handle({ orderId, action }, { correlationId }) {
    try {
      if (action === 'cancel') await cancelOrderEntitlement(orderId, { correlationId });
      else await provisionEntitlement(orderId, { correlationId });
    } catch (e) {
      if (action === 'cancel' || !isPurchaseRefused(e)) throw e;
      // Paid but not deliverable: cancelled and refunded in full, nothing left dead holding money
      // (docs/refund-policy.md#undeliverable). The refund is tried at once; the worker retries it.
      const refundJobId = await cancelUndeliverable(orderId, {
        operation: 'createEntitlement',
        error: (e as PartnerError).summary,
      });
      if (refundJobId !== null) await tryJobsNow([refundJobId]);
    }
  },
  async onPermanentFailure({ orderId, action }, { reason }) {
    if (action !== 'cancel') return;
    // The access could not be ended: the refund waits, and a person decides (docs/refund-policy.md#refunds).
    const db = await getDb();
    await db.transaction((tx) =>
      raiseAttention(tx, { orderId, state: 'CANCELLED', reason: 'access_end_failed', detail: { error: reason } }),
    );
  },
});
