import 'server-only';
import { notice, type Notice, type NoticeKey } from '@/lib/i18n/notice';
import { eq } from 'drizzle-orm';
import { type Db, type DbOrTx } from '@/lib/db/client';
import { checkoutFlows } from '@/lib/db/schema';
import { declineOf, isFlexitiError, type DeclineReason } from '@/lib/partners/flexiti';
import { failPayment } from '../payment/outcome';
import { recordOrderNote, type Order } from '../transitions';
import { spokenOrderId } from '../order-id';
import { type FlowRow, type CheckoutPath, type WidgetOutcome } from './types';

/**
 * How a checkout ends badly: the order to PAYMENT_FAILED with the notice the customer sees, and
 * Flexiti's decline codes mapped to those notices (docs/partners/flexiti.md#transactions).
 */

export const WINDOW_CLOSED = new Set(['cancelled', 'activation', 'switch-to-apply', 'switch-to-purchase', 'retry']);

export const dropFlowToken = (tx: DbOrTx, orderId: string) =>
  tx.update(checkoutFlows).set({ accessToken: null, updatedAt: new Date() }).where(eq(checkoutFlows.orderId, orderId));

export async function fail(
  db: Db,
  order: Order,
  flow: FlowRow,
  cause: string,
  o: {
    message: string;
    notice: Notice;
    offer?: CheckoutPath;
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

export const verifying = (orderId: string): WidgetOutcome => ({
  kind: 'verifying',
  orderId,
  ...notice('verifying'),
});

/** What the customer is told for each way Flexiti declines them (lib/partners/flexiti/decline.ts). */
const DECLINE_NOTICES: Record<DeclineReason, NoticeKey> = {
  credit_exceeded: 'creditExceeded',
  cannot_finance: 'cannotFinance',
  application_declined: 'applicationDeclined',
  already_has_account: 'alreadyHasAccount',
  not_verified: 'notVerified',
};

/**
 * Less than this left on the flow's token: Flexiti is not asked any more (the call would be
 * refused, or the token run out mid-call); the flow ends as timed out.
 */
const TOKEN_MARGIN_MS = 1_000;

/** The flow's token has run out, or is about to (docs/partners/flexiti.md#flow-token). */
export const flowTokenRunOut = (flow: FlowRow, now = Date.now()) =>
  !!flow.tokenExpiresAt && flow.tokenExpiresAt.getTime() - now < TOKEN_MARGIN_MS;

/**
 * A flow that outlived its token before any money was asked for (docs/partners/flexiti.md#flow-token):
 * never "payment failed". The order stays open for a new flow with a new token, and the customer
 * is told the session timed out, nothing was charged, and to start again.
 */
export async function timedOut(
  db: Db,
  order: Order,
  flow: FlowRow,
  detail: Record<string, unknown>,
): Promise<WidgetOutcome> {
  await dropFlowToken(db, order.id);
  await recordOrderNote(db, {
    orderId: order.id,
    state: 'PENDING_PAYMENT',
    cause: 'flexiti.flow_expired',
    detail: { referenceId: flow.referenceId, ...detail },
  });
  return { kind: 'expired', orderId: order.id, ...notice('sessionTimedOut') };
}

export async function failFromError(
  db: Db,
  order: Order,
  flow: FlowRow,
  e: unknown,
  step: 'apply' | 'authorize',
): Promise<WidgetOutcome> {
  if (!isFlexitiError(e)) throw e;
  if (e.tokenRefused) {
    // Flexiti refused the flow's token (401): a definite no, before anything was processed.
    const detail = { code: e.code, status: e.status, operation: e.operation };
    if (step === 'apply') return timedOut(db, order, flow, detail);
    // The intent is recorded (PAYMENT_VERIFYING), so the order ends; the customer still reads
    // "timed out, nothing charged, start again", and starting again opens a new order.
    const ended = await fail(db, order, flow, 'flexiti.flow_expired', {
      ...notice('sessionTimedOut'),
      detail,
      from: 'PAYMENT_VERIFYING',
    });
    return ended.kind === 'failed' ? { kind: 'expired', orderId: order.id, ...notice('sessionTimedOut') } : ended;
  }
  if (step === 'apply' && e.outcomeUnknown) {
    // No answer to `/apply`: Flexiti may have opened the account. No money moved (`/authorization`
    // comes only after an approval), so this payment attempt ends, but the customer is not told
    // "declined": they are sent to the purchase route, where an account Flexiti did open works.
    return fail(db, order, flow, 'flexiti.apply_outcome_unknown', {
      ...notice('applicationUnconfirmed', { reference: spokenOrderId(order.id) }),
      offer: 'purchase',
      referenceId: flow.referenceId,
      detail: { code: e.code, status: e.status, operation: e.operation },
    });
  }
  const from = step === 'authorize' ? 'PAYMENT_VERIFYING' : 'PENDING_PAYMENT';
  const decline = declineOf(e);
  const offer: CheckoutPath | undefined = decline
    ? (decline.offer ?? (flow.flow === 'apply' ? 'purchase' : 'apply'))
    : undefined;
  return fail(db, order, flow, `flexiti.${step}_${decline ? 'declined' : 'error'}`, {
    ...(decline
      ? notice(DECLINE_NOTICES[decline.reason])
      : notice('paymentError', { reference: spokenOrderId(order.id) })),
    offer,
    referenceId: decline ? undefined : flow.referenceId,
    detail: { code: e.code, status: e.status, operation: e.operation },
    from,
  });
}
