import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { orders } from '@/lib/db/schema';
import { entitlementIdForOrder, openTvClient } from '@/lib/partners/opentv';
import { loadOrderContext } from '../order-context';
import { ensureOpenTvAccount } from './opentv-account';
import { isPaid } from '../state-machine';
import { recordOrderNote } from '../transitions';
import { refundJob } from '../jobs/refund';

/** docs/partners/opentv.md#reason-codes (Bango reason pairs, row 3): a customer's own cancellation. */
export const CUSTOMER_CANCELLED = { category: 'CUSTOMER_CANCELLED', code: 'CUSTOMER_CANCELLED' } as const;

export type ProvisionOutcome = 'created' | 'already-provisioned' | 'not-needed';

/**
 * Creates the order's OpenTV entitlement (docs/partners/opentv.md#entitlement-id) with our deterministic `_id`, after
 * making sure the customer has an OpenTV account. Safe to repeat: a retry after a crash finds
 * the entitlement it created (the client reads it back on "already exists"). Throws the client's
 * errors; the job handler decides retry or dead-letter.
 */
export async function provisionEntitlement(
  orderId: string,
  call: { correlationId?: string } = {},
): Promise<ProvisionOutcome> {
  const db = await getDb();
  const ctx = await loadOrderContext(db, orderId);
  if (!ctx) throw new Error(`no order ${orderId}`);
  const { order, product } = ctx;
  // Cancelled (or never paid) before provisioning got through: nothing to provision.
  if (!isPaid(order.state)) return 'not-needed';
  if (order.entitlementStatus) return 'already-provisioned';

  const callCtx = { correlationId: call.correlationId, orderId };
  const accountId = order.opentvAccountId ?? (await ensureOpenTvAccount(db, ctx.customerId, callCtx));
  const created = await openTvClient().createEntitlement({
    entitlementId: order.entitlementId ?? entitlementIdForOrder(order.id),
    accountId,
    productId: product.opentvProductId,
    // docs/partners/opentv.md#duplicate-purchase: always explicit. Our reading (true = prohibit)
    // makes OpenTV refuse a second live entitlement; under the other reading it allows one, and
    // the checkout's one-live-plan rule (docs/refund-policy.md#one-live-plan) is what holds.
    prohibitDuplicate: true,
    ...callCtx,
  });
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: orders.entitlementStatus, state: orders.state })
      .from(orders)
      .where(eq(orders.id, orderId))
      .for('update');
    await tx
      .update(orders)
      .set({
        opentvAccountId: accountId,
        entitlementId: created.entitlementId,
        // The activation webhook may have won the race: never step ACTIVE back to PENDING.
        entitlementStatus: current?.status ?? 'PENDING',
        activationUrl: created.activationUrl,
        updatedAt: new Date(),
      })
      .where(eq(orders.id, orderId));
    await recordOrderNote(tx, {
      orderId,
      state: current?.state ?? order.state,
      cause: 'opentv.entitlement_created',
      detail: { entitlementId: created.entitlementId, accountId, alreadyExisted: created.alreadyExisted },
    });
  });
  return 'created';
}

/**
 * Cancels the order's entitlement with the customer-cancelled reason pair (docs/partners/opentv.md#update-and-cancel),
 * then, in the transaction that records it, enqueues the cancelled order's refund.
 * An entitlement OpenTV never created needs no cancelling; the client says `absent` only when
 * OpenTV's tenant answers (docs/partners/opentv.md#tenant-404). An unknown tenant throws a
 * retryable OpenTvTenantError: nothing is recorded, the job tries again.
 */
export async function cancelOrderEntitlement(
  orderId: string,
  call: { correlationId?: string } = {},
): Promise<'cancelled' | 'absent'> {
  const db = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new Error(`no order ${orderId}`);
  const entitlementId = order.entitlementId ?? entitlementIdForOrder(orderId);
  const { outcome } = await openTvClient().cancelEntitlement(entitlementId, CUSTOMER_CANCELLED, {
    correlationId: call.correlationId,
    orderId,
  });
  await db.transaction(async (tx) => {
    await tx
      .update(orders)
      .set({
        entitlementStatus: outcome === 'cancelled' ? 'CANCELLED' : order.entitlementStatus,
        activationUrl: null,
        updatedAt: new Date(),
      })
      .where(eq(orders.id, orderId));
    await recordOrderNote(tx, {
      orderId,
      state: order.state,
      cause: outcome === 'cancelled' ? 'opentv.entitlement_cancelled' : 'opentv.entitlement_absent',
      detail: { entitlementId, reason: CUSTOMER_CANCELLED },
    });
    // docs/refund-policy.md#refunds: the money goes back once the access has ended (a no-op for
    // an order whose refund was enqueued already, with its cancel, before this rule).
    if (order.state === 'CANCELLED') await refundJob.enqueue(tx, { orderId });
  });
  return outcome;
}
