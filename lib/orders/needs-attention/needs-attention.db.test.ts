import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getConfig } from '@/lib/config';
import { outboxJobs, sandboxFlexitiAuthorizations, sandboxFlexitiCaptures } from '@/lib/db/schema';
import { countNeedsAttention, listNeedsAttention } from '@/lib/ops/needs-attention';
import { FlexitiClient } from '@/lib/partners/flexiti';
import { checkoutHelpers } from '@/test/support/checkout';
import { clearForcedError, forceError, queueFaults } from '@/test/support/sandbox';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { handleWidgetEvent } from '../checkout';
import { tryJobsNow } from '@/lib/outbox';
import { reconcilePayment } from '../payment/reconcile';
import { confirmWithAuthorization, failAndGiveBack, raiseNeedsAttention, refundOrder, retryOrder } from './index';

/**
 * What software cannot decide goes to a person (DESIGN "A person for what software cannot
 * decide"): raised once with a warn line and counted, shown with its evidence, and resolved by a
 * staff action that the customer's order then shows.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const { newCustomer, byAccount, widget, started, orderRow, causes } = checkoutHelpers(() => app);
const STAFF = 'demo';

/** Flexiti took the money, its answer was lost, and Flexiti cannot be read: PAYMENT_VERIFYING. */
async function unreadablePayment() {
  const c = await newCustomer();
  const r = await started(c, byAccount('20009100'));
  const event = await widget(r.redirectionUrl, 'verified-purchase');
  await queueFaults(app.open.db, {
    partner: 'flexiti',
    match: '/authorization$',
    method: 'POST',
    mode: 'lost',
    status: 503,
  });
  await queueFaults(app.open.db, { partner: 'flexiti', match: '/authorizations$', mode: 'refuse', times: 3 });
  expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({ kind: 'verifying' });
  // Its own reconciliation job is out of the way: these tests decide when things run.
  await app.open.db.update(outboxJobs).set({ status: 'done' }).where(eq(outboxJobs.orderId, r.orderId));
  return r.orderId;
}

const afterWindow = () => new Date(Date.now() + getConfig().payments.notFoundAfterMs + 61_000);
const authorizationAt = async (orderId: string) =>
  (
    await app.open.db
      .select()
      .from(sandboxFlexitiAuthorizations)
      .where(eq(sandboxFlexitiAuthorizations.reference, orderId))
  )[0]!;
async function keptCents(orderId: string) {
  const a = await authorizationAt(orderId);
  const captures = await app.open.db
    .select()
    .from(sandboxFlexitiCaptures)
    .where(eq(sandboxFlexitiCaptures.authorizationId, a.id));
  return captures.reduce((n, c) => n + c.amountCents - c.returnedCents, 0);
}

describe('needs attention: a payment still unsettled after the automatic window', () => {
  it('is raised once, a minute after the not-found deadline, with a warn line and the count; listed with its evidence', async () => {
    const orderId = await unreadablePayment();
    expect((await raiseNeedsAttention()).raised).not.toContain(orderId); // still inside the window
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const before = await countNeedsAttention(app.open.db);
    expect((await raiseNeedsAttention({ now: afterWindow() })).raised).toContain(orderId);
    expect(warn.mock.calls.flat().join(' ')).toContain(orderId);
    warn.mockRestore();
    expect(await countNeedsAttention(app.open.db)).toBe(before + 1);
    expect((await raiseNeedsAttention({ now: afterWindow() })).raised).not.toContain(orderId); // once
    expect(await orderRow(orderId)).toMatchObject({ state: 'PAYMENT_VERIFYING', attentionReason: 'payment_unsettled' });

    const row = (await listNeedsAttention(app.open.db)).find((x) => x.order.id === orderId)!;
    expect(row.events.map((e) => e.cause)).toEqual(
      expect.arrayContaining([
        'flexiti.authorization_requested',
        'flexiti.reconcile_lookup_failed',
        'attention.raised',
      ]),
    );
    expect(row.calls.map((c) => `${c.operation} ${c.status ?? 'none'}`)).toEqual(
      expect.arrayContaining(['authorize 503', 'listAuthorizations 503']),
    );
    expect(row.jobs.map((j) => j.kind)).toContain('flexiti.reconcile');
  });

  it('confirm: an id Flexiti does not hold for the order is refused; the one it holds → CONFIRMED, resolved, shown to the customer', async () => {
    const orderId = await unreadablePayment();
    await raiseNeedsAttention({ now: afterWindow() });
    expect(await confirmWithAuthorization(orderId, '999999999', STAFF)).toEqual({
      ok: false,
      reason: 'unknown_authorization',
    });
    expect(await orderRow(orderId)).toMatchObject({ state: 'PAYMENT_VERIFYING', attentionReason: 'payment_unsettled' });

    const held = await authorizationAt(orderId);
    expect(await confirmWithAuthorization(orderId, String(held.id), STAFF)).toEqual({ ok: true, outcome: 'confirmed' });
    expect(await orderRow(orderId)).toMatchObject({
      state: 'CONFIRMED',
      authorizationId: String(held.id),
      attentionReason: null,
      attentionSince: null,
    });
    expect(await causes(orderId)).toEqual(
      expect.arrayContaining([
        'PAYMENT_VERIFYING>CONFIRMED staff.payment_confirmed',
        'CONFIRMED>CONFIRMED attention.resolved',
      ]),
    );
    expect((await listNeedsAttention(app.open.db)).map((x) => x.order.id)).not.toContain(orderId);
  });

  it('fail: PAYMENT_FAILED, and the money Flexiti holds is given back with a note', async () => {
    const orderId = await unreadablePayment();
    await raiseNeedsAttention({ now: afterWindow() });
    expect(await keptCents(orderId)).toBeGreaterThan(0);
    expect(await failAndGiveBack(orderId, STAFF, 'customer called, wants no plan')).toEqual({
      ok: true,
      outcome: 'failed, 1 given back',
    });
    expect(await orderRow(orderId)).toMatchObject({ state: 'PAYMENT_FAILED', attentionReason: null });
    expect(await keptCents(orderId)).toBe(0);
    expect(await causes(orderId)).toEqual(
      expect.arrayContaining([
        'PAYMENT_VERIFYING>PAYMENT_FAILED staff.payment_failed',
        'PAYMENT_FAILED>PAYMENT_FAILED flexiti.orphan_returned',
        'PAYMENT_FAILED>PAYMENT_FAILED attention.resolved',
      ]),
    );
  });

  it('retry: looked up again and decided now; settled by software meanwhile, it leaves the list by itself', async () => {
    const retried = await unreadablePayment();
    await raiseNeedsAttention({ now: afterWindow() });
    expect(await retryOrder(retried, STAFF)).toEqual({ ok: true, outcome: 'payment: confirmed' });
    expect(await orderRow(retried)).toMatchObject({ state: 'CONFIRMED', attentionReason: null });

    const selfSettled = await unreadablePayment();
    await raiseNeedsAttention({ now: afterWindow() });
    expect(await reconcilePayment(selfSettled)).toMatchObject({ kind: 'confirmed' });
    expect((await raiseNeedsAttention({ now: afterWindow() })).cleared).toContain(selfSettled);
    expect(await causes(selfSettled)).toContain('CONFIRMED>CONFIRMED attention.cleared');
  });
});

