import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forgetCatalog } from '@/lib/catalog/queries';
import { getConfig } from '@/lib/config';
import { checkoutFlows, products } from '@/lib/db/schema';
import { FlexitiClient } from '@/lib/partners/flexiti';
import { checkoutHelpers } from '@/test/support/checkout';
import { startTestApp, type TestApp } from '@/test/support/sandbox-server';
import { CHECKOUT_VALID_MS } from '../money-policy';
import { handleWidgetEvent, startCheckout } from './index';

/**
 * The price charged is the price shown (docs/refund-policy.md#price): a checkout is valid for the
 * life of its flow; after that, or once the price changed, the customer confirms the current price
 * again, and `/authorization`'s answer is checked as the reconciliation checks it.
 */

let current: TestApp;
const app = () => current;
const db = () => app().open.db;

beforeAll(async () => {
  current = await startTestApp();
});
afterAll(async () => current?.close());

const SLUG = 'premium-monthly';
let original = 0;
beforeAll(async () => {
  original = (await db().select().from(products).where(eq(products.slug, SLUG)))[0]!.priceCents;
});
afterEach(async () => {
  await setPrice(original);
});
// A price change reaches the checkout as it reaches the catalog pages: through the catalog cache.
const setPrice = async (priceCents: number) => {
  await db().update(products).set({ priceCents }).where(eq(products.slug, SLUG));
  forgetCatalog();
};

const { newCustomer, byAccount, widget, started, orderRow, causes, callsOf } = checkoutHelpers(app);

/** The sandbox's Flexiti client, with its `/authorization` answer changed on the way back. */
function answering(change: (a: Awaited<ReturnType<FlexitiClient['authorize']>>) => void): FlexitiClient {
  const { baseUrl, clientId, clientSecret } = getConfig().flexiti;
  return new (class extends FlexitiClient {
    override async authorize(...args: Parameters<FlexitiClient['authorize']>) {
      const a = await super.authorize(...args);
      change(a);
      return a;
    }
  })({ baseUrl, clientId, clientSecret });
}

describe('the price charged is the price shown', () => {
  it('a start with a price the page no longer shows is refused: the customer sees the current one; nothing opens', async () => {
    const c = await newCustomer();
    await setPrice(original + 100);
    const r = await startCheckout(c, SLUG, byAccount('20009100'), { shownPriceCents: original });
    expect(r).toMatchObject({ ok: false, kind: 'price_changed', notice: { key: 'priceChanged' } });
    // Confirmed again at the current price: the order is for that price.
    const again = await startCheckout(c, SLUG, byAccount('20009100'), { shownPriceCents: original + 100 });
    if (!again.ok) throw new Error(JSON.stringify(again));
    expect((await orderRow(again.orderId)).amountCents).toBe(original + 100);
    expect((await callsOf(again.orderId)).map((x) => x.operation)).toEqual(['widgetInit']);
  });

  it('an open checkout keeps no old price: the order reused takes the price confirmed again', async () => {
    const c = await newCustomer();
    const first = await started(c, byAccount('20009100'), SLUG);
    expect((await orderRow(first.orderId)).amountCents).toBe(original);
    await setPrice(original + 250);
    const second = await startCheckout(c, SLUG, byAccount('20009100'), { shownPriceCents: original + 250 });
    if (!second.ok) throw new Error(JSON.stringify(second));
    expect(second.orderId).toBe(first.orderId);
    expect((await orderRow(first.orderId)).amountCents).toBe(original + 250);
    expect(await causes(first.orderId)).toContain('PENDING_PAYMENT>PENDING_PAYMENT checkout.price_updated');
  });

  it('a widget answer after the price changed asks Flexiti nothing: the customer confirms the new price', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'), SLUG);
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    await setPrice(original + 100);
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({
      kind: 'expired',
      notice: { key: 'priceChanged' },
    });
    expect((await orderRow(r.orderId)).state).toBe('PENDING_PAYMENT');
    expect((await callsOf(r.orderId)).map((x) => x.operation)).toEqual(['widgetInit']);
  });

  it('a widget answer more than 30 minutes after the window opened asks Flexiti nothing', async () => {
    const c = await newCustomer();
    const r = await started(c, byAccount('20009100'), SLUG);
    const event = await widget(r.redirectionUrl, 'verified-purchase');
    await db()
      .update(checkoutFlows)
      .set({ updatedAt: new Date(Date.now() - CHECKOUT_VALID_MS - 1_000) })
      .where(eq(checkoutFlows.orderId, r.orderId));
    expect(await handleWidgetEvent(c, r.orderId, event)).toMatchObject({
      kind: 'expired',
      notice: { key: 'checkoutExpired' },
    });
    expect((await orderRow(r.orderId)).state).toBe('PENDING_PAYMENT');
    expect((await callsOf(r.orderId)).map((x) => x.operation)).toEqual(['widgetInit']);
  });
});

describe('the /authorization answer is checked like the reconciliation does', () => {
  for (const [what, change] of [
    ['another amount', (a: { amountCents: number }) => void (a.amountCents += 100)],
    ['another reference', (a: { reference: string | null }) => void (a.reference = 'SP-SOMEONEELSE')],
    ['a status that is not a payment', (a: { status: string }) => void (a.status = 'released')],
  ] as const) {
    it(`an answer with ${what} is not a confirmation: the order goes to reconciliation, which decides from Flexiti's own list`, async () => {
      const c = await newCustomer();
      const r = await started(c, byAccount('20009100'), SLUG);
      const event = await widget(r.redirectionUrl, 'verified-purchase');
      const outcome = await handleWidgetEvent(c, r.orderId, event, {
        client: answering(change as (a: unknown) => void),
      });
      const history = await causes(r.orderId);
      expect(history).toContain('PAYMENT_VERIFYING>PAYMENT_VERIFYING flexiti.authorization_mismatch');
      // Never confirmed from the answer itself…
      expect(history).not.toContain('PAYMENT_VERIFYING>CONFIRMED flexiti.authorized');
      // …the reconciliation found the real payment (our reference, the price) at Flexiti.
      expect(history).toContain('PAYMENT_VERIFYING>CONFIRMED flexiti.reconciled_captured');
      expect(outcome).toEqual({ kind: 'paid', orderId: r.orderId });
    });
  }
});
