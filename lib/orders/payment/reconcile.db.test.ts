import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { checkoutFlows, outboxJobs, sandboxFlexitiAuthorizations, sandboxFlexitiCaptures } from '@/lib/db/schema';
import { runJobNow } from '@/lib/outbox/run';
import { issueStaffCookie } from '@/lib/ops/staff-session';
import { DEMO_STAFF_NAME } from '@/lib/ops/staff';
import { FlexitiClient } from '@/lib/partners/flexiti';
import { queueFaults } from '@/test/support/sandbox';
import { checkoutHelpers } from '@/test/support/checkout';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { handleWidgetEvent } from '../checkout';
import { reconcileJobKey } from '../jobs/payment-reconcile';
import { reconcilePayment } from './reconcile';
import { sweepStuckPayments } from './recovery';
import { recordOrderNote, transitionOrder } from '../transitions';

/**
 * Unknown payment outcomes against the Flexiti sandbox over HTTP: the sandbox applies the
 * authorization and then loses its answer (a queued "lost" fault), and the reconciliation finds
 * it by our reference. Also the opened → capture rule and orphan money given back.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

const { newCustomer, byAccount, widget, started, orderRow, causes, flowRow, callsOf } = checkoutHelpers(() => app);

/** The sandbox's own record of the money taken for an order (by our reference). */
async function moneyAt(orderId: string) {
  const auths = await app.open.db
    .select()
    .from(sandboxFlexitiAuthorizations)
    .where(eq(sandboxFlexitiAuthorizations.reference, orderId));
  const captures = auths.length
    ? await app.open.db
        .select()
        .from(sandboxFlexitiCaptures)
        .where(eq(sandboxFlexitiCaptures.authorizationId, auths[0]!.id))
    : [];
  return {
    authorizations: auths.length,
    keptCents: captures.reduce((n, c) => n + c.amountCents - c.returnedCents, 0),
    status: auths.map((a) => a.status),
  };
}

/** A verified widget answer for a fresh checkout. */
async function verifiedCheckout(account = '20009100') {
  const c = await newCustomer();
  const r = await started(c, byAccount(account));
  return { c, r, event: await widget(r.redirectionUrl, 'verified-purchase') };
}

const lose = (body?: unknown, status = 503) =>
  queueFaults(app.open.db, {
    partner: 'flexiti',
    match: '/authorization$',
    method: 'POST',
    mode: 'lost',
    status,
    body,
  });

describe('authorization applied, answer lost', () => {
  it('a 503 after Flexiti took the money: looked up by our reference at once → CONFIRMED, charged once', async () => {
    const { c, r, event } = await verifiedCheckout();
    await lose();
    expect(await handleWidgetEvent(c, r.orderId, event)).toEqual({ kind: 'paid', orderId: r.orderId });
    const order = await orderRow(r.orderId);
    expect(order.state).toBe('CONFIRMED');
    expect(order.authorizationId).toBeTruthy();
    expect(await moneyAt(r.orderId)).toMatchObject({ authorizations: 1, keptCents: order.amountCents });
    expect(await causes(r.orderId)).toEqual(
      expect.arrayContaining([
        'PENDING_PAYMENT>PAYMENT_VERIFYING flexiti.authorization_requested',
        'PAYMENT_VERIFYING>PAYMENT_VERIFYING flexiti.authorization_outcome_unknown',
        'PAYMENT_VERIFYING>CONFIRMED flexiti.reconciled_captured',
      ]),
    );
    expect((await callsOf(r.orderId)).map((x) => `${x.operation} ${x.status}`)).toEqual([
      'widgetInit 200',
      'authorize 503',
      'listAuthorizations 200',
    ]);
    expect(await flowRow(r.orderId)).toMatchObject({ accessToken: null, form: null });
  });

  it('a 200 whose body cannot be read is unknown too, and reconciled the same way', async () => {
    const { c, r, event } = await verifiedCheckout();
    await lose('<html>upstream reset</html>', 200);
    expect(await handleWidgetEvent(c, r.orderId, event)).toEqual({ kind: 'paid', orderId: r.orderId });
    expect(await moneyAt(r.orderId)).toMatchObject({ authorizations: 1 });
  });

  it('Flexiti unreachable for the look-up too: PAYMENT_VERIFYING, then the job confirms it later', async () => {
    const { c, r, event } = await verifiedCheckout();
    await lose();
    // partnerFetch tries a GET 3 times: refuse all three.
    await queueFaults(app.open.db, { partner: 'flexiti', match: '/authorizations$', mode: 'refuse', times: 3 });
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({ kind: 'verifying' });
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_VERIFYING');
    const [job] = await app.open.db
      .select()
      .from(outboxJobs)
      .where(eq(outboxJobs.dedupeKey, reconcileJobKey(r.orderId)));
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job!.lastError).toContain('look-up failed');
    // The worker's next attempt (made due now) settles it.
    await app.open.db
      .update(outboxJobs)
      .set({ runAt: new Date(0) })
      .where(eq(outboxJobs.id, job!.id));
    expect(await runJobNow(job!.id)).toMatchObject({ outcome: 'done' });
    expect((await orderRow(r.orderId)).state).toBe('CONFIRMED');
    expect(await moneyAt(r.orderId)).toMatchObject({ authorizations: 1 });
  });
});

