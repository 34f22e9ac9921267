/**
 * What one purchase buys: a single payment for one fixed period of access (a month or a year,
 * the product's `billingPeriod`), counted from the moment Flexiti approved the payment. Nothing
 * renews: no code charges a customer again (the OpenTV entitlement is created once per order, and
 * there is no recurring job); a customer who wants another period buys again.
 */
export type Term = 'month' | 'year';

/**
 * The last moment of access for a purchase paid at `paidAt`: the same day of the next month (or
 * year), or that month's last day when it is shorter (Jan 31 → Feb 28).
 */
export function accessEndsAt(paidAt: Date, term: Term): Date {
  const months = term === 'year' ? 12 : 1;
  const end = new Date(paidAt);
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(paidAt.getUTCDate(), lastDay));
  return end;
}

/** Where a purchase's access stands: its end, and whether that end has passed. */
export function accessStatus(paidAt: Date, term: Term, now: Date = new Date()): { endsAt: Date; ended: boolean } {
  const endsAt = accessEndsAt(paidAt, term);
  return { endsAt, ended: endsAt.getTime() <= now.getTime() };
}
