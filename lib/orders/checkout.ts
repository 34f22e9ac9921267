import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb, type Db, type DbOrTx } from '@/lib/db/client';
import { checkoutFlows, customers, orderEvents, orders, products } from '@/lib/db/schema';
import { newCorrelationId } from '@/lib/partners/http';
import {
  formFieldForWireParam,
  type FlexitiApplyForm,
  type FlexitiCheckoutForm,
} from '@/lib/partners/flexiti/checkout-schema';
import {
  getFlexitiClient,
  newFlexitiReferenceId,
  type FlexitiClient,
  type FlowContext,
} from '@/lib/partners/flexiti/client';
import { FlexitiError } from '@/lib/partners/flexiti/errors';
import {
  FLEXITI_ACTIVATION_URL,
  nextStepAfterWidget,
  type FlexitiWidgetEvent,
} from '@/lib/partners/flexiti/widget-events';
import { enqueueConfirmationJobs, runJobsNow } from './fulfilment';
import { newOrderId } from './order-id';
import { recordOrderNote, transitionOrder, type Order } from './transitions';

/**
 * The Flexiti checkout (issue 4 §C, §D; contracts/flexiti-opentv-keycloak.md §A.4–§A.6):
 * create or reuse the customer's open order, open the widget, and act on its answer on the
 * server. The browser's message only says which step comes next; `/apply` and `/authorization`
 * decide, and only a successful `/authorization` confirms the order.
 */

type CheckoutCustomer = { id: string };
type Route = 'apply' | 'purchase';

export type StartCheckoutResult =
  | { ok: true; orderId: string; redirectionUrl: string; referenceId: string }
  | { ok: false; kind: 'invalid'; fieldErrors: Record<string, string>; message: string }
  | { ok: false; kind: 'not_found'; message: string }
  | { ok: false; kind: 'error'; message: string; referenceId?: string };

export type WidgetOutcome =
  | { kind: 'paid'; orderId: string }
  /** Payment not completed; the order is PAYMENT_FAILED. `offer` is the other route, if any. */
  | { kind: 'failed'; orderId: string; message: string; referenceId?: string; offer?: Route }
  | { kind: 'activation'; orderId: string; message: string; url: string }
  | { kind: 'cancelled'; orderId: string; message: string }
  | { kind: 'switch'; orderId: string; to: Route; accountNumber?: string; message: string }
  | { kind: 'retry'; orderId: string; message: string }
  /** This widget answer is not the order's current one (another tab, already handled). */
  | { kind: 'stale'; orderId: string; message: string }
  | { kind: 'not_found'; message: string };

export interface CheckoutDeps {
  client?: FlexitiClient;
}

const supportRef = (referenceId: string) => `If you contact support, give them this reference: ${referenceId}.`;

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
  return open;
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
  if (!product) return { ok: false, kind: 'not_found', message: 'This plan is not in the catalog any more.' };

  // The customer's language choice is remembered for the next checkout (issue 4 §C).
  await db.update(customers).set({ lang: form.lang, updatedAt: new Date() }).where(eq(customers.id, customer.id));

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
    if (e.code === 'wrong_inputs' && e.fieldErrors.length) {
      const fieldErrors: Record<string, string> = {};
      for (const f of e.fieldErrors) fieldErrors[formFieldForWireParam(f.param) ?? 'form'] ??= `Flexiti: ${f.msg}`;
      return { ok: false, kind: 'invalid', fieldErrors, message: 'Flexiti did not accept some of the details.' };
    }
    return {
      ok: false,
      kind: 'error',
      referenceId,
      message: `Flexiti could not open its window right now (${e.code}). Nothing was charged. ${supportRef(referenceId)}`,
    };
  }

  const stored = await db.transaction(async (tx) => {
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
    return { ok: false, kind: 'error', message: 'This checkout has just finished in another window. Check My orders.' };
  }
  return { ok: true, orderId: order.id, redirectionUrl: session.redirectionUrl, referenceId };
}

type FlowRow = typeof checkoutFlows.$inferSelect;

const sameSession = (a: string, b: string | null) =>
  !!b && a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();

/**
 * Acts on a widget message for one of the customer's orders: the next step of the §A.5 table,
 * run here on the server. Exactly one request acts per widget session (a claim on the flow row),
 * so a replayed or doubled message cannot authorize twice.
 */
