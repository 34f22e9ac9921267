import type { OrderState } from '@/lib/db/schema';

/**
 * Our order lifecycle. OMS sees only CONFIRMED → FULFILLED | CANCELLED (contracts/ultra.md §8.3);
 * ACTIVE is ours (the OpenTV entitlement was activated) and still reports as confirmed.
 */
const TRANSITIONS: Record<OrderState, readonly OrderState[]> = {
  PENDING_PAYMENT: ['CONFIRMED', 'PAYMENT_FAILED', 'CANCELLED_BY_CUSTOMER'],
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

export const STATE_LABELS: Record<OrderState, string> = {
  PENDING_PAYMENT: 'Awaiting payment',
  PAYMENT_FAILED: 'Payment not completed',
  CANCELLED_BY_CUSTOMER: 'Checkout cancelled',
  CONFIRMED: 'Paid, activation pending',
  ACTIVE: 'Active',
  FULFILLED: 'Completed',
  CANCELLED: 'Cancelled and refunded',
};
