import 'server-only';
import { maskAccountNumber } from '@/lib/security/mask';
import { notice, type NoticeKey } from '@/lib/i18n/notice';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/lib/db/client';
import { checkoutFlows, orders } from '@/lib/db/schema';
import { getFlexitiClient, isForWidgetSession, type FlowContext } from '@/lib/partners/flexiti';
import { FLEXITI_ACTIVATION_URL, nextStepAfterWidget, type FlexitiWidgetEvent } from '@/lib/partners/flexiti';
import { isPaid } from '../state-machine';
import { recordOrderNote } from '../transitions';
import { spokenOrderId } from '../order-id';
import type { ApplyForm } from './form-schema';
import { type CheckoutCustomer, type CheckoutDeps, type WidgetOutcome } from './types';
import { WINDOW_CLOSED, dropFlowToken, fail, failFromError, flowTokenRunOut, timedOut, verifying } from './outcome';
import { authorizeAndConfirm } from './authorize';
import { priceNoLongerShown } from './price';

/**
 * The widget's answer, acted on by the server (docs/partners/flexiti.md#next-step): the browser's
 * message only says which step comes next; `/apply` and `/authorization` decide.
 */

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
  // The order and its flow in one round trip; the claim below is still a compare-and-set on the flow.
  const [found] = await db
    .select({ order: orders, flow: checkoutFlows })
    .from(orders)
    .leftJoin(checkoutFlows, eq(checkoutFlows.orderId, orders.id))
    .where(and(eq(orders.id, orderId), eq(orders.customerId, customer.id)))
    .limit(1);
  if (!found) return { kind: 'not_found', ...notice('checkoutNotFound') };
  const { order, flow } = found;
  if (isPaid(order.state)) return { kind: 'paid', orderId };
  if (order.state === 'PAYMENT_VERIFYING') return verifying(orderId);
  const stale = (key: NoticeKey): WidgetOutcome => ({ kind: 'stale', orderId, ...notice(key) });
  if (order.state !== 'PENDING_PAYMENT') return stale('endedStartAgain');
  if (!flow?.widgetSessionId) return stale('noWindow');
  if (!isForWidgetSession(event, flow.widgetSessionId)) {
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
    const stale = await priceNoLongerShown(order, flow);
    if (stale) {
      await dropFlowToken(db, orderId);
      await note('checkout.price_to_confirm', { reason: stale, amountCents: order.amountCents });
      return { kind: 'expired', orderId, ...notice(stale === 'price' ? 'priceChanged' : 'checkoutExpired') };
    }
  }
  if (step.kind === 'failed' && String(step.status) === '401') {
    return timedOut(db, order, flow, { at: 'widget', widgetMessage: step.message.slice(0, 200) });
  }

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
        ...notice('widgetFailure', { reference: spokenOrderId(order.id) }),
        referenceId: flow.referenceId,
        detail: { status: step.status ?? null, widgetMessage: step.message.slice(0, 200) },
      });
    case 'apply': {
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
    case 'authorize':
      // What the recovery sweeper looks for if this process dies before the intent is recorded.
      await note('flexiti.widget_success', { flow: 'purchase' });
      return authorizeAndConfirm(db, client, order, flow, ctx, step.accountNumber, step.widgetSessionId);
  }
}
