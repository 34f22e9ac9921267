/**
 * The store's money rules in one place (docs/refund-policy.md), pure and isomorphic: the checkout
 * and the cancel dialog show the same numbers the server applies.
 *
 * - A plan's period is 30 days (monthly) or 365 days (yearly), counted from its activation, or
 *   from the purchase when it was never activated.
 * - Refund: the whole amount until the plan is activated; after activation and before the end of
 *   the return window, the unused whole days of the period, pro rata (a started day counts as
 *   used); nothing after the window (the cancel is refused then, the plan runs to its end).
 */

export const DAY_MS = 86_400_000;

/** A checkout is valid for the life of its Flexiti flow: after this the customer confirms the price again. */
export const CHECKOUT_VALID_MS = 30 * 60_000;

export type BillingPeriod = 'month' | 'year';

export function periodDays(period: BillingPeriod): number {
  return period === 'year' ? 365 : 30;
}

export type RefundRule = 'full_before_activation' | 'pro_rata_unused_days' | 'none_after_window';

export interface RefundDecision {
  rule: RefundRule;
  refundCents: number;
  /** Days of the period counted as used (a started day is used); 0 before activation. */
  usedDays: number;
  periodDays: number;
}

/**
 * What a cancellation at `now` gives back. `windowEndsAt` is the end of the return window
 * (`lastFulfillmentAt`): at that instant and after, nothing (the window is closed at its end).
 */
export function refundFor(args: {
  amountCents: number;
  billingPeriod: BillingPeriod;
  activatedAt: Date | null;
  windowEndsAt: Date | null;
  now: Date;
}): RefundDecision {
  const days = periodDays(args.billingPeriod);
  if (args.windowEndsAt && args.now.getTime() >= args.windowEndsAt.getTime()) {
    return { rule: 'none_after_window', refundCents: 0, usedDays: days, periodDays: days };
  }
  if (!args.activatedAt) {
    return { rule: 'full_before_activation', refundCents: args.amountCents, usedDays: 0, periodDays: days };
  }
  const elapsed = Math.max(0, args.now.getTime() - args.activatedAt.getTime());
  // A started day is a used day: at the activation instant itself the first day has started.
  const usedDays = Math.min(days, Math.floor(elapsed / DAY_MS) + 1);
  const refundCents = Math.floor((args.amountCents * (days - usedDays)) / days);
  return { rule: 'pro_rata_unused_days', refundCents, usedDays, periodDays: days };
}

/**
 * When the plan bought by an order ends: its period after activation, or after the purchase when
 * never activated (`purchasedAt` on the same clock, the end of the window minus its length).
 */
export function planEndsAt(args: { billingPeriod: BillingPeriod; activatedAt: Date | null; purchasedAt: Date }): Date {
  const from = args.activatedAt ?? args.purchasedAt;
  return new Date(from.getTime() + periodDays(args.billingPeriod) * DAY_MS);
}
