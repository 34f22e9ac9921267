import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import {
  checkoutFlows,
  orderEvents,
  outboxJobs,
  products,
  sandboxFlexitiAuthorizations,
  sandboxFlexitiTokens,
} from '@/lib/db/schema';
import { FlexitiClient } from '@/lib/partners/flexiti';
import type { FlexitiWidgetEvent } from '@/lib/partners/flexiti';
import { advanceClock, forceError, queueFaults, setSandboxOptions } from '@/test/support/sandbox';
import { checkoutHelpers } from '@/test/support/checkout';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { handleWidgetEvent, startCheckout } from './index';
import { reconcilePayment } from '../payment/reconcile';
import { spokenOrderId } from '../order-id';
import { newFlexitiAccountFor } from '../queries';

/**
 * The checkout service against the Flexiti sandbox over HTTP (docs/partners/flexiti.md#widget-fields, #widget-events, #transactions): one open
 * order per customer and product, the next step (docs/partners/flexiti.md#next-step) run on the server, and only a successful
 * `/authorization` confirming an order.
 */

let current: TestApp;
const app = () => current;

beforeAll(async () => {
  current = await startTestApp();
});
afterAll(async () => current?.close());

const { newCustomer, applicant, byAccount, widget, started, orderRow, causes, flowRow, callsOf } = checkoutHelpers(app);

/** The order's payment reconciliation job (queued with the intent, before `/authorization`). */
const reconcileJob = async (orderId: string) => {
  const [job] = await app()
    .open.db.select()
    .from(outboxJobs)
    .where(eq(outboxJobs.dedupeKey, `reconcile:${orderId}`));
  return job!;
};

