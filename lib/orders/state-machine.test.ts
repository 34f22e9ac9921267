import { describe, expect, it } from 'vitest';
import { ORDER_STATES } from '@/lib/db/schema';
import { canTransition, isCancellable, isPaid, isPaymentOpen, isTerminal, wasPaid } from './state-machine';

describe('order state machine', () => {
  it('lets a paid order be activated, fulfilled or cancelled, and nothing after a terminal state', () => {
    expect(canTransition('PENDING_PAYMENT', 'CONFIRMED')).toBe(true);
    expect(canTransition('CONFIRMED', 'ACTIVE')).toBe(true);
    expect(canTransition('ACTIVE', 'FULFILLED')).toBe(true);
    expect(canTransition('ACTIVE', 'CANCELLED')).toBe(true);
    expect(canTransition('PENDING_PAYMENT', 'FULFILLED')).toBe(false);
    expect(canTransition('CONFIRMED', 'PENDING_PAYMENT')).toBe(false);
    // An unknown payment outcome is decided by Flexiti only: paid or failed, never back to open.
    expect(canTransition('PENDING_PAYMENT', 'PAYMENT_VERIFYING')).toBe(true);
    expect(canTransition('PAYMENT_VERIFYING', 'CONFIRMED')).toBe(true);
    expect(canTransition('PAYMENT_VERIFYING', 'PAYMENT_FAILED')).toBe(true);
    expect(canTransition('PAYMENT_VERIFYING', 'PENDING_PAYMENT')).toBe(false);
    expect(canTransition('PAYMENT_VERIFYING', 'CANCELLED_BY_CUSTOMER')).toBe(false);
    expect(isTerminal('PAYMENT_VERIFYING')).toBe(false);
    for (const terminal of ['FULFILLED', 'CANCELLED', 'PAYMENT_FAILED', 'CANCELLED_BY_CUSTOMER'] as const) {
      expect(isTerminal(terminal)).toBe(true);
      for (const to of ORDER_STATES) expect(canTransition(terminal, to)).toBe(false);
    }
  });

  it('allows customer cancellation only for paid, unfinished orders', () => {
    expect(ORDER_STATES.filter(isCancellable)).toEqual(['CONFIRMED', 'ACTIVE']);
  });

  it('names the paid states once: paid, was paid, payment still open, fulfillable', () => {
    expect(ORDER_STATES.filter(isPaid)).toEqual(['CONFIRMED', 'ACTIVE', 'FULFILLED']);
    expect(ORDER_STATES.filter(wasPaid)).toEqual(['CONFIRMED', 'ACTIVE', 'FULFILLED', 'CANCELLED']);
    expect(ORDER_STATES.filter(isPaymentOpen)).toEqual(['PENDING_PAYMENT', 'PAYMENT_VERIFYING']);
    expect(ORDER_STATES.filter((s) => canTransition(s, 'FULFILLED'))).toEqual(['CONFIRMED', 'ACTIVE']);
  });
});