describe('needs attention: a step that failed for good, a mismatch with Flexiti', () => {
  it('a dead job is raised; a retry that fails again keeps it listed; refund cancels the paid order and returns the money', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    // OpenTV refuses our token for good on the create (a 403 after the retry with a new token):
    // configuration, for a person. (A purchase OpenTV refuses, a 400, is refunded by itself:
    // docs/refund-policy.md#undeliverable.)
    const refuse = () =>
      forceError(
        app.open.db,
        'opentv',
        { id: 'forbidden', label: '403', status: 403, body: { code: 'FORBIDDEN' }, match: 'entitlement' },
        5,
      );
    await refuse();
    expect(await handleWidgetEvent(c, r.orderId, await widget(r.redirectionUrl, 'verified-purchase'))).toMatchObject({
      kind: 'paid',
    });
    const entitlementJob = async () =>
      (
        await app.open.db
          .select()
          .from(outboxJobs)
          .where(and(eq(outboxJobs.orderId, r.orderId), eq(outboxJobs.kind, 'opentv.entitlement')))
      )[0]!;
    await tryJobsNow([(await entitlementJob()).id]);
    expect((await entitlementJob()).status).toBe('dead');
    expect((await raiseNeedsAttention()).raised).toContain(r.orderId);
    expect((await orderRow(r.orderId)).attentionReason).toBe('job_dead');

    await refuse();
    expect(await retryOrder(r.orderId, STAFF)).toMatchObject({ ok: false, reason: 'not_settled' });
    await clearForcedError(app.open.db, 'opentv');
    expect((await entitlementJob()).status).toBe('dead');
    expect((await orderRow(r.orderId)).attentionReason).toBe('job_dead');

    expect(await refundOrder(r.orderId, STAFF)).toEqual({ ok: true, outcome: 'cancelled and refunded' });
    expect(await orderRow(r.orderId)).toMatchObject({ state: 'CANCELLED', attentionReason: null });
    expect(await keptCents(r.orderId)).toBe(0);
  });

  it('a paid order whose capture Flexiti no longer holds is raised as a mismatch when it is reconciled', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    await handleWidgetEvent(c, r.orderId, await widget(r.redirectionUrl, 'verified-purchase'));
    const order = await orderRow(r.orderId);
    expect(order.state).toBe('CONFIRMED');
    const { baseUrl, clientId, clientSecret } = getConfig().flexiti;
    await new FlexitiClient({ baseUrl, clientId, clientSecret }).returnCapture({
      authorizationId: order.authorizationId!,
      captureId: order.captureId!,
      full: true,
    });
    await reconcilePayment(r.orderId);
    expect((await orderRow(r.orderId)).attentionReason).toBe('partner_mismatch');
    expect(await causes(r.orderId)).toContain('CONFIRMED>CONFIRMED attention.raised');
  });
});
