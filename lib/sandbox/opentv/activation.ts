import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { products, sandboxOpentvEntitlements as E } from '@/lib/db/schema';
import { sandboxNow } from '@/lib/sandbox/clock';
import { deliveriesFor, deliverNow, enqueueWebhook } from './webhook-delivery';

/**
 * The Bango activation step (docs/partners/opentv.md#activation): the user finishes sign-up at the activation URL,
 * the entitlement becomes ACTIVE and OPF calls the storefront's webhook (docs/partners/opentv.md#webhook-delivery).
 */

export type ActivationView =
  | { kind: 'unknown' }
  | {
      kind: 'found';
      entitlementId: string;
      productId: string;
      accountId: string;
      status: string;
      expired: boolean;
      productName: string | null;
      /** Whether the storefront has acknowledged the activation webhook yet. */
      webhook: 'none' | 'pending' | 'delivered';
    };

/** What the activation page shows for a link. */
export async function viewActivation(db: Db, token: string): Promise<ActivationView> {
  const [row] = await db.select().from(E).where(eq(E.activationToken, token));
  if (!row) return { kind: 'unknown' };
  const now = await sandboxNow(db);
  const [product] = await db
    .select({ name: products.name })
    .from(products)
    .where(eq(products.opentvProductId, row.productId));
  const deliveries = await deliveriesFor(db, row.id);
  return {
    kind: 'found',
    productName: product?.name ?? null,
    webhook: deliveries.length === 0 ? 'none' : deliveries.every((d) => d.deliveredAt) ? 'delivered' : 'pending',
    entitlementId: row.id,
    productId: row.productId,
    accountId: row.accountId,
    status: row.status,
    expired: !row.activationExpiresAt || row.activationExpiresAt <= now,
  };
}

export type ActivationResult =
  | { ok: true; entitlementId: string; alreadyActive: boolean; webhookDelivered: boolean }
  | { ok: false; reason: 'not_found' | 'expired' | 'not_pending'; message: string };

/**
 * Moves a PENDING entitlement to ACTIVE and records the webhook event in one transaction, then
 * makes the first delivery attempt. Activating an ACTIVE entitlement again is a no-op.
 */
export async function activateEntitlement(
  db: Db,
  by: { token: string } | { entitlementId: string },
): Promise<ActivationResult> {
  const result = await db.transaction(async (tx) => {
    const where = 'token' in by ? eq(E.activationToken, by.token) : eq(E.id, by.entitlementId);
    const [row] = await tx.select().from(E).where(where).for('update');
    if (!row)
      return { ok: false as const, reason: 'not_found' as const, message: 'No such entitlement or activation link' };
    if (row.status === 'ACTIVE')
      return { ok: true as const, entitlementId: row.id, alreadyActive: true, deliveryId: null };
    if (row.status !== 'PENDING') {
      return { ok: false as const, reason: 'not_pending' as const, message: `The entitlement is ${row.status}` };
    }
    const now = await sandboxNow(tx);
    if ('token' in by && (!row.activationExpiresAt || row.activationExpiresAt <= now)) {
      return { ok: false as const, reason: 'expired' as const, message: 'This activation link has expired' };
    }
    await tx.update(E).set({ status: 'ACTIVE', modifiedAt: now }).where(eq(E.id, row.id));
    const deliveryId = await enqueueWebhook(
      tx,
      {
        entitlementId: row.id,
        accountId: row.accountId,
        productId: row.productId,
        status: 'ACTIVE',
        occurredAt: now.toISOString(),
      },
      new Date(),
    );
    return { ok: true as const, entitlementId: row.id, alreadyActive: false, deliveryId };
  });
  if (!result.ok) return result;
  const webhookDelivered = result.deliveryId !== null ? await deliverNow(db, result.deliveryId) : false;
  return { ok: true, entitlementId: result.entitlementId, alreadyActive: result.alreadyActive, webhookDelivered };
}
