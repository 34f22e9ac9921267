import 'server-only';
import { notice, type Notice, type NoticeKey } from '@/lib/i18n/notice';
import { eq } from 'drizzle-orm';
import { type Db, type DbOrTx } from '@/lib/db/client';
import { checkoutFlows } from '@/lib/db/schema';
import { FlexitiError } from '@/lib/partners/flexiti/errors';
import { failPayment } from '../payment/outcome';
import { type Order } from '../transitions';
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

export const DECLINE_MESSAGES: Partial<Record<string, { key: NoticeKey; offer?: Route }>> = {
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

export function failFromError(db: Db, order: Order, flow: FlowRow, e: unknown, step: 'apply' | 'authorize') {
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