describe('reconciliation rules', () => {
  it('an opened authorization (not auto-captured) for the order is captured, then CONFIRMED', async () => {
    const { c, r, event } = await verifiedCheckout();
    // Nothing reaches Flexiti from the checkout: the order is left PAYMENT_VERIFYING.
    await queueFaults(app.open.db, { partner: 'flexiti', match: '/authorization$', method: 'POST', mode: 'refuse' });
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({ kind: 'verifying' });
    // Meanwhile an authorization without auto_capture exists for the order (another client).
    const { baseUrl, clientId, clientSecret } = getConfig().flexiti;
    const flow = await flowRow(r.orderId);
    const order = await orderRow(r.orderId);
    const opened = await new FlexitiClient({ baseUrl, clientId, clientSecret }).authorize(
      {
        accountNumber: '20009100',
        amountCents: order.amountCents,
        reference: r.orderId,
        widgetSessionId: flow.widgetSessionId!,
        autoCapture: false,
      },
      { referenceId: flow.referenceId, accessToken: flow.accessToken! },
    );
    expect(opened.status).toBe('opened');
    expect(await reconcilePayment(r.orderId)).toEqual({ kind: 'confirmed', authorizationId: opened.authorizationId });
    expect((await orderRow(r.orderId)).state).toBe('CONFIRMED');
    expect(await moneyAt(r.orderId)).toMatchObject({ status: ['captured'], keptCents: order.amountCents });
    expect(await causes(r.orderId)).toContain('PAYMENT_VERIFYING>CONFIRMED flexiti.reconciled_captured_now');
  });

  it('before the not-found time nothing is decided; an order never sent to Flexiti fails at once', async () => {
    const { c, r, event } = await verifiedCheckout();
    await queueFaults(app.open.db, { partner: 'flexiti', match: '/authorization$', method: 'POST', mode: 'refuse' });
    await handleWidgetEvent(c, r.orderId, event);
    expect(await reconcilePayment(r.orderId, { notFoundAfter: new Date(Date.now() + 60_000) })).toEqual({
      kind: 'undecided',
      reason: 'no authorization found yet',
    });
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_VERIFYING');

    const other = await verifiedCheckout();
    // PENDING_PAYMENT without an account number: `/authorization` was never sent.
    expect(await reconcilePayment(other.r.orderId)).toEqual({ kind: 'failed' });
    expect(await causes(other.r.orderId)).toContain(
      'PENDING_PAYMENT>PAYMENT_FAILED recovery.authorization_never_requested',
    );
  });

  it('the look-ups follow the payment schedule, not the outbox backoff: the last one lands on the not-found deadline', async () => {
    const { c, r, event } = await verifiedCheckout();
    await queueFaults(app.open.db, { partner: 'flexiti', match: '/authorization$', method: 'POST', mode: 'refuse' });
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({ kind: 'verifying' });
    const [job] = await app.open.db
      .select()
      .from(outboxJobs)
      .where(eq(outboxJobs.dedupeKey, reconcileJobKey(r.orderId)));
    const runWith = async (deadlineInMs: number, attempts: number) => {
      const deadline = Date.now() + deadlineInMs;
      await app.open.db
        .update(outboxJobs)
        .set({
          runAt: new Date(0),
          attempts,
          payload: { orderId: r.orderId, notFoundAfter: new Date(deadline).toISOString() },
        })
        .where(eq(outboxJobs.id, job!.id));
      expect(await runJobNow(job!.id)).toMatchObject({ outcome: 'retry' });
      const [after] = await app.open.db.select().from(outboxJobs).where(eq(outboxJobs.id, job!.id));
      return { inMs: after!.runAt.getTime() - after!.updatedAt.getTime(), deadline, runAt: after!.runAt.getTime() };
    };
    // Attempt 8: the generic backoff would wait minutes; the schedule waits at most 20 s.
    const far = await runWith(60_000, 7);
    expect(far.inMs).toBeGreaterThanOrEqual(5_000);
    expect(far.inMs).toBeLessThanOrEqual(20_000);
    // 8 s before the deadline: the next look-up is the deadline itself, not a moment after it.
    const near = await runWith(8_000, 7);
    expect(Math.abs(near.runAt - near.deadline)).toBeLessThan(1_000);
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_VERIFYING');
  });

  it('orphan money: a capture for an order that is not paid in the store is returned and audited', async () => {
    const { c, r, event } = await verifiedCheckout();
    await lose();
    await queueFaults(app.open.db, { partner: 'flexiti', match: '/authorizations$', mode: 'refuse', times: 3 });
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({ kind: 'verifying' });
    // The store gave up on the order (e.g. ops, or an older release): Flexiti still holds money.
    await app.open.db.transaction((tx) =>
      transitionOrder(tx, {
        orderId: r.orderId,
        from: 'PAYMENT_VERIFYING',
        to: 'PAYMENT_FAILED',
        cause: 'test.failed',
      }),
    );
    const before = await moneyAt(r.orderId);
    expect(before.keptCents).toBeGreaterThan(0);
    expect(await reconcilePayment(r.orderId)).toEqual({ kind: 'settled', state: 'PAYMENT_FAILED', orphans: 1 });
    expect((await moneyAt(r.orderId)).keptCents).toBe(0);
    expect(await causes(r.orderId)).toContain('PAYMENT_FAILED>PAYMENT_FAILED flexiti.orphan_returned');
    // Idempotent: nothing left to give back.
    expect(await reconcilePayment(r.orderId)).toEqual({ kind: 'settled', state: 'PAYMENT_FAILED', orphans: 0 });
  });
});

