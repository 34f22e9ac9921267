import 'server-only';
import { eq, or } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { opentvWebhookReceipts, orders } from '@/lib/db/schema';
import type { EntitlementEvent } from '@/lib/partners/opentv/webhook';
import { recordOrderNote, transitionOrder } from './transitions';

export type EntitlementEventOutcome =
  { kind: 'duplicate' } | { kind: 'unknown-entitlement' } | { kind: 'applied'; orderId: string; orderState: string };

const ENDED = new Set<string>(['CANCELLED', 'REVOKED']);
const ORDER_ID_FROM_ENTITLEMENT = /^ent-(.+)$/;

/**
 * Applies an entitlement event OpenTV sent to our webhook (contracts §B.3, D16). Idempotent on
 * (entitlement id, status): the receipt row's unique index makes a redelivery a no-op. Stores the
 * entitlement's status on the order; ACTIVE moves a CONFIRMED order to ACTIVE (activated by the
 * customer). A terminal order keeps its state (its OMS story is over) but records the status.
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

    const activationEnded = event.status !== 'PENDING';
    // Events can arrive out of order (OPF retries with backoff): a late ACTIVE must not revive an
    // entitlement we already cancelled.
    const ended = order.entitlementStatus === 'CANCELLED' || order.entitlementStatus === 'REVOKED';
    const status = ended && !ENDED.has(event.status) ? order.entitlementStatus : event.status;
    await tx
      .update(orders)
      .set({
        entitlementId: event.entitlementId,
        entitlementStatus: status,
        ...(activationEnded ? { activationUrl: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(orders.id, order.id));
    const detail = { entitlementId: event.entitlementId, status: event.status, occurredAt: event.occurredAt };
    if (event.status === 'ACTIVE' && order.state === 'CONFIRMED') {
      await transitionOrder(tx, {
        orderId: order.id,
        from: 'CONFIRMED',
        to: 'ACTIVE',
        cause: 'opentv.activated',
        detail,
      });
      return { kind: 'applied', orderId: order.id, orderState: 'ACTIVE' };
    }
    await recordOrderNote(tx, { orderId: order.id, state: order.state, cause: 'opentv.entitlement_event', detail });
    return { kind: 'applied', orderId: order.id, orderState: order.state };
  });
}
