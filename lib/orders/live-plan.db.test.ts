import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { orders, products } from '@/lib/db/schema';
import { advanceClock, clockOffsetMs } from '@/test/support/sandbox';
import { checkoutHelpers } from '@/test/support/checkout';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { handleWidgetEvent, startCheckout } from './checkout';
import { isLivePlanConflict } from './live-plan';
import { newOrderId } from './order-id';
import { transitionOrder } from './transitions';

/**
 * One live plan per product (docs/refund-policy.md#one-live-plan): the checkout refuses a plan the
 * customer holds, with a link to that order; the database refuses a second live order even when
 * a race got past that check, before Flexiti is asked for money.
 */

let current: TestApp;
const app = () => current;
const db = () => app().open.db;
const DAY = 86_400_000;

beforeAll(async () => {
  current = await startTestApp();
});
afterAll(async () => current?.close());
afterEach(async () => advanceClock(db(), -(await clockOffsetMs(db()))));

const { newCustomer, byAccount, widget, started, orderRow, causes, callsOf } = checkoutHelpers(app);

async function productBySlug(slug: string) {
  return (await db().select().from(products).where(eq(products.slug, slug)))[0]!;
}

/** An order of the customer for the product, paid by some other path (another tab, another instance). */
async function paidElsewhere(customerId: string, slug: string, state: 'CONFIRMED' | 'ACTIVE' | 'FULFILLED') {
  const product = await productBySlug(slug);
  const id = newOrderId();
  const now = Date.now() + (await clockOffsetMs(db()));
  await db()
    .insert(orders)
    .values({
      id,
      customerId,
      productId: product.id,
      state,
      amountCents: product.priceCents,
      currency: product.currency,
      lastFulfillmentAt: new Date(now + getConfig().returnWindowDays * DAY),
    });
  return id;
}

describe('one live plan per product', () => {
  it('a plan held live is refused at the start, with its order, in the customer’s words; nothing is created', async () => {
    const c = await newCustomer();
    const held = await paidElsewhere(c.id, 'premium-monthly', 'CONFIRMED');
    const r = await startCheckout(c, 'premium-monthly', byAccount('20009100'));
    expect(r).toMatchObject({
      ok: false,
      kind: 'held',
      orderId: held,
      notice: { key: 'alreadyHeld', values: { orderId: held } },
    });
    expect(!r.ok && r.message).toContain(`You already have this plan (order ${held})`);
    const mine = await db().select().from(orders).where(eq(orders.customerId, c.id));
    expect(mine.map((o) => o.id)).toEqual([held]);
    // Another plan is not held: that checkout starts.
    expect((await started(c, byAccount('20009100'), 'live-sports')).ok).toBe(true);
  });

  it('ACTIVE is live; a FULFILLED order is live until its period ends, then the plan can be bought again', async () => {
    const c = await newCustomer();
    const active = await paidElsewhere(c.id, 'super-monthly', 'ACTIVE');
    expect(await startCheckout(c, 'super-monthly', byAccount('20009100'))).toMatchObject({
      kind: 'held',
      orderId: active,
    });

    // Monthly plan, never activated: its 30 days run from the purchase (the window's start).
    const fulfilled = await paidElsewhere(c.id, 'mobile-monthly', 'FULFILLED');
    expect(await startCheckout(c, 'mobile-monthly', byAccount('20009100'))).toMatchObject({
      kind: 'held',
      orderId: fulfilled,
    });
    await advanceClock(db(), 30 * DAY - 60_000);
    expect(await startCheckout(c, 'mobile-monthly', byAccount('20009100'))).toMatchObject({ kind: 'held' });
    await advanceClock(db(), 60_000);
    expect((await started(c, byAccount('20009100'), 'mobile-monthly')).ok).toBe(true);
  });

  it('an activated FULFILLED plan runs 30 days from its activation', async () => {
    const c = await newCustomer();
    const id = await paidElsewhere(c.id, 'kids-family', 'FULFILLED');
    const now = Date.now() + (await clockOffsetMs(db()));
    await db()
      .update(orders)
      .set({ activatedAt: new Date(now + 5 * DAY) })
      .where(eq(orders.id, id));
    await advanceClock(db(), 30 * DAY + 60_000);
    expect(await startCheckout(c, 'kids-family', byAccount('20009100'))).toMatchObject({ kind: 'held', orderId: id });
    await advanceClock(db(), 5 * DAY);
    expect((await started(c, byAccount('20009100'), 'kids-family')).ok).toBe(true);
  });

  it('cancelled and failed orders do not hold the plan', async () => {
    const c = await newCustomer();
    const product = await productBySlug('regional-cinema');
    for (const state of ['CANCELLED', 'PAYMENT_FAILED', 'CANCELLED_BY_CUSTOMER'] as const) {
      await db().insert(orders).values({
        id: newOrderId(),
        customerId: c.id,
        productId: product.id,
        state,
        amountCents: product.priceCents,
        currency: product.currency,
      });
    }
    expect((await started(c, byAccount('20009100'), 'regional-cinema')).ok).toBe(true);
  });

  it('a checkout that raced past the start check cannot ask Flexiti: it ends “already held”, nothing sent', async () => {
    const c = await newCustomer();
    // This checkout started while the customer had no plan…
    const r = await started(c, byAccount('20009100'));
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    // …and before the customer finished it, another order of theirs for the plan got paid.
    const other = await paidElsewhere(c.id, 'premium-monthly', 'CONFIRMED');
    const outcome = await handleWidgetEvent(c, r.orderId, event);
    expect(outcome).toMatchObject({ kind: 'held', orderId: r.orderId, heldOrderId: other });
    expect((await orderRow(r.orderId)).state).toBe('PAYMENT_FAILED');
    expect((await causes(r.orderId)).at(-1)).toBe('PENDING_PAYMENT>PAYMENT_FAILED checkout.already_held');
    // Flexiti was never asked for money for it.
    expect((await callsOf(r.orderId)).map((x) => x.operation)).toEqual(['widgetInit']);
  });

  it('the database itself refuses a second live order, whichever of two racing transactions comes second', async () => {
    const c = await newCustomer();
    const product = await productBySlug('live-sports');
    const ids = [newOrderId(), newOrderId()];
    // Two orders for the same plan, neither PENDING_PAYMENT (the open-checkout index allows one).
    for (const id of ids) {
      await db().insert(orders).values({
        id,
        customerId: c.id,
        productId: product.id,
        state: 'PAYMENT_FAILED',
        amountCents: product.priceCents,
        currency: product.currency,
      });
    }
    await db().update(orders).set({ state: 'PENDING_PAYMENT' }).where(eq(orders.id, ids[0]!));
    await transitionOrder(db(), {
      orderId: ids[0]!,
      from: 'PENDING_PAYMENT',
      to: 'PAYMENT_VERIFYING',
      cause: 'test.intent',
    });
    await db().update(orders).set({ state: 'PENDING_PAYMENT' }).where(eq(orders.id, ids[1]!));
    const second = await db()
      .transaction((tx) =>
        transitionOrder(tx, {
          orderId: ids[1]!,
          from: 'PENDING_PAYMENT',
          to: 'PAYMENT_VERIFYING',
          cause: 'test.intent',
        }),
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isLivePlanConflict(second)).toBe(true);
    const states = await db()
      .select({ id: orders.id, state: orders.state })
      .from(orders)
      .where(and(eq(orders.customerId, c.id), eq(orders.productId, product.id)));
    expect(states.filter((s) => s.state === 'PAYMENT_VERIFYING').map((s) => s.id)).toEqual([ids[0]]);
  });
});
