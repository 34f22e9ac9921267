import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { orderEvents, orders, sandboxOpentvEntitlements } from '@/lib/db/schema';
import { pollPendingEntitlements } from './entitlement-status';
import {
  app,
  db,
  orderRow,
  pendingOrder,
  persona,
  signed,
  setUpOrderLifecycleTests,
} from '@/test/support/order-lifecycle';
import { activateAsStaff } from '@/test/support/staff';

/** Entitlement status without the webhook: the poll reads OpenTV back; a late ACTIVE never revives an ended entitlement. */

setUpOrderLifecycleTests();

describe('entitlement status without the webhook (the poll)', () => {
  /** A signed ACTIVE event for the order's entitlement, as OpenTV would send it (late). */
  const lateActive = (id: string) =>
    signed({
      entitlementId: `ent-${id}`,
      accountId: persona.opentvAccountId,
      productId: 'hotstar_SUPER_MONTHLY',
      status: 'ACTIVE',
      occurredAt: new Date().toISOString(),
    });
  /** OpenTV activates the entitlement on its side; no webhook is sent. */
  const activateAtOpenTvOnly = (orderId: string) =>
    db()
      .update(sandboxOpentvEntitlements)
      .set({ status: 'ACTIVE' })
      .where(eq(sandboxOpentvEntitlements.id, `ent-${orderId}`));
  const activations = (orderId: string) =>
    db()
      .select()
      .from(orderEvents)
      .where(
        and(
          eq(orderEvents.orderId, orderId),
          eq(orderEvents.fromState, 'CONFIRMED'),
          eq(orderEvents.toState, 'ACTIVE'),
        ),
      );

  it('PENDING → ACTIVE read back from OpenTV; the webhook arriving later changes nothing more', async () => {
    const { id } = await pendingOrder();
    expect(await pollPendingEntitlements()).not.toContain(id); // still PENDING at OpenTV
    await activateAtOpenTvOnly(id);
    expect(await pollPendingEntitlements()).toContain(id);
    expect(await orderRow(id)).toMatchObject({ state: 'ACTIVE', entitlementStatus: 'ACTIVE', activationUrl: null });
    expect(await pollPendingEntitlements()).not.toContain(id);
    const late = await lateActive(id);
    expect(late.status).toBe(200);
    expect(await activations(id)).toHaveLength(1);
  });

  it('the webhook first, then the poll: one activation', async () => {
    const { id } = await pendingOrder();
    const res = await activateAsStaff(app().url, `ent-${id}`);
    expect(await res.json()).toMatchObject({ webhookDelivered: true });
    expect(await pollPendingEntitlements()).not.toContain(id);
    expect(await activations(id)).toHaveLength(1);
  });

  for (const ended of ['CANCELLED', 'REVOKED'] as const) {
    it(`a late ACTIVE never revives a ${ended} entitlement (webhook and poll)`, async () => {
      const { id } = await pendingOrder();
      await db().update(orders).set({ entitlementStatus: ended }).where(eq(orders.id, id));
      await activateAtOpenTvOnly(id);
      expect(await pollPendingEntitlements()).not.toContain(id);
      const late = await signed({
        entitlementId: `ent-${id}`,
        accountId: persona.opentvAccountId,
        productId: 'hotstar_SUPER_MONTHLY',
        status: 'ACTIVE',
        occurredAt: new Date().toISOString(),
      });
      expect(late.status).toBe(200);
      expect(await orderRow(id)).toMatchObject({ state: 'CONFIRMED', entitlementStatus: ended });
      expect(await activations(id)).toHaveLength(0);
    });
  }
});