// eslint-disable-next-line max-lines-per-function -- a describe block whose tests share one database setup
describe('handleWidgetEvent (next step on the server)', () => {
  it('verified purchase → /authorization with auto_capture → CONFIRMED with ids; every call tied to the order', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const outcome = await handleWidgetEvent(c, r.orderId, await widget(r.redirectionUrl, 'verified-purchase'));
    expect(outcome).toEqual({ kind: 'paid', orderId: r.orderId });
    const order = await orderRow(r.orderId);
    expect(order.state).toBe('CONFIRMED');
    expect(order.authorizationId).toBeTruthy();
    expect(order.captureId).toBeTruthy();
    expect(order.flexitiAccountNumber).toBe('20009100');
    // The row keeps the number (reconciliation looks payments up by it); the events show its last four only.
    const events = await app().open.db.select().from(orderEvents).where(eq(orderEvents.orderId, r.orderId));
    expect(JSON.stringify(events.map((e) => e.detail))).not.toContain('20009100');
    expect(events.find((e) => e.cause === 'flexiti.authorization_requested')?.detail).toMatchObject({
      accountNumber: '••••9100',
    });
    // (Fulfilment may add its own events after these.)
    // The intent is recorded (its own transaction) before `/authorization` is sent.
    expect((await causes(r.orderId)).slice(0, 5)).toEqual([
      '->PENDING_PAYMENT checkout.started',
      'PENDING_PAYMENT>PENDING_PAYMENT flexiti.widget_opened',
      'PENDING_PAYMENT>PENDING_PAYMENT flexiti.widget_success',
      'PENDING_PAYMENT>PAYMENT_VERIFYING flexiti.authorization_requested',
      'PAYMENT_VERIFYING>CONFIRMED flexiti.authorized',
    ]);
    // Token and form (PII) are forgotten once the order is no longer open.
    expect(await flowRow(r.orderId)).toMatchObject({ accessToken: null, form: null });

    const calls = await callsOf(r.orderId);
    expect(calls.map((x) => `${x.operation} ${x.status}`)).toEqual(['widgetInit 200', 'authorize 200']);
    expect(new Set(calls.map((x) => x.correlationId)).size).toBe(1);
    const authBody = calls[1]!.request as { body?: Record<string, unknown> } | Record<string, unknown>;
    expect(JSON.stringify(authBody)).toContain(`"reference":"${r.orderId}"`);
    expect(JSON.stringify(authBody)).toContain('"auto_capture":true');
    // The amount Flexiti is asked for is the product's price (dollars on the wire).
    const [product] = await app().open.db.select().from(products).where(eq(products.slug, 'premium-monthly'));
    expect((authBody as { body: { amount: number } }).body.amount).toBe(product!.priceCents / 100);
    expect(order.amountCents).toBe(product!.priceCents);
    // For the closing note: the redacted call log of one paid checkout.
    console.log(
      'integration_calls of one paid checkout:\n' +
        JSON.stringify(
          calls.map(({ id: _id, createdAt: _c, latencyMs: _l, ...row }) => row),
          null,
          2,
        ),
    );
    // No access token the sandbox issued appears in the log.
    const logged = JSON.stringify(calls);
    const issued = await app().open.db.select().from(sandboxFlexitiTokens);
    expect(issued.length).toBeGreaterThan(0);
    for (const t of issued) expect(logged).not.toContain(t.accessToken);
  });

  it('a definite answer settles the reconciliation unrun: no look-up ever follows a payment Flexiti confirmed or refused', async () => {
    const c = await newCustomer();
    const paid = await started(c, byAccount('20009100'));
    await handleWidgetEvent(c, paid.orderId, await widget(paid.redirectionUrl, 'verified-purchase'));
    expect(await reconcileJob(paid.orderId)).toMatchObject({ status: 'done', attempts: 0 });

    const c2 = await newCustomer();
    const refused = await started(c2, byAccount('20009102'));
    const outcome = await handleWidgetEvent(
      c2,
      refused.orderId,
      await widget(refused.redirectionUrl, 'verified-purchase'),
    );
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(await reconcileJob(refused.orderId)).toMatchObject({ status: 'done', attempts: 0 });
    expect((await callsOf(refused.orderId)).map((x) => x.operation)).not.toContain('listAuthorizations');
  });

  it('a replayed success after payment does not authorize twice', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    const [first, second] = await Promise.all([
      handleWidgetEvent(c, r.orderId, event),
      handleWidgetEvent(c, r.orderId, event),
    ]);
    const kinds = [first.kind, second.kind];
    expect(kinds).toContain('paid');
    // The other one did not act: it found the claim taken, or (PostgreSQL runs the two at once)
    // read the order while the first was verifying or after it was paid.
    expect(kinds.filter((k) => k !== 'paid').every((k) => k === 'stale' || k === 'verifying')).toBe(true);
    expect(await handleWidgetEvent(c, r.orderId, event)).toEqual({ kind: 'paid', orderId: r.orderId });
    expect((await callsOf(r.orderId)).filter((x) => x.operation === 'authorize')).toHaveLength(1);
  });

  it('never takes the browser’s word: a forged verified success is refused by /authorization → PAYMENT_FAILED', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const order = await orderRow(r.orderId);
    const forged: FlexitiWidgetEvent = {
      eventType: 'flx-success',
      eventData: {
        accountNumber: 20009100,
        verified: true,
        action: 'purchase',
        mfaOptionSelected: 'sms',
        widget_session_id: order.widgetSessionId!,
        customerId: '1000100-20009',
        accountType: 'consumer',
      },
    };
    const outcome = await handleWidgetEvent(c, r.orderId, forged);
    expect(outcome.kind).toBe('failed');
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_FAILED');
  });

  it('unverified purchase → PAYMENT_FAILED, apply offered; the next try is a new order', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const outcome = await handleWidgetEvent(c, r.orderId, await widget(r.redirectionUrl, 'unverified-purchase'));
    expect(outcome).toMatchObject({ kind: 'failed', offer: 'apply' });
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_FAILED');
    expect((await callsOf(r.orderId)).map((x) => x.operation)).toEqual(['widgetInit']);
    const next = await started(c, byAccount('20009100'));
    expect(next.orderId).not.toBe(r.orderId);
  });

  it('credit_exceeded at /authorization → PAYMENT_FAILED with a plain message', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009102'));
    const outcome = await handleWidgetEvent(c, r.orderId, await widget(r.redirectionUrl, 'verified-purchase'));
    expect(outcome).toMatchObject({ kind: 'failed', message: expect.stringContaining('available credit') });
    expect(await causes(r.orderId)).toContain('PAYMENT_VERIFYING>PAYMENT_FAILED flexiti.authorize_declined');
  });

  it('apply approved (PIN 2222) → /apply then /authorization → CONFIRMED', async () => {
    const c = await newCustomer();
    const r = await started(c, applicant('1991-01-02'));
    const outcome = await handleWidgetEvent(c, r.orderId, await widget(r.redirectionUrl, 'apply-approved', '2222'));
    expect(outcome).toEqual({ kind: 'paid', orderId: r.orderId });
    expect((await callsOf(r.orderId)).map((x) => `${x.operation} ${x.status}`)).toEqual([
      'widgetInit 200',
      'apply 200',
      'authorize 200',
    ]);
    const account = (await orderRow(r.orderId)).flexitiAccountNumber!;
    expect(account).toMatch(/^3\d+$/);
    // The order page's "Flexiti opened your new account ••••1234 with $1,500.00": the last four
    // digits and the limit, from the history (which never holds the whole number).
    expect(await newFlexitiAccountFor(r.orderId)).toEqual({ last4: account.slice(-4), creditLimitCents: 150_000 });
    const events = await app().open.db.select().from(orderEvents).where(eq(orderEvents.orderId, r.orderId));
    expect(JSON.stringify(events.map((e) => e.detail))).not.toContain(account);
  });

  it('apply declined → PAYMENT_FAILED, the purchase route offered, no authorization', async () => {
    const c = await newCustomer();
    const r = await started(c, applicant('1991-01-03'));
    const outcome = await handleWidgetEvent(c, r.orderId, await widget(r.redirectionUrl, 'apply-declined', '2222'));
    expect(outcome).toMatchObject({ kind: 'failed', offer: 'purchase' });
    expect((await callsOf(r.orderId)).map((x) => `${x.operation} ${x.status}`)).toEqual([
      'widgetInit 200',
      'apply 409',
    ]);
  });

  it('cancel keeps the order open (reused next time) and records the cancel', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    expect(await handleWidgetEvent(c, r.orderId, await widget(r.redirectionUrl, 'cancel'))).toMatchObject({
      kind: 'cancelled',
    });
    expect((await orderRow(r.orderId)).state).toBe('PENDING_PAYMENT');
    expect(await causes(r.orderId)).toContain('PENDING_PAYMENT>PENDING_PAYMENT flexiti.cancelled');
    const again = await started(c, byAccount('20009100'));
    expect(again.orderId).toBe(r.orderId);
    // The new widget session can be paid.
    const paid = await handleWidgetEvent(c, r.orderId, await widget(again.redirectionUrl, 'verified-purchase'));
    expect(paid.kind).toBe('paid');
  });

  it('activation needed → the activation link, order still open', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009104'));
    const outcome = await handleWidgetEvent(c, r.orderId, await widget(r.redirectionUrl, 'activation'));
    expect(outcome).toMatchObject({ kind: 'activation', url: 'https://my.flexiti.com/index' });
    expect((await orderRow(r.orderId)).state).toBe('PENDING_PAYMENT');
  });

  it('derogatory → PAYMENT_FAILED; failure → PAYMENT_FAILED with a reference a customer can read to support', async () => {
    const c = await newCustomer();
    const d = await started(c, byAccount('20009103'));
    expect(await handleWidgetEvent(c, d.orderId, await widget(d.redirectionUrl, 'derogatory'))).toMatchObject({
      kind: 'failed',
    });
    const f = await started(c, byAccount('20009100'));
    const outcome = await handleWidgetEvent(c, f.orderId, await widget(f.redirectionUrl, 'failure'));
    expect(outcome).toMatchObject({ kind: 'failed', referenceId: f.referenceId });
    // The order id in two groups of five, not Flexiti's 32-character reference (kept for ops).
    const message = (outcome as { message: string }).message;
    expect(message).toContain(spokenOrderId(f.orderId));
    expect(message).not.toContain(f.referenceId);
  });

  it('an answer for a replaced widget session (older tab) changes nothing', async () => {
    const c = await newCustomer();
    const first = await started(c, byAccount('20009100'));
    const oldEvent = await widget(first.redirectionUrl, 'verified-purchase');
    await started(c, byAccount('20009100')); // a second tab opened a new widget
    expect((await handleWidgetEvent(c, first.orderId, oldEvent)).kind).toBe('stale');
    expect((await orderRow(first.orderId)).state).toBe('PENDING_PAYMENT');
  });

  it('another customer cannot act on the order', async () => {
    const owner = await newCustomer();
    const other = await newCustomer();
    const r = await started(owner, byAccount('20009100'));
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    expect((await handleWidgetEvent(other, r.orderId, event)).kind).toBe('not_found');
    expect((await orderRow(r.orderId)).state).toBe('PENDING_PAYMENT');
  });

  it('the flow token is pinned: another instance (its own token cache) still authorizes the flow', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    const { baseUrl, clientId, clientSecret } = getConfig().flexiti;
    const otherInstance = new FlexitiClient({ baseUrl, clientId, clientSecret });
    expect(await handleWidgetEvent(c, r.orderId, event, { client: otherInstance })).toEqual({
      kind: 'paid',
      orderId: r.orderId,
    });
  });

  it('without the pinned token the sandbox would refuse (the failing case of the rule above)', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    await app().open.db.update(checkoutFlows).set({ accessToken: null }).where(eq(checkoutFlows.orderId, r.orderId));
    const { baseUrl, clientId, clientSecret } = getConfig().flexiti;
    const otherInstance = new FlexitiClient({ baseUrl, clientId, clientSecret });
    expect((await handleWidgetEvent(c, r.orderId, event, { client: otherInstance })).kind).toBe('failed');
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_FAILED');
  });

  it('a 503 from /authorization is not a failure: PAYMENT_VERIFYING, no second charge, failed only once Flexiti has nothing', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    await forceError(
      app().open.db,
      'flexiti',
      { id: 'test-503', label: '503', status: 503, body: { error: 'service_unavailable' }, match: '/authorization' },
      1,
    );
    const outcome = await handleWidgetEvent(c, r.orderId, event);
    expect(outcome).toMatchObject({ kind: 'verifying', message: expect.stringContaining('not be charged twice') });
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_VERIFYING');
    // Asked once (never repeated), then looked up by our reference.
    expect((await callsOf(r.orderId)).map((x) => `${x.operation} ${x.status}`)).toEqual([
      'widgetInit 200',
      'authorize 503',
      'listAuthorizations 200',
    ]);
    // Not definite: the reconciliation stays queued and keeps asking.
    expect((await reconcileJob(r.orderId)).status).toBe('pending');
    // No second checkout for the plan while the payment is being confirmed.
    expect(await startCheckout(c, 'premium-monthly', byAccount('20009100'))).toMatchObject({
      ok: false,
      kind: 'verifying',
      orderId: r.orderId,
    });
    // Still nothing at Flexiti after the configured time: the payment failed, nothing charged.
    expect(await reconcilePayment(r.orderId, { notFoundAfter: new Date(Date.now() - 1) })).toEqual({ kind: 'failed' });
    const order = await orderRow(r.orderId);
    expect(order.state).toBe('PAYMENT_FAILED');
    expect(order.failureReason).toContain('nothing was charged');
    expect(await causes(r.orderId)).toEqual(
      expect.arrayContaining([
        'PAYMENT_VERIFYING>PAYMENT_VERIFYING flexiti.authorization_outcome_unknown',
        'PAYMENT_VERIFYING>PAYMENT_VERIFYING flexiti.reconcile_lookup',
        'PAYMENT_VERIFYING>PAYMENT_FAILED flexiti.reconciled_not_found',
      ]),
    );
  });
});

