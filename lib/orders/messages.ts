import type { OrderState } from '@/lib/db/schema';

/**
 * The English text of the order flows, kept apart from the flow logic: what an order's record says
 * (a failure reason, the staff console's state labels) and the staff-facing
 * reasons of refused cancels. What a customer reads in the store comes from the i18n messages
 * (lib/i18n/messages/{en,fr}.json) by key: checkout notices, cancel refusals, account linking.
 */

/** The staff console's name for each order state. */
export const STATE_LABELS: Record<OrderState, string> = {
  PENDING_PAYMENT: 'Awaiting payment',
  PAYMENT_VERIFYING: 'Confirming payment with Flexiti',
  PAYMENT_FAILED: 'Payment not completed',
  CANCELLED_BY_CUSTOMER: 'Checkout cancelled',
  CONFIRMED: 'Paid, activation pending',
  ACTIVE: 'Active',
  FULFILLED: 'Completed',
  CANCELLED: 'Cancelled and refunded',
};

const dateText = (d: Date) => new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);

/** Why a cancel was refused (the store shows `Order.cancelRefused.<reason>` instead). */
export const CANCEL_REFUSED = {
  notFound: 'We could not find this order.',
  fulfilled: 'This order is complete: its cancellation period has ended, so it can no longer be cancelled.',
  notCancellable: 'This order cannot be cancelled.',
  windowClosed: (endedAt: Date) =>
    `The cancellation period ended on ${dateText(endedAt)}, so this order can no longer be cancelled.`,
};

/** Why a reconciled payment failed, recorded as the order's failure reason. */
export const PAYMENT_NOT_FOUND =
  'Flexiti has no payment for this order, so nothing was charged. You can buy the plan again.';
export const PAYMENT_FAILED_BY_STAFF =
  'We could not confirm this payment with Flexiti, so our team cancelled it: anything held for it is given back. You can buy the plan again.';
export const PAYMENT_NOT_REQUESTED =
  'The payment was interrupted before it was sent to Flexiti, so nothing was charged. You can buy the plan again.';

/** Why a paid order was cancelled by the store (its failure reason; the customer reads Order.undeliverable). */
export const UNDELIVERABLE =
  'OpenTV refused to set up this plan, so it cannot be delivered: the order was cancelled and the whole amount refunded.';
