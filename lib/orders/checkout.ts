import { notice, type Notice, type NoticeKey } from '@/lib/i18n/notice';
import 'server-only';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { getDb, type Db, type DbOrTx } from '@/lib/db/client';
import { checkoutFlows, customers, orderEvents, orders, outboxJobs, products } from '@/lib/db/schema';
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
import { getConfig } from '@/lib/config';
import { outboxNow } from '@/lib/outbox/clock';
import { enqueueReconcileJob } from './jobs/payment-reconcile';
import { runJobsNow } from './jobs/run-now';
import { newOrderId } from './order-id';
import { confirmPayment, failPayment } from './payment-outcome';
import { isPaid } from './state-machine';
import { recordOrderNote, transitionOrder, type Order } from './transitions';

/**
 * The Flexiti checkout (docs/partners/flexiti.md#widget-fields, #widget-events, #transactions):
 * create or reuse the customer's open order, open the widget, and act on its answer on the
 * server. The browser's message only says which step comes next; `/apply` and `/authorization`
 * decide, and only a successful `/authorization` confirms the order.
 */

type CheckoutCustomer = { id: string };
type Route = 'apply' | 'purchase';

export type StartCheckoutResult =
  | { ok: true; orderId: string; redirectionUrl: string; referenceId: string }
  | { ok: false; kind: 'invalid'; fieldErrors: Record<string, string>; message: string; notice?: Notice }
  | { ok: false; kind: 'not_found'; message: string; notice?: Notice }
  | { ok: false; kind: 'verifying'; orderId: string; message: string; notice?: Notice }
  | { ok: false; kind: 'error'; message: string; notice?: Notice; referenceId?: string };

export type WidgetOutcome =
  | { kind: 'paid'; orderId: string }
  /**
   * Flexiti's answer to `/authorization` was not a definite yes or no: the order is
   * PAYMENT_VERIFYING and is being reconciled. Never offer to pay again from here.
   */
  | { kind: 'verifying'; orderId: string; message: string; notice?: Notice }
  /** Payment not completed; the order is PAYMENT_FAILED. `offer` is the other route, if any. */
  | { kind: 'failed'; orderId: string; message: string; notice?: Notice; referenceId?: string; offer?: Route }
  | { kind: 'activation'; orderId: string; message: string; notice?: Notice; url: string }
  | { kind: 'cancelled'; orderId: string; message: string; notice?: Notice }
  | { kind: 'switch'; orderId: string; to: Route; accountNumber?: string; message: string; notice?: Notice }
  | { kind: 'retry'; orderId: string; message: string; notice?: Notice }
  /** This widget answer is not the order's current one (another tab, already handled). */
  | { kind: 'stale'; orderId: string; message: string; notice?: Notice }
  | { kind: 'not_found'; message: string; notice?: Notice };

export interface CheckoutDeps {
  client?: FlexitiClient;
}

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

  // The customer's language choice is remembered for the next checkout.
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
      return { ok: false, kind: 'invalid', fieldErrors, ...notice('detailsRefused') };
    }
    return {
      ok: false,
      kind: 'error',
      referenceId,
      ...notice('widgetInitFailed', { code: e.code, referenceId }),
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
    return { ok: false, kind: 'error', ...notice('finishedElsewhere') };
  }
  return { ok: true, orderId: order.id, redirectionUrl: session.redirectionUrl, referenceId };
}

type FlowRow = typeof checkoutFlows.$inferSelect;

const sameSession = (a: string, b: string | null) =>
  !!b && a.replace(/-/g, '').toLowerCase() === b.replace(/-/g, '').toLowerCase();

