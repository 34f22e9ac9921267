import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, orders } from '@/lib/db/schema';
import { checkoutHelpers } from '@/test/support/checkout';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { handleWidgetEvent, startCheckout } from './index';
import { ABANDONED_FLOW_TTL_MS, sweepAbandonedFlows } from './sweep';

/**
 * Starting a checkout against the Flexiti sandbox over HTTP (docs/partners/flexiti.md#widget-fields):
 * one open order per customer and product, and one Flexiti customer token per checkout flow.
 */

let current: TestApp;
const app = () => current;

beforeAll(async () => {
  current = await startTestApp();
});
afterAll(async () => current?.close());

const { newCustomer, form, byAccount, widget, started, orderRow, flowRow } = checkoutHelpers(app);

describe('startCheckout', () => {
  it('creates one PENDING_PAYMENT order and reuses it for a double click or a second tab', async () => {
    const c = await newCustomer();
    const [a, b] = await Promise.all([started(c, byAccount('20009100')), started(c, byAccount('20009100'))]);
    expect(a.orderId).toBe(b.orderId);
    const again = await started(c, byAccount('20009100'));
    expect(again.orderId).toBe(a.orderId);
    const mine = await app().open.db.select().from(orders).where(eq(orders.customerId, c.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.state).toBe('PENDING_PAYMENT');
    expect(a.referenceId).toMatch(/^[0-9a-f]{32}$/);
    // A different product is a different checkout.
    const other = await started(c, byAccount('20009100'), 'live-sports');
    expect(other.orderId).not.toBe(a.orderId);
  });

  it('stores the widget session and pins the flow token server-side; the customer language is remembered', async () => {
    const c = await newCustomer();
    const r = await started(
      c,
      form({ flow: 'purchase', identifyBy: 'account', accountNumber: '20009101', lang: 'fr' }),
    );
    const order = await orderRow(r.orderId);
    expect(order.flow).toBe('purchase');
    expect(order.referenceId).toBe(r.referenceId);
    expect(r.redirectionUrl).toContain(`widget_session_id=${order.widgetSessionId}`);
    const flow = await flowRow(r.orderId);
    expect(flow.accessToken).toMatch(/^[0-9a-f]{40}$/);
    const [cust] = await app().open.db.select().from(customers).where(eq(customers.id, c.id));
    expect(cust!.lang).toBe('fr');
    expect(r.redirectionUrl).toContain('lang=fr');
  });

  it('an unknown product is not found and creates nothing', async () => {
    const c = await newCustomer();
    const r = await startCheckout(c, 'no-such-plan', byAccount('20009100'));
    expect(r).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await app().open.db.select().from(orders).where(eq(orders.customerId, c.id))).toHaveLength(0);
  });
});

describe('one Flexiti customer token per checkout flow', () => {
  it('two checkouts by two customers get two tokens, neither in the other’s widget URL', async () => {
    const [a, b] = [await newCustomer(), await newCustomer()];
    const ra = await started(a, byAccount('20009100'));
    const rb = await started(b, byAccount('20009101'));
    const [ta, tb] = [(await flowRow(ra.orderId)).accessToken!, (await flowRow(rb.orderId)).accessToken!];
    expect(ta).toMatch(/^[0-9a-f]{40}$/);
    expect(tb).toMatch(/^[0-9a-f]{40}$/);
    expect(ta).not.toBe(tb);
    expect(ra.redirectionUrl).not.toContain(tb);
    expect(rb.redirectionUrl).not.toContain(ta);
    // Reopening the widget is a new flow: a new token, the old one is not reused.
    const again = await started(a, byAccount('20009100'));
    expect(again.orderId).toBe(ra.orderId);
    expect((await flowRow(ra.orderId)).accessToken).not.toBe(ta);
  });

  it('a finished flow keeps no token: paid, failed, cancelled, and abandoned after the TTL', async () => {
    const c = await newCustomer();
    const paid = await started(c, byAccount('20009100'), 'premium-monthly');
    await handleWidgetEvent(c, paid.orderId, await widget(paid.redirectionUrl, 'verified-purchase'));
    expect(await flowRow(paid.orderId)).toMatchObject({ accessToken: null, form: null });

    const failed = await started(c, byAccount('20009103'), 'live-sports');
    await handleWidgetEvent(c, failed.orderId, await widget(failed.redirectionUrl, 'derogatory'));
    expect(await flowRow(failed.orderId)).toMatchObject({ accessToken: null, form: null });

    const cancelled = await started(c, byAccount('20009100'), 'kids-family');
    await handleWidgetEvent(c, cancelled.orderId, await widget(cancelled.redirectionUrl, 'cancel'));
    expect((await flowRow(cancelled.orderId)).accessToken).toBeNull();

    const left = await started(c, byAccount('20009100'), 'regional-cinema');
    expect((await flowRow(left.orderId)).accessToken).not.toBeNull();
    // Not yet abandoned: the sweep leaves a recent flow alone.
    await sweepAbandonedFlows(app().open.db, new Date(Date.now() + ABANDONED_FLOW_TTL_MS - 60_000));
    expect((await flowRow(left.orderId)).accessToken).not.toBeNull();
    await sweepAbandonedFlows(app().open.db, new Date(Date.now() + ABANDONED_FLOW_TTL_MS + 60_000));
    expect(await flowRow(left.orderId)).toMatchObject({ accessToken: null, form: null });
    expect(await flowRow(cancelled.orderId)).toMatchObject({ accessToken: null, form: null });
  });
});
