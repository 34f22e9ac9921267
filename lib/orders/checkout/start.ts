import 'server-only';
import { notice } from '@/lib/i18n/notice';
import { and, desc, eq, sql } from 'drizzle-orm';
import { getProductBySlug, type Product } from '@/lib/catalog/queries';
import { getDb, type Db, type DbOrTx } from '@/lib/db/client';
import { checkoutFlows, customers, orderEvents, orders } from '@/lib/db/schema';
import { newCorrelationId } from '@/lib/partners/http';
import { flexitiClient, isFlexitiError, newFlexitiReferenceId, refusedFields } from '@/lib/partners/flexiti';
import { livePlanAmong, ordersOfPlan } from '../live-plan';
import { PAID_STATES } from '../state-machine';
import { newOrderId } from '../order-id';
import { eventRowsFrom, recordOrderNote, type Order } from '../transitions';
import { spokenOrderId } from '../order-id';
import type { CheckoutForm } from './form-schema';
import { type CheckoutCustomer, type CheckoutDeps, type FlowRow, type StartCheckoutResult } from './types';

/**
 * The Flexiti checkout (docs/partners/flexiti.md#widget-fields, #widget-events, #transactions):
 * create or reuse the customer's open order, open the widget, and act on its answer on the
 * server. The browser's message only says which step comes next; `/apply` and `/authorization`
 * decide, and only a successful `/authorization` confirms the order.
 */

/**
 * The customer's one open checkout for the product, created if there is none (unique index), with
 * the flow its previous window left (none for a new order). A new order and its first event are
 * one statement; a double click or a second tab loses that insert and reuses the winner's order.
 */
async function openOrderFor(
  db: Db,
  customerId: string,
  product: Product,
): Promise<{ order: Order; previous: FlowRow | null }> {
  // `orders_one_open_checkout` (customer, product) WHERE PENDING_PAYMENT: the loser inserts nothing.
  const created = db.$with('created').as(
    db
      .insert(orders)
      .values({
        id: newOrderId(),
        customerId,
        productId: product.id,
        state: 'PENDING_PAYMENT',
        amountCents: product.priceCents,
        currency: product.currency,
      })
      .onConflictDoNothing()
      .returning(),
  );
  const noted = db.$with('noted').as(
    db.insert(orderEvents).select(
      eventRowsFrom(db, created, {
        fromState: null,
        toState: 'PENDING_PAYMENT',
        cause: 'checkout.started',
        detail: { productSlug: product.slug, amountCents: product.priceCents },
      }),
    ),
  );
  const [order] = await db.with(created, noted).select().from(created);
  if (order) return { order, previous: null };
  return db.transaction((tx) => reuseOpenOrder(tx, customerId, product));
}

/** The open checkout that won the insert, at the current price, and its flow row if any. */
async function reuseOpenOrder(
  tx: DbOrTx,
  customerId: string,
  product: Product,
): Promise<{ order: Order; previous: FlowRow | null }> {
  const [found] = await tx
    .select({ order: orders, flow: checkoutFlows })
    .from(orders)
    .leftJoin(checkoutFlows, eq(checkoutFlows.orderId, orders.id))
    .where(
      and(eq(orders.customerId, customerId), eq(orders.productId, product.id), eq(orders.state, 'PENDING_PAYMENT')),
    )
    .limit(1);
  if (!found) throw new Error('open checkout vanished between insert and select');
  const { order: open, flow: previous } = found;
  if (open.amountCents === product.priceCents) return { order: open, previous };
  // docs/refund-policy.md#price: an open checkout keeps no old price. Nothing was asked of Flexiti
  // yet (PENDING_PAYMENT), and the customer has just confirmed the current price.
  const [repriced] = await tx
    .update(orders)
    .set({ amountCents: product.priceCents, currency: product.currency, updatedAt: new Date() })
    .where(and(eq(orders.id, open.id), eq(orders.state, 'PENDING_PAYMENT')))
    .returning();
  if (!repriced) return { order: open, previous };
  await recordOrderNote(tx, {
    orderId: open.id,
    state: 'PENDING_PAYMENT',
    cause: 'checkout.price_updated',
    detail: { fromCents: open.amountCents, toCents: product.priceCents },
  });
  return { order: repriced, previous };
}