/**
 * Acts on a widget message for one of the customer's orders: the next step of the next-step table (docs/partners/flexiti.md#next-step),
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
  if (!order) return { kind: 'not_found', ...notice('checkoutNotFound') };
  if (isPaid(order.state)) return { kind: 'paid', orderId };
  if (order.state === 'PAYMENT_VERIFYING') return verifying(orderId);
  const stale = (key: NoticeKey): WidgetOutcome => ({ kind: 'stale', orderId, ...notice(key) });
  if (order.state !== 'PENDING_PAYMENT') return stale('endedStartAgain');
  const [flow] = await db.select().from(checkoutFlows).where(eq(checkoutFlows.orderId, orderId)).limit(1);
  if (!flow?.widgetSessionId) return stale('noWindow');
  if (event.eventType === 'flx-success' && !sameSession(event.eventData.widget_session_id, flow.widgetSessionId)) {
    return stale('replaced');
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
  if (!claimed) return stale('beingHandled');

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

  // Outcomes that close this widget session without paying: its token is of no further use (a
  // new window gets a new token), so it goes now. Paid and failed drop it with the form below.
  if (WINDOW_CLOSED.has(step.kind)) await dropFlowToken(db, orderId);

  switch (step.kind) {
    case 'cancelled':
      // Cancel goes back to the checkout with the form filled. The order stays open
      // (PENDING_PAYMENT), so trying again reuses it; the cancel is on its history.
      await note('flexiti.cancelled');
      return {
        kind: 'cancelled',
        orderId,
        ...notice('closed'),
      };
    case 'activation':
      await note('flexiti.activation_needed');
      return {
        kind: 'activation',
        orderId,
        url: FLEXITI_ACTIVATION_URL,
        ...notice('activationNeeded'),
      };
    case 'switch-to-apply':
      await note('flexiti.switch_to_apply');
      return {
        kind: 'switch',
        orderId,
        to: 'apply',
        ...notice('switchApply'),
      };
    case 'switch-to-purchase':
      await note('flexiti.switch_to_purchase', { accountNumber: step.accountNumber });
      return {
        kind: 'switch',
        orderId,
        to: 'purchase',
        accountNumber: step.accountNumber,
        ...notice('switchPurchase'),
      };
    case 'retry':
      await note('flexiti.retry');
      return { kind: 'retry', orderId, ...notice('retry') };
    case 'unverified':
      return fail(db, order, flow, 'flexiti.unverified', {
        ...notice('unverified'),
        offer: 'apply',
      });
    case 'derogatory':
      return fail(db, order, flow, 'flexiti.derogatory', {
        ...notice('cannotFinance'),
      });
    case 'failed':
      return fail(db, order, flow, 'flexiti.widget_failure', {
        ...notice('widgetFailure', { referenceId: flow.referenceId }),
        referenceId: flow.referenceId,
        detail: { status: step.status ?? null, widgetMessage: step.message.slice(0, 200) },
      });
    case 'apply': {
      await note('flexiti.widget_success', { flow: 'apply' });
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
      // What the recovery sweeper looks for if this process dies before the intent is recorded.
      await note('flexiti.widget_success', { flow: 'purchase' });
      return authorizeAndConfirm(db, client, order, flow, ctx, step.accountNumber, step.widgetSessionId);
  }
}

const WINDOW_CLOSED = new Set(['cancelled', 'activation', 'switch-to-apply', 'switch-to-purchase', 'retry']);

const dropFlowToken = (tx: DbOrTx, orderId: string) =>
  tx.update(checkoutFlows).set({ accessToken: null, updatedAt: new Date() }).where(eq(checkoutFlows.orderId, orderId));

async function fail(
  db: Db,
  order: Order,
  flow: FlowRow,
  cause: string,
  o: {
    message: string;
    notice: Notice;
    offer?: Route;
    referenceId?: string;
    detail?: Record<string, unknown>;
    from?: Order['state'];
  },
): Promise<WidgetOutcome> {
  const moved = await failPayment(db, {
    orderId: order.id,
    from: o.from ?? 'PENDING_PAYMENT',
    cause,
    reason: o.message,
    detail: { referenceId: flow.referenceId, ...o.detail },
  });
  if (!moved) return { kind: 'stale', orderId: order.id, ...notice('alreadyEnded') };
  return {
    kind: 'failed',
    orderId: order.id,
    message: o.message,
    notice: o.notice,
    offer: o.offer,
    referenceId: o.referenceId,
  };
}

const verifying = (orderId: string): WidgetOutcome => ({
  kind: 'verifying',
  orderId,
  ...notice('verifying'),
});

const DECLINE_MESSAGES: Partial<Record<string, { key: NoticeKey; offer?: Route }>> = {
  credit_exceeded: {
    key: 'creditExceeded',
    offer: 'apply',
  },
  user_not_able_to_purchase: { key: 'cannotFinance' },
  application_declined: {
    key: 'applicationDeclined',
    offer: 'purchase',
  },
  customer_already_exists: {
    key: 'alreadyHasAccount',
    offer: 'purchase',
  },
  not_verified: { key: 'notVerified' },
  customer_identity_not_found: { key: 'notVerified' },
};

function failFromError(db: Db, order: Order, flow: FlowRow, e: unknown, step: 'apply' | 'authorize') {
  if (!(e instanceof FlexitiError)) throw e;
  const from = step === 'authorize' ? 'PAYMENT_VERIFYING' : 'PENDING_PAYMENT';
  const code = e.code.startsWith('application_declined') ? 'application_declined' : e.code;
  const known = DECLINE_MESSAGES[code];
  const offer: Route | undefined = known ? (known.offer ?? (flow.flow === 'apply' ? 'purchase' : 'apply')) : undefined;
  return fail(db, order, flow, `flexiti.${step}_${e.isCustomerDecline ? 'declined' : 'error'}`, {
    ...(known ? notice(known.key) : notice('paymentError', { code: e.code, referenceId: flow.referenceId })),
    offer,
    referenceId: known ? undefined : flow.referenceId,
    detail: { code: e.code, status: e.status, operation: e.operation },
    from,
  });
}

/**
 * `/authorization` with the intent recorded first, in its own transaction: the order moves to
 * PAYMENT_VERIFYING and a reconciliation job is scheduled after a grace period. A crash at any
 * later point leaves an order that the job settles against Flexiti; an answer that is not a
 * definite yes or no (`FlexitiError.outcomeUnknown`) is reconciled at once.
 */
