import { describe, expect, it } from 'vitest';
import { DAY_MS, periodDays, planEndsAt, refundFor } from './money-policy';

/** The refund policy table of docs/refund-policy.md#refunds, one test per row, and its boundary instants. */

const paid = new Date('2027-01-10T12:00:00Z');
const window = new Date(paid.getTime() + 7 * DAY_MS);
const activated = new Date(paid.getTime() + 2 * DAY_MS);
const after = (ms: number) => new Date(activated.getTime() + ms);
const base = { amountCents: 3000, billingPeriod: 'month' as const, windowEndsAt: window };

describe('refund policy', () => {
  it('row 1, before activation: the whole amount, up to the last instant of the window', () => {
    for (const now of [paid, after(0), new Date(window.getTime() - 1)]) {
      expect(refundFor({ ...base, activatedAt: null, now })).toEqual({
        rule: 'full_before_activation',
        refundCents: 3000,
        usedDays: 0,
        periodDays: 30,
      });
    }
  });

  it('row 2, after activation within the window: the unused days of the 30, a started day counts as used', () => {
    // At the activation instant the first day has started: 29 of 30 days are unused.
    expect(refundFor({ ...base, activatedAt: activated, now: activated })).toMatchObject({
      rule: 'pro_rata_unused_days',
      usedDays: 1,
      refundCents: 2900,
    });
    // The last millisecond of day 1, then the first of day 2.
    expect(refundFor({ ...base, activatedAt: activated, now: after(DAY_MS - 1) }).refundCents).toBe(2900);
    expect(refundFor({ ...base, activatedAt: activated, now: after(DAY_MS) })).toMatchObject({
      usedDays: 2,
      refundCents: 2800,
    });
    // The last instant of the window: 5 days used since the activation, 25 of 30 returned.
    expect(refundFor({ ...base, activatedAt: activated, now: new Date(window.getTime() - 1) })).toMatchObject({
      usedDays: 5,
      refundCents: 2500,
    });
    // Rounded down to the cent: 1499 × 27 / 30 = 1349.1
    expect(refundFor({ ...base, amountCents: 1499, activatedAt: activated, now: after(2 * DAY_MS) }).refundCents).toBe(
      1349,
    );
  });

  it('row 3, after the window: nothing, activated or not, from the closing instant on', () => {
    for (const activatedAt of [null, activated]) {
      for (const now of [window, after(20 * DAY_MS), after(40 * DAY_MS)]) {
        expect(refundFor({ ...base, activatedAt, now })).toMatchObject({ rule: 'none_after_window', refundCents: 0 });
      }
    }
  });

  it('a period is 30 days (365 for a yearly plan) from the activation, or from the purchase when never activated', () => {
    expect(periodDays('month')).toBe(30);
    expect(periodDays('year')).toBe(365);
    expect(planEndsAt({ billingPeriod: 'month', activatedAt: activated, purchasedAt: paid }).toISOString()).toBe(
      '2027-02-11T12:00:00.000Z',
    );
    expect(planEndsAt({ billingPeriod: 'year', activatedAt: null, purchasedAt: paid }).toISOString()).toBe(
      '2028-01-10T12:00:00.000Z',
    );
  });

  it('a yearly plan cancelled on its third day returns 362 of 365 days', () => {
    const year = { ...base, amountCents: 14999, billingPeriod: 'year' as const };
    expect(refundFor({ ...year, activatedAt: activated, now: after(2 * DAY_MS + 5) })).toMatchObject({
      usedDays: 3,
      periodDays: 365,
      refundCents: Math.floor((14999 * 362) / 365),
    });
  });
});