export async function handleWidgetEvent(
  customer: CheckoutCustomer,
  orderId: string,
  event: FlexitiWidgetEvent,
  deps: CheckoutDeps = {},
): Promise<WidgetOutcome> {
  const db = await getDb();
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customer.id)))
    .limit(1);
  if (!order) return { kind: 'not_found', message: 'We could not find this checkout.' };
  if (order.state === 'CONFIRMED' || order.state === 'ACTIVE' || order.state === 'FULFILLED') {
    return { kind: 'paid', orderId };
  }
  const stale = (message: string): WidgetOutcome => ({ kind: 'stale', orderId, message });
  if (order.state !== 'PENDING_PAYMENT') return stale('This checkout has already ended. Start again from the plan.');
  const [flow] = await db.select().from(checkoutFlows).where(eq(checkoutFlows.orderId, orderId)).limit(1);
  if (!flow?.widgetSessionId) return stale('This checkout has no open Flexiti window. Start again.');
  if (event.eventType === 'flx-success' && !sameSession(event.eventData.widget_session_id, flow.widgetSessionId)) {
    return stale('This Flexiti window was replaced by a newer one (another tab?). Continue in the newest window.');
  }

  const [claimed] = await db
    .update(checkoutFlows)
    .set({ claimedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(checkoutFlows.orderId, orderId),
        eq(checkoutFlows.widgetSessionId, flow.widgetSessionId),
        isNull(checkoutFlows.claimedAt),
      ),
    )
    .returning();
  if (!claimed) return stale('This Flexiti answer is already being handled. Check My orders.');

  const step = nextStepAfterWidget(flow.flow, event, flow.widgetSessionId);
  const ctx: FlowContext = {
    referenceId: flow.referenceId,
    correlationId: flow.correlationId,
    orderId,
    accessToken: flow.accessToken ?? undefined,
  };
  const client = deps.client ?? getFlexitiClient();
  const note = async (cause: string, detail?: Record<string, unknown>) =>
    recordOrderNote(db, {
      orderId,
      state: 'PENDING_PAYMENT',
      cause,
      detail: { referenceId: flow.referenceId, ...detail },
    });

  switch (step.kind) {
    case 'cancelled':
      // Issue 4 §C: cancel goes back to the checkout with the form filled. The order stays open
      // (PENDING_PAYMENT), so trying again reuses it; the cancel is on its history.
      await note('flexiti.cancelled');
      return {
        kind: 'cancelled',
        orderId,
        message: 'You closed the Flexiti window. Nothing was charged; your details are still here.',
      };
    case 'activation':
      await note('flexiti.activation_needed');
      return {
        kind: 'activation',
        orderId,
        url: FLEXITI_ACTIVATION_URL,
        message: 'Your Flexiti account needs to be activated first. Activate it at Flexiti, then come back and pay.',
      };
    case 'switch-to-apply':
      await note('flexiti.switch_to_apply');
      return {
        kind: 'switch',
        orderId,
        to: 'apply',
        message: 'You chose to apply for Flexiti financing. Complete the application below.',
      };
    case 'switch-to-purchase':
      await note('flexiti.switch_to_purchase', { accountNumber: step.accountNumber });
      return {
        kind: 'switch',
        orderId,
        to: 'purchase',
        accountNumber: step.accountNumber,
        message: 'Flexiti found your existing account. Pay with it below.',
      };
    case 'retry':
      await note('flexiti.retry');
      return { kind: 'retry', orderId, message: 'Flexiti asked to try again. Continue to open a new Flexiti window.' };
    case 'unverified':
      return fail(db, order, flow, 'flexiti.unverified', {
        message:
          'Flexiti could not verify your account, so nothing was charged. You can apply for Flexiti financing instead.',
        offer: 'apply',
      });
    case 'derogatory':
      return fail(db, order, flow, 'flexiti.derogatory', {
        message: 'Flexiti cannot finance this purchase on your account. Nothing was charged.',
      });
    case 'failed':
      return fail(db, order, flow, 'flexiti.widget_failure', {
        message: `Flexiti could not complete the request. Nothing was charged. ${supportRef(flow.referenceId)}`,
        referenceId: flow.referenceId,
        detail: { status: step.status ?? null, widgetMessage: step.message.slice(0, 200) },
      });
    case 'apply': {
      let accountNumber: string;
      try {
        const application = await client.apply(flow.form as unknown as FlexitiApplyForm, step.widgetSessionId, ctx);
        accountNumber = application.accountNumber;
      } catch (e) {
        return failFromError(db, order, flow, e, 'apply');
      }
      await note('flexiti.application_approved', { accountNumber });
      return authorizeAndConfirm(db, client, order, flow, ctx, accountNumber, step.widgetSessionId);
    }
    case 'authorize':
      return authorizeAndConfirm(db, client, order, flow, ctx, step.accountNumber, step.widgetSessionId);
  }
}

/** The flow's token and form are only needed while the order is open (PII, secret). */
const forgetFlow = (tx: DbOrTx, orderId: string) =>
  tx
    .update(checkoutFlows)
    .set({ accessToken: null, form: null, updatedAt: new Date() })
    .where(eq(checkoutFlows.orderId, orderId));

