import type { OrderState } from '@/lib/db/schema';

/**
 * Our order lifecycle. OMS sees only CONFIRMED → FULFILLED | CANCELLED (docs/partners/ultra.md#oms-state-machine);
 * ACTIVE is ours (the OpenTV entitlement was activated) and still reports as confirmed.
 * PAYMENT_VERIFYING is entered in its own transaction *before* `/authorization` is sent (the
 * intent), so a crash or a lost answer leaves an order that says "ask Flexiti", never a failure;
 * only Flexiti's answer or the reconciliation (lib/orders/payment/reconcile.ts) leaves it.
 */
const TRANSITIONS: Record<OrderState, readonly OrderState[]> = {
  PENDING_PAYMENT: ['PAYMENT_VERIFYING', 'CONFIRMED', 'PAYMENT_FAILED', 'CANCELLED_BY_CUSTOMER'],
  PAYMENT_VERIFYING: ['CONFIRMED', 'PAYMENT_FAILED'],
  PAYMENT_FAILED: [],
  CANCELLED_BY_CUSTOMER: [],
  CONFIRMED: ['ACTIVE', 'FULFILLED', 'CANCELLED'],
  ACTIVE: ['FULFILLED', 'CANCELLED'],
  FULFILLED: [],
  CANCELLED: [],
};

export function canTransition(from: OrderState, to: OrderState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(state: OrderState): boolean {
  return TRANSITIONS[state].length === 0;
}

/** Paid orders that the customer may still cancel (inside the return window). */
export function isCancellable(state: OrderState): boolean {
  return state === 'CONFIRMED' || state === 'ACTIVE';
}

/** The payment is not decided yet: the order may still become paid. */
export function isPaymentOpen(state: OrderState): boolean {
  return state === 'PENDING_PAYMENT' || state === 'PAYMENT_VERIFYING';
}

/** Paid at Flexiti (and not refunded): the states fulfilment runs in. For SQL filters too. */
export const PAID_STATES = ['CONFIRMED', 'ACTIVE', 'FULFILLED'] as const satisfies readonly OrderState[];

export function isPaid(state: OrderState): boolean {
  return (PAID_STATES as readonly OrderState[]).includes(state);
}

/** Paid at some point: still paid, or cancelled and refunded (the order page shows what happened). */
export function wasPaid(state: OrderState): boolean {
  return isPaid(state) || state === 'CANCELLED';
}

/**
 * At most one order per customer and product in these states (the `orders_one_live_plan` unique
 * index, lib/db/schema/store.ts): being paid, or paid and not ended by a state.
 */
export const ONE_LIVE_STATES = ['PAYMENT_VERIFYING', 'CONFIRMED', 'ACTIVE'] as const satisfies readonly OrderState[];