describe('what pays an order: exactly its amount, still held (docs/partners/flexiti.md#reconciliation)', () => {
  /** A checkout whose `/authorization` never reached Flexiti (PAYMENT_VERIFYING), and an authorization made beside it. */
  async function orderWithAuthorizationAside(opts: { extraCents?: number; autoCapture: boolean }) {
    const { c, r, event } = await verifiedCheckout();
    await queueFaults(app.open.db, { partner: 'flexiti', match: '/authorization$', method: 'POST', mode: 'refuse' });
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({ kind: 'verifying' });
    const { baseUrl, clientId, clientSecret } = getConfig().flexiti;
    const client = new FlexitiClient({ baseUrl, clientId, clientSecret });
    const flow = await flowRow(r.orderId);
    const order = await orderRow(r.orderId);
    const a = await client.authorize(
      {
        accountNumber: '20009100',
        amountCents: order.amountCents + (opts.extraCents ?? 0),
        reference: r.orderId,
        widgetSessionId: flow.widgetSessionId!,
        autoCapture: opts.autoCapture,
      },
      { referenceId: flow.referenceId, accessToken: flow.accessToken! },
    );
    return { orderId: r.orderId, order, a, client };
  }
  const decideNow = { notFoundAfter: new Date(Date.now() - 1) };

  it('a capture partly returned does not pay the order: it fails, and what is still held is returned', async () => {
    const { orderId, a, client } = await orderWithAuthorizationAside({ autoCapture: true });
    expect(a.status).toBe('captured');
    await client.returnCapture({ authorizationId: a.authorizationId, captureId: a.captureId!, amountCents: 100 });
    expect(await reconcilePayment(orderId, decideNow)).toEqual({ kind: 'failed' });
    expect((await orderRow(orderId)).state).toBe('PAYMENT_FAILED');
    expect((await moneyAt(orderId)).keptCents).toBe(0);
    expect((await causes(orderId)).filter((x) => x.endsWith(' flexiti.orphan_returned'))).toHaveLength(1);
  });

  it('an authorization for more than the price does not pay the order: it fails, and the authorization is released', async () => {
    const { orderId, a } = await orderWithAuthorizationAside({ extraCents: 100, autoCapture: false });
    expect(a.status).toBe('opened');
    expect(await reconcilePayment(orderId, decideNow)).toEqual({ kind: 'failed' });
    expect((await orderRow(orderId)).authorizationId).toBeNull();
    expect((await moneyAt(orderId)).status).toEqual(['released']);
  });

  it('an opened orphan (the order already failed) is released, audited, and nothing is held after', async () => {
    const { orderId, a } = await orderWithAuthorizationAside({ autoCapture: false });
    await app.open.db.transaction((tx) =>
      transitionOrder(tx, { orderId, from: 'PAYMENT_VERIFYING', to: 'PAYMENT_FAILED', cause: 'test.failed' }),
    );
    expect(await reconcilePayment(orderId)).toEqual({ kind: 'settled', state: 'PAYMENT_FAILED', orphans: 1 });
    const [row] = await app.open.db
      .select()
      .from(sandboxFlexitiAuthorizations)
      .where(eq(sandboxFlexitiAuthorizations.id, Number(a.authorizationId)));
    expect(row).toMatchObject({ status: 'released' });
    expect(await causes(orderId)).toContain('PAYMENT_FAILED>PAYMENT_FAILED flexiti.orphan_released');
    expect(await reconcilePayment(orderId)).toEqual({ kind: 'settled', state: 'PAYMENT_FAILED', orphans: 0 });
  });
});