async function fail(
  db: Db,
  order: Order,
  flow: FlowRow,
  cause: string,
  o: { message: string; offer?: Route; referenceId?: string; detail?: Record<string, unknown> },
): Promise<WidgetOutcome> {
  const moved = await db.transaction(async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: order.id,
      from: 'PENDING_PAYMENT',
      to: 'PAYMENT_FAILED',
      cause,
      detail: { referenceId: flow.referenceId, ...o.detail },
      patch: { failureReason: o.message },
    });
    if (updated) await forgetFlow(tx, order.id);
    return updated;
  });
  if (!moved) return { kind: 'stale', orderId: order.id, message: 'This checkout has already ended. Check My orders.' };
  return { kind: 'failed', orderId: order.id, message: o.message, offer: o.offer, referenceId: o.referenceId };
}

const DECLINE_MESSAGES: Partial<Record<string, { message: string; offer?: Route }>> = {
  credit_exceeded: {
    message: 'Your Flexiti account does not have enough available credit for this plan. Nothing was charged.',
    offer: 'apply',
  },
  user_not_able_to_purchase: { message: 'Flexiti cannot finance this purchase on your account. Nothing was charged.' },
  application_declined: {
    message:
      'Flexiti declined the application. Nothing was charged. If you already have a Flexiti account, use it instead.',
    offer: 'purchase',
  },
  customer_already_exists: {
    message: 'Flexiti says you already have an account. Nothing was charged. Pay with your Flexiti account instead.',
    offer: 'purchase',
  },
  not_verified: {
    message: 'Flexiti could not verify you for this purchase. Nothing was charged. You can try the other option.',
  },
  customer_identity_not_found: {
    message: 'Flexiti could not verify you for this purchase. Nothing was charged. You can try the other option.',
  },
};

function failFromError(db: Db, order: Order, flow: FlowRow, e: unknown, step: 'apply' | 'authorize') {
  if (!(e instanceof FlexitiError)) throw e;
  const code = e.code.startsWith('application_declined') ? 'application_declined' : e.code;
  const known = DECLINE_MESSAGES[code];
  const offer: Route | undefined = known ? (known.offer ?? (flow.flow === 'apply' ? 'purchase' : 'apply')) : undefined;
  return fail(db, order, flow, `flexiti.${step}_${e.isCustomerDecline ? 'declined' : 'error'}`, {
    message: known
      ? known.message
      : `Flexiti could not take the payment (${e.code}). Nothing was charged. ${supportRef(flow.referenceId)}`,
    offer,
    referenceId: known ? undefined : flow.referenceId,
    detail: { code: e.code, status: e.status, operation: e.operation },
  });
}

async function authorizeAndConfirm(
  db: Db,
  client: FlexitiClient,
  order: Order,
  flow: FlowRow,
  ctx: FlowContext,
  accountNumber: string,
  widgetSessionId: string,
): Promise<WidgetOutcome> {
  let authorization;
  try {
    authorization = await client.authorize(
      // contracts §A.6: our order id as `reference`, auto_capture for a digital plan.
      { accountNumber, amountCents: order.amountCents, reference: order.id, widgetSessionId, autoCapture: true },
      ctx,
    );
  } catch (e) {
    // No idempotency key at Flexiti: after a timeout, look the authorization up by our reference
    // before deciding (D20: poll, no webhooks).
    if (e instanceof FlexitiError && e.details.outcomeUnknown) {
      const found = await client
        .findAuthorizationByReference(accountNumber, order.id, { correlationId: ctx.correlationId, orderId: order.id })
        .catch(() => null);
      if (found) authorization = found;
    }
    if (!authorization) return failFromError(db, order, flow, e, 'authorize');
  }

  const confirmed = await db.transaction(async (tx) => {
    const updated = await transitionOrder(tx, {
      orderId: order.id,
      from: 'PENDING_PAYMENT',
      to: 'CONFIRMED',
      cause: 'flexiti.authorized',
      detail: {
        referenceId: flow.referenceId,
        authorizationId: authorization.authorizationId,
        captureId: authorization.captureId,
        status: authorization.status,
      },
      patch: {
        flexitiAccountNumber: accountNumber,
        authorizationId: authorization.authorizationId,
        captureId: authorization.captureId,
        confirmedAt: new Date(),
      },
    });
    if (!updated) return null;
    await forgetFlow(tx, order.id);
    // Fulfilment seam: the outbox jobs commit with the confirmation (lib/orders/fulfilment.ts).
    const jobIds = await enqueueConfirmationJobs(tx, updated);
    return { updated, jobIds };
  });
  if (!confirmed) {
    // Authorized at Flexiti but the order moved meanwhile: keep the evidence for ops.
    await recordOrderNote(db, {
      orderId: order.id,
      state: order.state,
      cause: 'flexiti.authorized_after_close',
      detail: { authorizationId: authorization.authorizationId, referenceId: flow.referenceId },
    });
    return { kind: 'stale', orderId: order.id, message: 'This checkout had already ended. Our team will check it.' };
  }
  // First attempt inline; whatever fails is the outbox worker's to retry. Never the customer's error.
  await runJobsNow(confirmed.jobIds).catch(() => undefined);
  return { kind: 'paid', orderId: order.id };
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