async function authorizeAndConfirm(
  db: Db,
  client: FlexitiClient,
  order: Order,
  flow: FlowRow,
  ctx: FlowContext,
  accountNumber: string,
  widgetSessionId: string,
): Promise<WidgetOutcome> {
  const { payments } = getConfig();
  const intent = await db.transaction(async (tx) => {
    const moved = await transitionOrder(tx, {
      orderId: order.id,
      from: 'PENDING_PAYMENT',
      to: 'PAYMENT_VERIFYING',
      cause: 'flexiti.authorization_requested',
      detail: { referenceId: flow.referenceId, accountNumber, amountCents: order.amountCents },
      patch: { flexitiAccountNumber: accountNumber },
    });
    if (!moved) return null;
    const now = await outboxNow(tx);
    return enqueueReconcileJob(tx, order.id, {
      runAt: new Date(now.getTime() + payments.reconcileGraceMs),
      notFoundAfter: new Date(Date.now() + payments.notFoundAfterMs),
    });
  });
  if (!intent) {
    return { kind: 'stale', orderId: order.id, ...notice('alreadyEnded') };
  }

  let authorization;
  try {
    authorization = await client.authorize(
      // docs/partners/flexiti.md#authorization: our order id as `reference`, auto_capture for a digital plan.
      { accountNumber, amountCents: order.amountCents, reference: order.id, widgetSessionId, autoCapture: true },
      ctx,
    );
  } catch (e) {
    if (e instanceof FlexitiError && !e.outcomeUnknown) return failFromError(db, order, flow, e, 'authorize');
    // Not a definite answer (or our own failure after sending): Flexiti may have taken the money.
    // Ask it now by our reference; the job keeps asking with backoff until it is definite.
    await recordOrderNote(db, {
      orderId: order.id,
      state: 'PAYMENT_VERIFYING',
      cause: 'flexiti.authorization_outcome_unknown',
      detail:
        e instanceof FlexitiError
          ? { referenceId: flow.referenceId, code: e.code, status: e.status }
          : { referenceId: flow.referenceId, error: e instanceof Error ? e.name : 'unknown' },
    });
    await runReconcileNow(db, intent.id);
    const [now] = await db.select({ state: orders.state }).from(orders).where(eq(orders.id, order.id));
    if (now && isPaid(now.state)) return { kind: 'paid', orderId: order.id };
    if (now?.state === 'PAYMENT_FAILED') {
      return { kind: 'failed', orderId: order.id, ...notice('notTaken') };
    }
    return verifying(order.id);
  }

  const confirmed = await confirmPayment(db, {
    orderId: order.id,
    from: 'PAYMENT_VERIFYING',
    cause: 'flexiti.authorized',
    accountNumber,
    authorization,
    detail: { referenceId: flow.referenceId },
  });
  if (!confirmed) {
    // Authorized at Flexiti but the order moved meanwhile (the reconciliation decided first):
    // keep the evidence; the reconciliation gives back any payment the order does not use.
    await recordOrderNote(db, {
      orderId: order.id,
      state: order.state,
      cause: 'flexiti.authorized_after_close',
      detail: { authorizationId: authorization.authorizationId, referenceId: flow.referenceId },
    });
    const [now] = await db.select({ state: orders.state }).from(orders).where(eq(orders.id, order.id));
    if (now && isPaid(now.state)) return { kind: 'paid', orderId: order.id };
    return { kind: 'stale', orderId: order.id, ...notice('endedTeamWillCheck') };
  }
  return { kind: 'paid', orderId: order.id };
}

/** Makes the order's reconciliation job due now and runs it once (the worker retries the rest). */
async function runReconcileNow(db: Db, jobId: number): Promise<void> {
  const now = await outboxNow(db);
  await db
    .update(outboxJobs)
    .set({ runAt: now, updatedAt: now })
    .where(and(eq(outboxJobs.id, jobId), eq(outboxJobs.status, 'pending')));
  await runJobsNow([jobId]);
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
