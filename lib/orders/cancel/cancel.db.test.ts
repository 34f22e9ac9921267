import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { sandboxFlexitiAuthorizations, sandboxOpentvEntitlements } from '@/lib/db/schema';
import { runHealthChecks } from '@/lib/ops/health';
import { setSandboxOptions } from '@/test/support/sandbox';
import { advanceClock } from '@/test/support/sandbox';
import { cancelOrder } from './cancel';
import { entitlementJobKey } from '../jobs/entitlement';
import { fulfilOrder } from '../fulfilment/complete';
import {
  DAY,
  causesOf,
  customerFor,
  db,
  drain,
  entitlementAtOpenTv,
  jobsOf,
  omsEvents,
  orderRow,
  pendingOrder,
  returnedAtFlexiti,
  setUpOrderLifecycleTests,
} from '@/test/support/order-lifecycle';

/** Cancellation inside the return window against the sandboxes: entitlement cancelled, money returned, ORDER_CANCELLED reported. */

setUpOrderLifecycleTests();

describe('cancellation inside the return window', () => {
  it('cancels the entitlement, returns the capture and reports ORDER_CANCELLED with the amount returned', async () => {
    const { id, customerId, product } = await pendingOrder({ payment: 'captured' });
    const result = await cancelOrder(customerId, id);
    expect(result).toEqual({ ok: true, alreadyCancelled: false });

    expect(await entitlementAtOpenTv(id)).toMatchObject({
      status: 'CANCELLED',
      cancelReasonCategory: 'CUSTOMER_CANCELLED',
      cancelReasonCode: 'CUSTOMER_CANCELLED',
    });
    const order = await orderRow(id);
    expect(order).toMatchObject({
      state: 'CANCELLED',
      refundedCents: product.priceCents,
      entitlementStatus: 'CANCELLED',
    });
    expect(await returnedAtFlexiti(order.captureId)).toBe(product.priceCents);
    const states = (await omsEvents(id)).map((e) => [e.orderState, e.reverseTransaction]);
    expect(states).toEqual([
      ['ORDER_CONFIRMED', 0],
      ['ORDER_CANCELLED', product.priceCents / 100],
    ]);
    // The scheduled fulfilment was neutralised in the cancel's transaction.
    expect((await jobsOf(id)).find((j) => j.dedupeKey === `fulfil:${id}`)).toMatchObject({
      status: 'done',
      attempts: 0,
    });

    // Past the window nothing more reaches OMS, and a second cancel changes nothing.
    await advanceClock(db(), (getConfig().returnWindowDays + 1) * DAY);
    await drain();
    expect(await fulfilOrder(id)).toEqual({ kind: 'cancelled' });
    expect(await cancelOrder(customerId, id)).toEqual({ ok: true, alreadyCancelled: true });
    expect((await omsEvents(id)).map((e) => e.orderState)).toEqual(['ORDER_CONFIRMED', 'ORDER_CANCELLED']);
    expect((await orderRow(id)).state).toBe('CANCELLED');
  });

  it('releases an authorization that was never captured', async () => {
    const { id, customerId, product } = await pendingOrder({ payment: 'authorized' });
    expect(await cancelOrder(customerId, id)).toMatchObject({ ok: true });
    const order = await orderRow(id);
    const [auth] = await db()
      .select()
      .from(sandboxFlexitiAuthorizations)
      .where(eq(sandboxFlexitiAuthorizations.id, Number(order.authorizationId)));
    expect(auth).toMatchObject({ status: 'released', releasedCents: product.priceCents });
    expect((await omsEvents(id)).at(-1)).toMatchObject({
      orderState: 'ORDER_CANCELLED',
      reverseTransaction: product.priceCents / 100,
    });
  });

  it("refuses another customer's order, as if it did not exist", async () => {
    const { id } = await pendingOrder();
    const stranger = await customerFor('new');
    expect(await cancelOrder(stranger, id)).toMatchObject({ ok: false, reason: 'not_found' });
    expect((await orderRow(id)).state).toBe('CONFIRMED');
  });

  it('a wrong OpenTV tenant: the entitlement cancel waits (retryable), no refund, nothing says access ended, /ops/health is red', async () => {
    const { id, customerId } = await pendingOrder({ payment: 'captured' });
    // docs/partners/opentv.md#tenant-404: OpenTV answers 404 "tenant does not exist" to everything.
    await setSandboxOptions(db(), 'opentv', { tenant: 'unknown' });
    try {
      expect(await cancelOrder(customerId, id)).toMatchObject({ ok: true });
      const job = (await jobsOf(id)).find((j) => j.dedupeKey === entitlementJobKey(id, 'cancel'));
      expect(job).toMatchObject({ status: 'pending', attempts: 1 });
      expect(job!.lastError).toContain('OPENTV_TENANT_ID');
      // Not recorded as cancelled nor as absent: the access is still live at OpenTV.
      expect((await orderRow(id)).entitlementStatus).toBe('PENDING');
      const causes = await causesOf(id);
      expect(causes).not.toContain('opentv.entitlement_absent');
      expect(causes).not.toContain('opentv.entitlement_cancelled');
      expect(await entitlementAtOpenTv(id)).toMatchObject({ status: 'PENDING' });
      // No refund as if the access had ended: nothing returned, no refund job yet.
      expect((await orderRow(id)).refundedCents).toBe(0);
      expect((await jobsOf(id)).some((j) => j.kind === 'order.refund')).toBe(false);
      const health = (await runHealthChecks()).checks.find((c) => c.id === 'opentv');
      expect(health).toMatchObject({ ok: false });
      expect(health!.detail).toContain(`tenant "${getConfig().opentv.tenantId}"`);
    } finally {
      await setSandboxOptions(db(), 'opentv', { tenant: null });
    }
    // The setting fixed, the job's next try ends the access; health is green again.
    await drain(new Date(Date.now() + DAY));
    expect(await entitlementAtOpenTv(id)).toMatchObject({ status: 'CANCELLED' });
    expect((await orderRow(id)).entitlementStatus).toBe('CANCELLED');
    // The access ended: now the refund goes out.
    await drain(new Date(Date.now() + DAY));
    expect((await orderRow(id)).refundedCents).toBeGreaterThan(0);
    expect((await runHealthChecks()).checks.find((c) => c.id === 'opentv')).toMatchObject({ ok: true });
  });

  it('the right tenant and an entitlement OpenTV does not have: "absent", as before', async () => {
    const { id, customerId } = await pendingOrder();
    // Gone at OpenTV (deleted there by an operator): the cancel's 404 is about the entitlement.
    await db()
      .delete(sandboxOpentvEntitlements)
      .where(eq(sandboxOpentvEntitlements.id, `ent-${id}`));
    expect(await cancelOrder(customerId, id)).toMatchObject({ ok: true });
    const causes = await causesOf(id);
    expect(causes).toContain('opentv.entitlement_absent');
    expect((await jobsOf(id)).find((j) => j.dedupeKey === entitlementJobKey(id, 'cancel'))).toMatchObject({
      status: 'done',
    });
  });
});
