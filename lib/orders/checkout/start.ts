import 'server-only';
import { notice } from '@/lib/i18n/notice';
import { and, desc, eq } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/lib/db/client';
import { checkoutFlows, customers, orderEvents, orders, products } from '@/lib/db/schema';
import { newCorrelationId } from '@/lib/partners/http';
import {
  FlexitiError,
  getFlexitiClient,
  newFlexitiReferenceId,
  refusedFields,
  type FlexitiCheckoutForm,
} from '@/lib/partners/flexiti';
import { findLivePlan } from '../live-plan';
import { newOrderId } from '../order-id';
import { recordOrderNote, type Order } from '../transitions';
import { spokenOrderId } from '../order-id';
import { type CheckoutCustomer, type CheckoutDeps, type StartCheckoutResult } from './types';

/**
 * The Flexiti checkout (docs/partners/flexiti.md#widget-fields, #widget-events, #transactions):
 * create or reuse the customer's open order, open the widget, and act on its answer on the
 * server. The browser's message only says which step comes next; `/apply` and `/authorization`
 * decide, and only a successful `/authorization` confirms the order.
 */

/** The customer's one open checkout for the product, created if there is none (unique index). */
async function openOrderFor(db: DbOrTx, customerId: string, product: typeof products.$inferSelect): Promise<Order> {
  const id = newOrderId();
  // `orders_one_open_checkout` (customer, product) WHERE PENDING_PAYMENT: a double click or a
  // second tab loses the insert and re-selects the winner's order.
  const [created] = await db
    .insert(orders)
    .values({
      id,
      customerId,
      productId: product.id,
      state: 'PENDING_PAYMENT',
      amountCents: product.priceCents,
      currency: product.currency,
    })
    .onConflictDoNothing()
    .returning();
  if (created) {
    await db.insert(orderEvents).values({
      orderId: created.id,
      fromState: null,
      toState: 'PENDING_PAYMENT',
      cause: 'checkout.started',
      detail: { productSlug: product.slug, amountCents: product.priceCents },
    });
    return created;
  }
  const [open] = await db
    .select()
    .from(orders)
    .where(
      and(eq(orders.customerId, customerId), eq(orders.productId, product.id), eq(orders.state, 'PENDING_PAYMENT')),
    )
    .limit(1);
  if (!open) throw new Error('open checkout vanished between insert and select');
  if (open.amountCents === product.priceCents) return open;
  // docs/refund-policy.md#price: an open checkout keeps no old price. Nothing was asked of Flexiti
  // yet (PENDING_PAYMENT), and the customer has just confirmed the current price.
  const [repriced] = await db
    .update(orders)
    .set({ amountCents: product.priceCents, currency: product.currency, updatedAt: new Date() })
    .where(and(eq(orders.id, open.id), eq(orders.state, 'PENDING_PAYMENT')))
    .returning();
  if (!repriced) return open;
  await recordOrderNote(db, {
    orderId: open.id,
    state: 'PENDING_PAYMENT',
    cause: 'checkout.price_updated',
    detail: { fromCents: open.amountCents, toCents: product.priceCents },
  });
  return repriced;
}