describe('a flow that outlives its token (docs/partners/flexiti.md#flow-token)', () => {
  const db = () => app().open.db;
  const runOut = (orderId: string) =>
    db()
      .update(checkoutFlows)
      .set({ tokenExpiresAt: new Date(Date.now() - 1_000) })
      .where(eq(checkoutFlows.orderId, orderId));
  const authorizationsFor = (reference: string) =>
    db().select().from(sandboxFlexitiAuthorizations).where(eq(sandboxFlexitiAuthorizations.reference, reference));

  it("keeps the token's life with the flow and tells the browser how long is left", async () => {
    await setSandboxOptions(db(), 'flexiti', { customerTokenSeconds: 8 });
    try {
      const before = Date.now();
      const r = await started(await newCustomer(), byAccount('20009100'));
      expect(r.tokenExpiresInMs).toBeGreaterThan(5_000);
      expect(r.tokenExpiresInMs).toBeLessThanOrEqual(8_000);
      const expiresAt = (await flowRow(r.orderId)).tokenExpiresAt!.getTime();
      expect(expiresAt).toBeGreaterThanOrEqual(before + 8_000 - 1_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 8_000);
    } finally {
      await setSandboxOptions(db(), 'flexiti', { customerTokenSeconds: null });
    }
  });

  it('a success after the token ran out asks Flexiti nothing: timed out, order open, and starting again pays', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    await runOut(r.orderId);
    const outcome = await handleWidgetEvent(c, r.orderId, event);
    expect(outcome).toMatchObject({ kind: 'expired', orderId: r.orderId });
    expect((outcome as { message: string }).message).toBe(
      'This Flexiti session timed out before the payment was made. Nothing was charged. Start again to open a new Flexiti window; your details are still here.',
    );
    expect((await orderRow(r.orderId)).state).toBe('PENDING_PAYMENT');
    expect((await callsOf(r.orderId)).map((x) => x.operation)).toEqual(['widgetInit']);
    expect(await authorizationsFor(r.orderId)).toEqual([]);
    expect(await causes(r.orderId)).toContain('PENDING_PAYMENT>PENDING_PAYMENT flexiti.flow_expired');
    expect((await flowRow(r.orderId)).accessToken).toBeNull();

    // One tap: a new flow and a new token on the same open order, and this one pays.
    const again = await started(c, byAccount('20009100'));
    expect(again.orderId).toBe(r.orderId);
    expect(again.referenceId).not.toBe(r.referenceId);
    const paid = await handleWidgetEvent(c, r.orderId, await widget(again.redirectionUrl, 'verified-purchase'));
    expect(paid).toEqual({ kind: 'paid', orderId: r.orderId });
    expect(await authorizationsFor(r.orderId)).toHaveLength(1);
  });

  it('the widget saying its session expired (a failure with status 401) is a time-out, not a failure', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const event: FlexitiWidgetEvent = {
      eventType: 'flx-failure',
      eventData: { error: 401, message: 'The session has expired' },
    };
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({ kind: 'expired' });
    expect((await orderRow(r.orderId)).state).toBe('PENDING_PAYMENT');
  });

  it('restarting after a window ran out unanswered records the time-out on the order', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    await runOut(r.orderId);
    await started(c, byAccount('20009100'));
    expect(await causes(r.orderId)).toEqual([
      '->PENDING_PAYMENT checkout.started',
      'PENDING_PAYMENT>PENDING_PAYMENT flexiti.widget_opened',
      'PENDING_PAYMENT>PENDING_PAYMENT flexiti.flow_expired',
      'PENDING_PAYMENT>PENDING_PAYMENT flexiti.widget_opened',
    ]);
  });

  it('Flexiti refusing the flow token at /authorization (401) reads "timed out", never "payment failed"', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    // Flexiti's clock is ahead of ours: its token has run out while we think it has not.
    await advanceClock(db(), 21 * 60_000);
    try {
      const outcome = await handleWidgetEvent(c, r.orderId, event);
      expect(outcome).toMatchObject({ kind: 'expired', orderId: r.orderId });
      expect((outcome as { message: string }).message).toContain('Nothing was charged');
    } finally {
      await advanceClock(db(), -21 * 60_000);
    }
    expect((await callsOf(r.orderId)).map((x) => `${x.operation} ${x.status}`)).toEqual([
      'widgetInit 200',
      'authorize 401',
    ]);
    expect(await authorizationsFor(r.orderId)).toEqual([]);
    expect(await causes(r.orderId)).toContain('PAYMENT_VERIFYING>PAYMENT_FAILED flexiti.flow_expired');
  });
});

describe('an /authorization answer nobody can read (docs/partners/flexiti.md#undocumented-bodies)', () => {
  it('is an unknown outcome: looked up by our reference at once, and the payment Flexiti took is kept', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'));
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    await queueFaults(app().open.db, {
      partner: 'flexiti',
      match: '/authorization$',
      mode: 'lost',
      status: 200,
      body: '<html>Thank you</html>',
    });
    const outcome = await handleWidgetEvent(c, r.orderId, event);
    expect(outcome.kind).not.toBe('failed');
    expect(['paid', 'verifying']).toContain(outcome.kind);
    const calls = await callsOf(r.orderId);
    const authorize = calls.find((x) => x.operation === 'authorize')!;
    expect(authorize).toMatchObject({ status: 200 });
    expect(authorize.error).toContain('unreadable_answer');
    expect(await causes(r.orderId)).toContain(
      'PAYMENT_VERIFYING>PAYMENT_VERIFYING flexiti.authorization_outcome_unknown',
    );
    expect(calls.map((x) => x.operation)).toContain('listAuthorizations');
  });
});
