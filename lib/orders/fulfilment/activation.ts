import 'server-only';
import { eq, or } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { opentvWebhookReceipts, orders } from '@/lib/db/schema';
import type { EntitlementEvent } from '@/lib/partners/opentv';
import { applyEntitlementStatus } from './entitlement-status';

export type EntitlementEventOutcome =
  { kind: 'duplicate' } | { kind: 'unknown-entitlement' } | { kind: 'applied'; orderId: string; orderState: string };

const ORDER_ID_FROM_ENTITLEMENT = /^ent-(.+)$/;

/**
 * Applies an entitlement event OpenTV sent to our webhook (docs/partners/opentv.md#webhook-endpoint, #webhook-idempotency). Idempotent on
 * (entitlement id, status): the receipt row's unique index makes a redelivery a no-op. The status is
 * applied by `applyEntitlementStatus`, the same rule the status poll uses.
 * Database work only, no partner calls, so the webhook answers fast.
 */
export async function applyEntitlementEvent(event: EntitlementEvent): Promise<EntitlementEventOutcome> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<EntitlementEventOutcome> => {
    // Our entitlement ids are derived from the order id (entitlementIdForOrder): the order is found
    // even if the event beats the entitlement job's own update.
    const derived = ORDER_ID_FROM_ENTITLEMENT.exec(event.entitlementId)?.[1];
    const [order] = await tx
      .select()
      .from(orders)
      .where(
        derived
          ? or(eq(orders.entitlementId, event.entitlementId), eq(orders.id, derived))
          : eq(orders.entitlementId, event.entitlementId),
      )
      .limit(1)
      .for('update');
    const [receipt] = await tx
      .insert(opentvWebhookReceipts)
      .values({
        entitlementId: event.entitlementId,
        status: event.status,
        orderId: order?.id ?? null,
        occurredAt: new Date(event.occurredAt),
        event: event as unknown as Record<string, unknown>,
      })
      .onConflictDoNothing()
      .returning({ id: opentvWebhookReceipts.id });
    if (!receipt) return { kind: 'duplicate' };
    if (!order) return { kind: 'unknown-entitlement' };

    const detail = { entitlementId: event.entitlementId, status: event.status, occurredAt: event.occurredAt };
    const orderState = await applyEntitlementStatus(tx, order, {
      entitlementId: event.entitlementId,
      status: event.status,
      cause: 'opentv.activated',
      detail,
    });
    return { kind: 'applied', orderId: order.id, orderState };
  });
}