/** Starts (or restarts) the Flexiti flow for a product: `widget/init`, then the widget URL. */
export async function startCheckout(
  customer: CheckoutCustomer,
  productSlug: string,
  form: FlexitiCheckoutForm,
  deps: CheckoutDeps = {},
): Promise<StartCheckoutResult> {
  const db = await getDb();
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.slug, productSlug), eq(products.active, true)))
    .limit(1);
  if (!product) return { ok: false, kind: 'not_found', ...notice('notInCatalog') };

  // A payment for this plan that Flexiti may have taken: never open a second one meanwhile.
  const [verifying] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(eq(orders.customerId, customer.id), eq(orders.productId, product.id), eq(orders.state, 'PAYMENT_VERIFYING')),
    )
    .limit(1);
  if (verifying) {
    return {
      ok: false,
      kind: 'verifying',
      orderId: verifying.id,
      ...notice('stillVerifying', { orderId: verifying.id }),
    };
  }

  // docs/refund-policy.md#one-live-plan: a plan the customer holds now is not sold again.
  const live = await findLivePlan(db, customer.id, product.id);
  if (live) return { ok: false, kind: 'held', orderId: live.id, ...notice('alreadyHeld', { orderId: live.id }) };
  // docs/refund-policy.md#price: the price charged is the price the customer saw.
  if (deps.shownPriceCents !== undefined && deps.shownPriceCents !== product.priceCents) {
    return { ok: false, kind: 'price_changed', ...notice('priceChanged') };
  }

  // The customer's language choice is remembered for the next checkout.
  if (customer.lang !== form.lang) {
    await db.update(customers).set({ lang: form.lang, updatedAt: new Date() }).where(eq(customers.id, customer.id));
  }

  const order = await db.transaction((tx) => openOrderFor(tx, customer.id, product));
  const referenceId = newFlexitiReferenceId();
  const correlationId = newCorrelationId();
  const client = deps.client ?? getFlexitiClient();

  let session;
  try {
    session = await client.initWidget(form, { referenceId, correlationId, orderId: order.id });
  } catch (e) {
    if (!(e instanceof FlexitiError)) throw e;
    await recordOrderNote(db, {
      orderId: order.id,
      state: 'PENDING_PAYMENT',
      cause: 'flexiti.widget_init_failed',
      detail: { code: e.code, status: e.status, referenceId },
    });
    const refused = refusedFields(e);
    if (refused.length) {
      const fieldErrors: Record<string, string> = {};
      for (const f of refused) fieldErrors[f.field] ??= `Flexiti: ${f.message}`;
      return { ok: false, kind: 'invalid', fieldErrors, ...notice('detailsRefused') };
    }
    return {
      ok: false,
      kind: 'error',
      referenceId,
      ...notice('widgetInitFailed', { reference: spokenOrderId(order.id) }),
    };
  }

  const stored = await db.transaction(async (tx) => {
    // A window whose token ran out before anything was asked of Flexiti: said on the order's
    // history (docs/partners/flexiti.md#flow-token), then replaced by this new flow and token.
    await noteExpiredFlow(tx, order.id);
    const [updated] = await tx
      .update(orders)
      .set({ flow: form.flow, referenceId, widgetSessionId: session.widgetSessionId, updatedAt: new Date() })
      .where(and(eq(orders.id, order.id), eq(orders.state, 'PENDING_PAYMENT')))
      .returning({ id: orders.id });
    if (!updated) return false;
    const values = {
      flow: form.flow,
      referenceId,
      correlationId,
      widgetSessionId: session.widgetSessionId,
      form: form as unknown as Record<string, unknown>,
      accessToken: session.accessToken,
      tokenExpiresAt: new Date(session.accessTokenExpiresAt),
      claimedAt: null,
      updatedAt: new Date(),
    };
    await tx
      .insert(checkoutFlows)
      .values({ orderId: order.id, ...values })
      .onConflictDoUpdate({ target: checkoutFlows.orderId, set: values });
    await recordOrderNote(tx, {
      orderId: order.id,
      state: 'PENDING_PAYMENT',
      cause: 'flexiti.widget_opened',
      detail: { flow: form.flow, referenceId, widgetSessionId: session.widgetSessionId },
    });
    return true;
  });
  if (!stored) {
    return { ok: false, kind: 'error', ...notice('finishedElsewhere') };
  }
  return {
    ok: true,
    orderId: order.id,
    redirectionUrl: session.redirectionUrl,
    referenceId,
    // How long the customer has (the browser warns before it ends): remaining, so clocks need not agree.
    tokenExpiresInMs: Math.max(0, session.accessTokenExpiresAt - Date.now()),
  };
}

/** Records on the order that its previous, unclaimed widget window timed out. */
async function noteExpiredFlow(tx: DbOrTx, orderId: string): Promise<void> {
  const [previous] = await tx.select().from(checkoutFlows).where(eq(checkoutFlows.orderId, orderId));
  if (!previous?.tokenExpiresAt || previous.claimedAt || previous.tokenExpiresAt > new Date()) return;
  if (!previous.accessToken) return; // already closed (cancelled, timed out and recorded)
  await recordOrderNote(tx, {
    orderId,
    state: 'PENDING_PAYMENT',
    cause: 'flexiti.flow_expired',
    detail: { referenceId: previous.referenceId, widgetSessionId: previous.widgetSessionId, at: 'restart' },
  });
}

/** The open checkout for a product, with the form last sent, to prefill the page when coming back. */
export async function findOpenCheckout(customerId: string, productId: number) {
  const db = await getDb();
  const [row] = await db
    .select({ orderId: orders.id, flow: checkoutFlows.flow, form: checkoutFlows.form })
    .from(orders)
    .leftJoin(checkoutFlows, eq(checkoutFlows.orderId, orders.id))
    .where(and(eq(orders.customerId, customerId), eq(orders.productId, productId), eq(orders.state, 'PENDING_PAYMENT')))
    .orderBy(desc(orders.createdAt))
    .limit(1);
  return row ?? null;
}
