import 'server-only';
import { maskAccountNumber } from '@/lib/security/mask';
import { notice, type NoticeKey } from '@/lib/i18n/notice';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb, type Db } from '@/lib/db/client';
import { checkoutFlows, orders } from '@/lib/db/schema';
import { flexitiClient, isForWidgetSession, type FlowContext } from '@/lib/partners/flexiti';
import { FLEXITI_ACTIVATION_URL, nextStepAfterWidget, type FlexitiWidgetEvent } from '@/lib/partners/flexiti';
import { isPaid } from '../state-machine';
import { recordOrderNote, type Order } from '../transitions';
import { spokenOrderId } from '../order-id';
import type { ApplyForm } from './form-schema';
import { type CheckoutCustomer, type CheckoutDeps, type FlowRow, type WidgetOutcome } from './types';
import { WINDOW_CLOSED, dropFlowToken, fail, failFromError, flowTokenRunOut, timedOut, verifying } from './outcome';
import { authorizeAndConfirm } from './authorize';
import { priceNoLongerShown } from './price';

/**
 * The widget's answer, acted on by the server (docs/partners/flexiti.md#next-step): the browser's
 * message only says which step comes next; `/apply` and `/authorization` decide. In named steps:
 * find the order, check it still waits for this widget, claim the flow, check the token and the
 * price still hold, then act on the step.
 */

type Step = ReturnType<typeof nextStepAfterWidget>;
/** A flow with a widget window open. */
type OpenFlow = FlowRow & { widgetSessionId: string };
/** What every step after the claim works on. */
interface Claimed {
  db: Db;
  order: Order;
  flow: OpenFlow;
  /** A note on the order's history, with the flow's reference id. */
  note: (cause: string, detail?: Record<string, unknown>) => Promise<unknown>;
}

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
  const found = await orderAndFlow(db, customer, orderId);
  if (!found) return { kind: 'not_found', ...notice('checkoutNotFound') };
  const { order, flow } = found;
  const waiting = waitingForThisWidget(order, flow, event);
  if ('ended' in waiting) return waiting.ended;
  const open = waiting.flow;
  if (!(await claimFlow(db, orderId, open.widgetSessionId))) return stale(orderId, 'beingHandled');

  const claimed: Claimed = {
    db,
    order,
    flow: open,
    note: (cause, detail) =>
      recordOrderNote(db, {
        orderId,
        state: 'PENDING_PAYMENT',
        cause,
        detail: { referenceId: open.referenceId, ...detail },
      }),
  };
  const step = nextStepAfterWidget(open.flow, event, open.widgetSessionId);
  const ended = await tokenOrPriceNoLongerHolds(claimed, step);
  if (ended) return ended;

  // Outcomes that close this widget session without paying: its token is of no further use (a
  // new window gets a new token), so it goes now. Paid and failed drop it with the form below.
  if (WINDOW_CLOSED.has(step.kind)) await dropFlowToken(db, orderId);
  return actOnStep(claimed, step, deps);
}

const stale = (orderId: string, key: NoticeKey): WidgetOutcome => ({ kind: 'stale', orderId, ...notice(key) });

/** The order and its flow in one round trip; the claim below is still a compare-and-set on the flow. */
async function orderAndFlow(db: Db, customer: CheckoutCustomer, orderId: string) {
  const [found] = await db
    .select({ order: orders, flow: checkoutFlows })
    .from(orders)
    .leftJoin(checkoutFlows, eq(checkoutFlows.orderId, orders.id))
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customer.id)))
    .limit(1);
  return found;
}

/** The order's open flow when it still waits for this widget's message; else why not (paid, being verified, ended, another window). */
function waitingForThisWidget(
  order: Order,
  flow: FlowRow | null,
  event: FlexitiWidgetEvent,
): { flow: OpenFlow } | { ended: WidgetOutcome } {
  if (isPaid(order.state)) return { ended: { kind: 'paid', orderId: order.id } };
  if (order.state === 'PAYMENT_VERIFYING') return { ended: verifying(order.id) };
  if (order.state !== 'PENDING_PAYMENT') return { ended: stale(order.id, 'endedStartAgain') };
  if (!flow?.widgetSessionId) return { ended: stale(order.id, 'noWindow') };
  if (!isForWidgetSession(event, flow.widgetSessionId)) return { ended: stale(order.id, 'replaced') };
  return { flow: flow as OpenFlow };
}

/** Claims the widget session's flow for this request; false when another request already has. */
async function claimFlow(db: Db, orderId: string, widgetSessionId: string): Promise<boolean> {
  const [claimed] = await db
    .update(checkoutFlows)
    .set({ claimedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(checkoutFlows.orderId, orderId),
        eq(checkoutFlows.widgetSessionId, widgetSessionId),
        isNull(checkoutFlows.claimedAt),
      ),
    )
    .returning();
  return !!claimed;
}

