import type { OrderState } from '@/lib/db/schema';

/**
 * How the store shows orders to the customer who placed them (isomorphic, no server imports):
 * which orders My orders lists first, which history entries they read and in what words.
 * Ops sees every order and every raw cause; the customer sees what they did and what it means.
 */

/** Checkouts that never took money: listed behind "Show unfinished attempts". */
const UNFINISHED: readonly OrderState[] = ['PENDING_PAYMENT', 'PAYMENT_FAILED', 'CANCELLED_BY_CUSTOMER'];

export function isUnfinishedAttempt(state: OrderState): boolean {
  return UNFINISHED.includes(state);
}

/** Paid (or being confirmed, or cancelled after paying) first, then the unfinished attempts; newest first in each. */
export function splitCustomerOrders<O extends { state: OrderState; createdAt: Date }>(list: O[]) {
  const newestFirst = [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return {
    orders: newestFirst.filter((o) => !isUnfinishedAttempt(o.state)),
    unfinished: newestFirst.filter((o) => isUnfinishedAttempt(o.state)),
  };
}

/** The badge's message key: "Completed" only when the plan was actually delivered (activated). */
export function customerStateKey(state: OrderState, entitlementStatus: string | null): string {
  if (state === 'FULFILLED' && entitlementStatus !== 'ACTIVE') return 'FULFILLED_NOT_ACTIVATED';
  return state;
}

/** Causes the customer reads (message keys under History; dots become underscores). */
const CUSTOMER_CAUSES = new Set([
  'checkout.started',
  'flexiti.widget_opened',
  'flexiti.widget_init_failed',
  'flexiti.cancelled',
  'flexiti.activation_needed',
  'flexiti.switch_to_apply',
  'flexiti.switch_to_purchase',
  'flexiti.retry',
  'flexiti.flow_expired',
  'flexiti.application_approved',
  'flexiti.authorized',
  'flexiti.authorized_after_close',
  'flexiti.unverified',
  'flexiti.derogatory',
  'flexiti.widget_failure',
  'flexiti.authorization_requested',
  'flexiti.authorization_outcome_unknown',
  'flexiti.apply_outcome_unknown',
  'flexiti.reconciled_captured',
  'flexiti.reconciled_captured_now',
  'flexiti.reconciled_not_found',
  'staff.payment_confirmed',
  'staff.payment_failed',
  'flexiti.orphan_released',
  'flexiti.orphan_returned',
  'flexiti.refund_returned',
  'flexiti.refund_released',
  'customer.cancelled',
  'fulfilment.undeliverable',
  'opentv.entitlement_created',
  'opentv.activated',
  'opentv.entitlement_cancelled',
  'fulfilment.return_window_ended',
  'recovery.authorization_never_requested',
]);

export interface HistoryEvent {
  id: number;
  fromState: string | null;
  toState: string;
  cause: string;
  createdAt: Date;
  /** `clockAheadMs`: the event happened on a clock ahead of real time (a moved sandbox clock). */
  detail?: unknown;
}

export interface CustomerHistoryEntry {
  id: number;
  /** History.<key> */
  key: string;
  /** The state the order moved to, when it moved. */
  toState: string | null;
  /** When it happened, on the clock it happened on (a moved sandbox clock: `clockAheadMs` ahead). */
  at: Date;
  clockAheadMs?: number;
}

/** How far ahead of real time the event's clock was (a sandbox clock moved for a demo), if at all. */
function clockAheadOf(e: HistoryEvent): number | undefined {
  const ahead = (e.detail as { clockAheadMs?: unknown } | null | undefined)?.clockAheadMs;
  return typeof ahead === 'number' && ahead > 0 ? ahead : undefined;
}

function keyFor(cause: string): string | null {
  if (CUSTOMER_CAUSES.has(cause)) return cause.replace('.', '_');
  // A decline or error at a Flexiti step (flexiti.apply_declined, flexiti.authorize_error, …).
  if (/^flexiti\.\w+_declined$/.test(cause)) return 'flexiti_declined';
  if (/^flexiti\.(apply|authorize|capture)_error$/.test(cause)) return 'flexiti_error';
  return null;
}

/**
 * The order's history in customer words. Internal notes (outbox, reconciliation look-ups, OpenTV
 * bookkeeping, refunds with nothing to refund) are left out; a change of state with an internal
 * cause still shows as "Order updated". Each Flexiti window opening is listed once.
 */
export function customerHistory(events: HistoryEvent[]): CustomerHistoryEntry[] {
  const out: CustomerHistoryEntry[] = [];
  const seen = new Set<string>();
  for (const e of events) {
    const moved = e.fromState !== e.toState;
    const key = keyFor(e.cause) ?? (moved ? 'updated' : null);
    if (!key) continue;
    if (key === 'flexiti_widget_opened' && seen.has(key)) continue;
    seen.add(key);
    const ahead = clockAheadOf(e);
    out.push({
      id: e.id,
      key,
      toState: moved ? e.toState : null,
      at: ahead ? new Date(e.createdAt.getTime() + ahead) : e.createdAt,
      ...(ahead ? { clockAheadMs: ahead } : {}),
    });
  }
  return out;
}