describe('crash recovery sweeper', () => {
  const later = () => new Date(Date.now() + getConfig().payments.reconcileGraceMs + 1_000);
  const reconcileJobs = (orderId: string) =>
    app.open.db
      .select()
      .from(outboxJobs)
      .where(and(eq(outboxJobs.orderId, orderId), eq(outboxJobs.kind, 'flexiti.reconcile')));

  it('killed after the widget said success, before the intent: failed after the grace period, nothing charged', async () => {
    const { r } = await verifiedCheckout();
    // What the request had done when the process died: claimed the answer and noted it.
    await app.open.db.update(checkoutFlows).set({ claimedAt: new Date() }).where(eq(checkoutFlows.orderId, r.orderId));
    await recordOrderNote(app.open.db, {
      orderId: r.orderId,
      state: 'PENDING_PAYMENT',
      cause: 'flexiti.widget_success',
    });
    expect(await sweepStuckPayments()).not.toContain(r.orderId); // still inside the grace period
    expect(await sweepStuckPayments({ now: later() })).toContain(r.orderId);
    expect(await sweepStuckPayments({ now: later() })).not.toContain(r.orderId); // its job is pending
    const [job] = await reconcileJobs(r.orderId);
    expect(await runJobNow(job!.id)).toMatchObject({ outcome: 'done' });
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_FAILED');
    expect(await moneyAt(r.orderId)).toMatchObject({ authorizations: 0 });
  });

  it('a closed widget (cancel) is not an interrupted payment: the order stays open', async () => {
    const { c, r } = await verifiedCheckout();
    await handleWidgetEvent(c, r.orderId, { eventType: 'flx-cancel' });
    expect(await sweepStuckPayments({ now: later() })).not.toContain(r.orderId);
    expect((await orderRow(r.orderId)).state).toBe('PENDING_PAYMENT');
  });

  it('money Flexiti lists only after its order failed is given back by a late look-up, for more than a day (five look-ups)', async () => {
    const { c, r, event } = await verifiedCheckout();
    await lose();
    await queueFaults(app.open.db, { partner: 'flexiti', match: '/authorizations$', mode: 'refuse', times: 3 });
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({ kind: 'verifying' });
    // Flexiti's look-up lags: what it took is not listed under our reference yet.
    const listAs = (from: string, to: string) =>
      app.open.db
        .update(sandboxFlexitiAuthorizations)
        .set({ reference: to })
        .where(eq(sandboxFlexitiAuthorizations.reference, from));
    await listAs(r.orderId, `lagging-${r.orderId}`);
    expect(await reconcilePayment(r.orderId, { notFoundAfter: new Date(Date.now() - 1) })).toEqual({ kind: 'failed' });
    // The intent's job, due after its backoff, ends too: still nothing listed, the order stays failed.
    for (const j of await reconcileJobs(r.orderId))
      expect(await runJobNow(j.id, { now: new Date(j.runAt.getTime() + 1) })).toMatchObject({ outcome: 'done' });
    const failedAt = Date.now();
    const at = (ms: number) => new Date(failedAt + ms + 1_000);
    const lateLookUp = async (now: Date) => {
      expect(await sweepStuckPayments({ now })).toContain(r.orderId);
      expect(await sweepStuckPayments({ now })).not.toContain(r.orderId); // one at a time
      const late = (await reconcileJobs(r.orderId)).find((j) => j.status === 'pending');
      expect(await runJobNow(late!.id)).toMatchObject({ outcome: 'done' });
    };
    const { notFoundAfterMs } = getConfig().payments;
    expect(await sweepStuckPayments()).not.toContain(r.orderId); // not yet: it just failed
    await lateLookUp(at(notFoundAfterMs)); // still not listed
    expect(await sweepStuckPayments({ now: at(notFoundAfterMs) })).not.toContain(r.orderId);
    await lateLookUp(at(10 * 60_000)); // still not listed
    // Flexiti lists it only 20 hours later: the next due look-up gives it back.
    await listAs(`lagging-${r.orderId}`, r.orderId);
    expect((await moneyAt(r.orderId)).keptCents).toBeGreaterThan(0);
    await lateLookUp(at(20 * 3600_000));
    expect((await moneyAt(r.orderId)).keptCents).toBe(0);
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_FAILED');
    expect(await causes(r.orderId)).toEqual(
      expect.arrayContaining([
        'PAYMENT_FAILED>PAYMENT_FAILED recovery.late_check_started',
        'PAYMENT_FAILED>PAYMENT_FAILED flexiti.orphan_returned',
      ]),
    );
    // Two more (6 h and 25 h after the failure), then never again.
    await lateLookUp(at(20 * 3600_000));
    expect(await sweepStuckPayments({ now: at(20 * 3600_000) })).not.toContain(r.orderId);
    await lateLookUp(at(25 * 3600_000));
    expect(await sweepStuckPayments({ now: at(40 * 3600_000) })).not.toContain(r.orderId);
    expect((await causes(r.orderId)).filter((x) => x.endsWith('recovery.late_check_started'))).toHaveLength(5);
  });

  it('PAYMENT_VERIFYING whose job was given up is reconciled again: the lost payment is found → CONFIRMED', async () => {
    const { c, r, event } = await verifiedCheckout();
    await lose();
    await queueFaults(app.open.db, { partner: 'flexiti', match: '/authorizations$', mode: 'refuse', times: 3 });
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({ kind: 'verifying' });
    await app.open.db.update(outboxJobs).set({ status: 'dead' }).where(eq(outboxJobs.orderId, r.orderId));
    expect(await sweepStuckPayments({ now: later() })).toContain(r.orderId);
    const jobs = await reconcileJobs(r.orderId);
    expect(jobs.map((j) => j.dedupeKey)).toEqual([reconcileJobKey(r.orderId), reconcileJobKey(r.orderId, 2)]);
    expect(await runJobNow(jobs[1]!.id)).toMatchObject({ outcome: 'done' });
    expect((await orderRow(r.orderId)).state).toBe('CONFIRMED');
    expect(await causes(r.orderId)).toContain('PAYMENT_VERIFYING>PAYMENT_VERIFYING recovery.reconcile_started');
  });
});

describe('/sandbox/faults', () => {
  const post = (cookie?: string) =>
    fetch(`${app.url}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ partner: 'oms', mode: 'lost', status: 503, times: 2 }),
    });

  it('is staff only: refused without a staff session, accepted for the demo staff', async () => {
    expect((await post()).status).toBe(403);
    expect((await post('ops_session=forged')).status).toBe(403);
    const token = await issueStaffCookie(app.open.db, getConfig(), DEMO_STAFF_NAME);
    const ok = await post(`ops_session=${token}`);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ queued: 2 });
    const bad = await fetch(`${app.url}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `ops_session=${token}` },
      body: JSON.stringify({ partner: 'nobody', mode: 'lost' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toContain('partner');
    await fetch(`${app.url}/sandbox/faults`, { method: 'DELETE', headers: { cookie: `ops_session=${token}` } });
  });
});
