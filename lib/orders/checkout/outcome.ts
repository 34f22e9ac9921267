import 'server-only';
import { notice, type Notice, type NoticeKey } from '@/lib/i18n/notice';
import { eq } from 'drizzle-orm';
import { type Db, type DbOrTx } from '@/lib/db/client';
import { checkoutFlows } from '@/lib/db/schema';
import { declineOf, FlexitiError, type DeclineReason } from '@/lib/partners/flexiti';
import { failPayment } from '../payment/outcome';
import { type Order } from '../transitions';
import { spokenOrderId } from '../order-id';
import { type FlowRow, type Route, type WidgetOutcome } from './types';

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

export function failFromError(db: Db, order: Order, flow: FlowRow, e: unknown, step: 'apply' | 'authorize') {
  if (!(e instanceof FlexitiError)) throw e;
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
  const offer: Route | undefined = decline
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