/** Starts (or restarts) the Flexiti flow for a product: `widget/init`, then the widget URL. */
export async function startCheckout(
  customer: CheckoutCustomer,
  productSlug: string,
  form: CheckoutForm,
  deps: CheckoutDeps = {},
): Promise<StartCheckoutResult> {
  // The product as the catalog pages showed it (lib/catalog/queries.ts, cached in the process).
  const product = await getProductBySlug(productSlug);
  if (!product) return { ok: false, kind: 'not_found', ...notice('notInCatalog') };
  const db = await getDb();
  // One read for both refusals below: a payment being verified, and a plan held now.
  const mine = await ordersOfPlan(db, customer.id, product.id, ['PAYMENT_VERIFYING', ...PAID_STATES]);

  // A payment for this plan that Flexiti may have taken: never open a second one meanwhile.
  const verifying = mine.find((o) => o.state === 'PAYMENT_VERIFYING');
  if (verifying) {
    return {
      ok: false,
      kind: 'verifying',
      orderId: verifying.id,
      ...notice('stillVerifying', { orderId: verifying.id }),
    };
  }

  // docs/refund-policy.md#one-live-plan: a plan the customer holds now is not sold again.
  const live = await livePlanAmong(db, mine);
  if (live) return { ok: false, kind: 'held', orderId: live.id, ...notice('alreadyHeld', { orderId: live.id }) };
  // docs/refund-policy.md#price: the price charged is the price the customer saw.
  if (deps.shownPriceCents !== undefined && deps.shownPriceCents !== product.priceCents) {
    return { ok: false, kind: 'price_changed', ...notice('priceChanged') };
  }

  // The customer's language choice is remembered for the next checkout.
  if (customer.lang !== form.lang) {
    await db.update(customers).set({ lang: form.lang, updatedAt: new Date() }).where(eq(customers.id, customer.id));
  }

  const { order, previous } = await openOrderFor(db, customer.id, product);
  const referenceId = newFlexitiReferenceId();
  const correlationId = newCorrelationId();
  const client = deps.client ?? flexitiClient();

  let session;
  try {
    session = await client.initWidget(form, { referenceId, correlationId, orderId: order.id });
  } catch (e) {
    if (!isFlexitiError(e)) throw e;
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

  // A window whose token ran out before anything was asked of Flexiti: said on the order's
  // history (docs/partners/flexiti.md#flow-token), then replaced by this new flow and token.
  if (previous && flowExpiredUnused(previous)) {
    await recordOrderNote(db, {
      orderId: order.id,
      state: 'PENDING_PAYMENT',
      cause: 'flexiti.flow_expired',
      detail: { referenceId: previous.referenceId, widgetSessionId: previous.widgetSessionId, at: 'restart' },
    });
  }
  const stored = await storeOpenedWindow(db, order.id, form, {
    referenceId,
    correlationId,
    widgetSessionId: session.widgetSessionId,
    accessToken: session.accessToken,
    tokenExpiresAt: new Date(session.accessTokenExpiresAt),
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

/** A previous widget window whose token ran out unclaimed, and not closed already. */
const flowExpiredUnused = (previous: FlowRow) =>
  !!previous.tokenExpiresAt && !previous.claimedAt && previous.tokenExpiresAt <= new Date() && !!previous.accessToken;

/**
 * The new widget window on the order, in one statement: the order (still PENDING_PAYMENT, a
 * compare-and-set), its flow row (created or replaced) and the `flexiti.widget_opened` event, each
 * written only when the order was still open. False when it was not (finished in another tab).
 */
async function storeOpenedWindow(
  db: Db,
  orderId: string,
  form: CheckoutForm,
  w: {
    referenceId: string;
    correlationId: string;
    widgetSessionId: string | null;
    accessToken: string;
    tokenExpiresAt: Date;
  },
): Promise<boolean> {
  const now = new Date();
  const opened = db.$with('opened').as(
    db
      .update(orders)
      .set({ flow: form.flow, referenceId: w.referenceId, widgetSessionId: w.widgetSessionId, updatedAt: now })
      .where(and(eq(orders.id, orderId), eq(orders.state, 'PENDING_PAYMENT')))
      .returning({ id: orders.id }),
  );
  const values = {
    flow: form.flow,
    referenceId: w.referenceId,
    correlationId: w.correlationId,
    widgetSessionId: w.widgetSessionId,
    form: form as unknown as Record<string, unknown>,
    accessToken: w.accessToken,
    tokenExpiresAt: w.tokenExpiresAt,
    claimedAt: null,
    updatedAt: now,
  };
  const at = (d: Date | null) => sql`${d ? d.toISOString() : null}::timestamptz`;
  // `insert … select` takes every column in the table's order (drizzle checks).
  const flowWritten = db.$with('flow_written').as(
    db
      .insert(checkoutFlows)
      .select(
        db
          .select({
            orderId: opened.id,
            flow: sql<string>`${values.flow}::text`.as('flow'),
            referenceId: sql<string>`${values.referenceId}::text`.as('reference_id'),
            correlationId: sql<string>`${values.correlationId}::text`.as('correlation_id'),
            widgetSessionId: sql<string | null>`${values.widgetSessionId}::text`.as('widget_session_id'),
            form: sql<unknown>`${JSON.stringify(values.form)}::jsonb`.as('form'),
            accessToken: sql<string>`${values.accessToken}::text`.as('access_token'),
            tokenExpiresAt: sql<Date>`${at(values.tokenExpiresAt)}`.as('token_expires_at'),
            claimedAt: sql<Date | null>`${at(null)}`.as('claimed_at'),
            createdAt: sql<Date>`${at(now)}`.as('created_at'),
            updatedAt: sql<Date>`${at(now)}`.as('updated_at'),
          })
          .from(opened),
      )
      .onConflictDoUpdate({ target: checkoutFlows.orderId, set: values }),
  );
  const noted = db.$with('noted').as(
    db.insert(orderEvents).select(
      eventRowsFrom(db, opened, {
        fromState: 'PENDING_PAYMENT',
        toState: 'PENDING_PAYMENT',
        cause: 'flexiti.widget_opened',
        detail: { flow: form.flow, referenceId: w.referenceId, widgetSessionId: w.widgetSessionId },
      }),
    ),
  );
  const rows = await db.with(opened, flowWritten, noted).select().from(opened);
  return rows.length > 0;
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
