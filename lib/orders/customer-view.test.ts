import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import type { OrderState } from '@/lib/db/schema';
import { customerHistory, customerStateKey, splitCustomerOrders, type HistoryEvent } from './customer-view';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 10, minute));
let id = 0;
const event = (cause: string, fromState: string | null, toState: string, minute = id): HistoryEvent => ({
  id: ++id,
  cause,
  fromState,
  toState,
  createdAt: at(minute),
});

describe('customerHistory', () => {
  it('shows an event that happened on a moved sandbox clock at that clock, marked, not minutes after purchase', () => {
    const paid = new Date('2030-01-01T15:00:00Z');
    const ended = new Date('2030-01-01T15:16:00Z');
    const [a, b] = customerHistory([
      { id: 1, fromState: 'PAYMENT_VERIFYING', toState: 'CONFIRMED', cause: 'flexiti.authorized', createdAt: paid },
      {
        id: 2,
        fromState: 'CONFIRMED',
        toState: 'FULFILLED',
        cause: 'fulfilment.return_window_ended',
        createdAt: ended,
        detail: { clockAheadMs: 8 * 86_400_000 },
      },
    ]);
    expect(a).not.toHaveProperty('clockAheadMs');
    expect(a!.at).toEqual(paid);
    expect(b!.clockAheadMs).toBe(8 * 86_400_000);
    expect(b!.at.toISOString()).toBe('2030-01-09T15:16:00.000Z');
  });

  it('words a cancel and its refund for the customer, never as an error', () => {
    const keys = customerHistory([
      event('customer.cancelled', 'ACTIVE', 'CANCELLED'),
      event('opentv.entitlement_cancelled', 'CANCELLED', 'CANCELLED'),
      event('flexiti.refund_returned', 'CANCELLED', 'CANCELLED'),
    ]).map((e) => e.key);
    expect(keys).toEqual(['customer_cancelled', 'opentv_entitlement_cancelled', 'flexiti_refund_returned']);
    expect(en.History.flexiti_refund_returned).toBe('Refund sent to your Flexiti account');
  });

  it('lists the Flexiti window opening once however often it opened', () => {
    const entries = customerHistory([
      event('checkout.started', null, 'PENDING_PAYMENT'),
      event('flexiti.widget_opened', 'PENDING_PAYMENT', 'PENDING_PAYMENT'),
      event('flexiti.cancelled', 'PENDING_PAYMENT', 'PENDING_PAYMENT'),
      event('flexiti.widget_opened', 'PENDING_PAYMENT', 'PENDING_PAYMENT'),
      event('flexiti.widget_opened', 'PENDING_PAYMENT', 'PENDING_PAYMENT'),
      event('flexiti.authorized', 'PENDING_PAYMENT', 'CONFIRMED'),
    ]);
    expect(entries.map((e) => e.key)).toEqual([
      'checkout_started',
      'flexiti_widget_opened',
      'flexiti_cancelled',
      'flexiti_authorized',
    ]);
    expect(entries.at(-1)!.toState).toBe('CONFIRMED');
    expect(entries[1]!.toState).toBeNull();
  });

  it('keeps internal notes out, but still shows a change of state', () => {
    const entries = customerHistory([
      event('opentv.entitlement_event', 'CONFIRMED', 'CONFIRMED'),
      event('flexiti.reconcile_capture_failed', 'PAYMENT_VERIFYING', 'PAYMENT_VERIFYING'),
      event('flexiti.refund_no_payment', 'CANCELLED', 'CANCELLED'),
      event('ops test order', 'PENDING_PAYMENT', 'CONFIRMED'),
    ]);
    expect(entries.map((e) => [e.key, e.toState])).toEqual([['updated', 'CONFIRMED']]);
  });

  it('words declines and errors at any Flexiti step', () => {
    const keys = customerHistory([
      event('flexiti.apply_declined', 'PENDING_PAYMENT', 'PAYMENT_FAILED'),
      event('flexiti.authorize_error', 'PENDING_PAYMENT', 'PAYMENT_FAILED'),
    ]).map((e) => e.key);
    expect(keys).toEqual(['flexiti_declined', 'flexiti_error']);
  });

  it('has English words for every key it produces', () => {
    const causes = [
      'checkout.started',
      'flexiti.authorization_requested',
      'flexiti.reconciled_not_found',
      'recovery.authorization_never_requested',
      'fulfilment.return_window_ended',
      'opentv.activated',
    ];
    for (const e of customerHistory(causes.map((c) => event(c, 'A', 'B')))) {
      expect(en.History, e.key).toHaveProperty(e.key);
    }
  });
});

describe('splitCustomerOrders', () => {
  const order = (id: string, state: OrderState, minute: number) => ({ id, state, createdAt: at(minute) });

  it('lists paid orders first, newest first, and puts unfinished attempts aside', () => {
    const { orders, unfinished } = splitCustomerOrders([
      order('paid-old', 'ACTIVE', 1),
      order('failed', 'PAYMENT_FAILED', 5),
      order('open', 'PENDING_PAYMENT', 6),
      order('paid-new', 'CONFIRMED', 3),
      order('refunded', 'CANCELLED', 2),
      order('checking', 'PAYMENT_VERIFYING', 4),
      order('closed', 'CANCELLED_BY_CUSTOMER', 0),
    ]);
    expect(orders.map((o) => o.id)).toEqual(['checking', 'paid-new', 'refunded', 'paid-old']);
    expect(unfinished.map((o) => o.id)).toEqual(['open', 'failed', 'closed']);
  });
});

describe('customerStateKey', () => {
  it('says Completed only for a plan that was activated', () => {
    expect(customerStateKey('FULFILLED', 'ACTIVE')).toBe('FULFILLED');
    expect(customerStateKey('FULFILLED', 'PENDING')).toBe('FULFILLED_NOT_ACTIVATED');
    expect(customerStateKey('FULFILLED', null)).toBe('FULFILLED_NOT_ACTIVATED');
    expect(customerStateKey('ACTIVE', 'ACTIVE')).toBe('ACTIVE');
  });
});
