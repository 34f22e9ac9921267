import { accessEndsAt, type Term } from '@/lib/catalog/term';

/**
 * The store's money rules in one place (docs/refund-policy.md), pure and isomorphic: the checkout
 * and the cancel dialog show the same numbers the server applies.
 *
 * - A purchase is one fixed term of access from the payment, a month or a year
 *   (lib/catalog/term.ts: the same day of the next month or year).
 * - Refund: the whole amount until the plan is activated; after activation and before the end of
 *   the return window, the unused whole days of the term, pro rata by day (a started day counts as
 *   used); nothing after the window (the cancel is refused then, the plan runs to its end).
 */

export const DAY_MS = 86_400_000;

/** A checkout is valid for the life of its Flexiti flow: after this the customer confirms the price again. */
export const CHECKOUT_VALID_MS = 30 * 60_000;

export type RefundRule = 'full_before_activation' | 'pro_rata_unused_days' | 'none_after_window';

export interface RefundDecision {
  rule: RefundRule;
  refundCents: number;
  /** Days of the term counted as used (a started day is used); 0 before activation. */
  usedDays: number;
  termDays: number;
}

/** Whole days in the term bought at `purchasedAt` (28 to 31 for a month, 365 or 366 for a year). */
export function termDays(purchasedAt: Date, term: Term): number {
  return Math.round((accessEndsAt(purchasedAt, term).getTime() - purchasedAt.getTime()) / DAY_MS);
}

/**
 * What a cancellation at `now` gives back. `windowEndsAt` is the end of the return window
 * (`lastFulfillmentAt`): at that instant and after, nothing (the window is closed at its end).
 */
export function refundFor(args: {
  amountCents: number;
  term: Term;
  activated: boolean;
  purchasedAt: Date;
  windowEndsAt: Date | null;
  now: Date;
}): RefundDecision {
  const days = termDays(args.purchasedAt, args.term);
  if (args.windowEndsAt && args.now.getTime() >= args.windowEndsAt.getTime()) {
    return { rule: 'none_after_window', refundCents: 0, usedDays: days, termDays: days };
  }
  if (!args.activated) {
    return { rule: 'full_before_activation', refundCents: args.amountCents, usedDays: 0, termDays: days };
  }
  const elapsed = Math.max(0, args.now.getTime() - args.purchasedAt.getTime());
  // A started day is a used day: at the payment instant itself the first day has started.
  const usedDays = Math.min(days, Math.floor(elapsed / DAY_MS) + 1);
  const refundCents = Math.floor((args.amountCents * (days - usedDays)) / days);
  return { rule: 'pro_rata_unused_days', refundCents, usedDays, termDays: days };
}

/** When the plan bought by an order ends: one term after the payment (lib/catalog/term.ts). */
export function planEndsAt(args: { term: Term; purchasedAt: Date }): Date {
  return accessEndsAt(args.purchasedAt, args.term);
}
