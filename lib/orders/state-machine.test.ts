import { describe, expect, it } from 'vitest';
import { ORDER_STATES } from '@/lib/db/schema';
import { canTransition, isCancellable, isTerminal } from './state-machine';
import { newOrderId } from './order-id';

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

  it('makes short, unique, reference-safe order ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, newOrderId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^SP-[A-Z2-9]{10}$/);
  });
});