/** The end of the checkout when its token ran out or the price shown no longer holds, or null to go on. */
async function tokenOrPriceNoLongerHolds(
  { db, order, flow, note }: Claimed,
  step: Step,
): Promise<WidgetOutcome | null> {
  // docs/partners/flexiti.md#flow-token: a flow past its token's life asks Flexiti nothing more
  // (it would refuse the token, and no other token may continue the flow); the widget saying so
  // (a failure with status 401) ends the same way: timed out, nothing charged, start again.
  if ((step.kind === 'apply' || step.kind === 'authorize') && flowTokenRunOut(flow)) {
    return timedOut(db, order, flow, { at: step.kind, tokenExpiresAt: flow.tokenExpiresAt?.toISOString() });
  }
  // docs/refund-policy.md#price: the money asked for is the price the customer saw, within the
  // life of the flow. Older than that, or the price changed since: nothing is asked, the order
  // stays open, and the customer sees the current price and confirms again.
  if (step.kind === 'apply' || step.kind === 'authorize') {
    const changed = await priceNoLongerShown(order, flow);
    if (changed) {
      await dropFlowToken(db, order.id);
      await note('checkout.price_to_confirm', { reason: changed, amountCents: order.amountCents });
      return {
        kind: 'expired',
        orderId: order.id,
        ...notice(changed === 'price' ? 'priceChanged' : 'checkoutExpired'),
      };
    }
  }
  if (step.kind === 'failed' && String(step.status) === '401') {
    return timedOut(db, order, flow, { at: 'widget', widgetMessage: step.message.slice(0, 200) });
  }
  return null;
}

/** The step itself: back to the checkout (window closed), a failed payment, or `/apply` and `/authorization`. */
async function actOnStep(claimed: Claimed, step: Step, deps: CheckoutDeps): Promise<WidgetOutcome> {
  const { db, order, flow, note } = claimed;
  const orderId = order.id;
  switch (step.kind) {
    case 'cancelled':
      // Cancel goes back to the checkout with the form filled. The order stays open
      // (PENDING_PAYMENT), so trying again reuses it; the cancel is on its history.
      await note('flexiti.cancelled');
      return { kind: 'cancelled', orderId, ...notice('closed') };
    case 'activation':
      await note('flexiti.activation_needed');
      return { kind: 'activation', orderId, url: FLEXITI_ACTIVATION_URL, ...notice('activationNeeded') };
    case 'switch-to-apply':
      await note('flexiti.switch_to_apply');
      return { kind: 'switch', orderId, to: 'apply', ...notice('switchApply') };
    case 'switch-to-purchase':
      await note('flexiti.switch_to_purchase', { accountNumber: maskAccountNumber(step.accountNumber) });
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
      return fail(db, order, flow, 'flexiti.unverified', { ...notice('unverified'), offer: 'apply' });
    case 'derogatory':
      return fail(db, order, flow, 'flexiti.derogatory', { ...notice('cannotFinance') });
    case 'failed':
      return fail(db, order, flow, 'flexiti.widget_failure', {
        ...notice('widgetFailure', { reference: spokenOrderId(order.id) }),
        referenceId: flow.referenceId,
        detail: { status: step.status ?? null, widgetMessage: step.message.slice(0, 200) },
      });
    case 'apply':
    case 'authorize':
      return payWithFlexiti(claimed, step, deps);
  }
}

/** A successful widget: `/apply` first for a new account (its number and limit noted), then `/authorization`. */
async function payWithFlexiti(
  { db, order, flow, note }: Claimed,
  step: Extract<Step, { kind: 'apply' | 'authorize' }>,
  deps: CheckoutDeps,
): Promise<WidgetOutcome> {
  const ctx: FlowContext = {
    referenceId: flow.referenceId,
    correlationId: flow.correlationId,
    orderId: order.id,
    accessToken: flow.accessToken ?? undefined,
  };
  const client = deps.client ?? flexitiClient();
  if (step.kind === 'authorize') {
    // What the recovery sweeper looks for if this process dies before the intent is recorded.
    await note('flexiti.widget_success', { flow: 'purchase' });
    return authorizeAndConfirm(db, client, order, flow, ctx, step.accountNumber, step.widgetSessionId);
  }
  await note('flexiti.widget_success', { flow: 'apply' });
  let accountNumber: string;
  let creditLimitCents: number | null;
  try {
    const application = await client.apply(flow.form as unknown as ApplyForm, step.widgetSessionId, ctx);
    ({ accountNumber, creditLimitCents } = application);
  } catch (e) {
    return failFromError(db, order, flow, e, 'apply');
  }
  // The new account and its limit: the order page tells the customer Flexiti opened it.
  await note('flexiti.application_approved', { accountNumber: maskAccountNumber(accountNumber), creditLimitCents });
  return authorizeAndConfirm(db, client, order, flow, ctx, accountNumber, step.widgetSessionId);
}
