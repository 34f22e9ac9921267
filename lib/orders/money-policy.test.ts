import { describe, expect, it } from 'vitest';
import { DAY_MS, planEndsAt, refundFor, termDays } from './money-policy';

/** The refund policy table of docs/refund-policy.md#refunds, one test per row, and its boundary instants. */

const paid = new Date('2027-01-10T12:00:00Z'); // a 31-day term: Jan 10 → Feb 10
const window = new Date(paid.getTime() + 7 * DAY_MS);
const at = (ms: number) => new Date(paid.getTime() + ms);
const base = { amountCents: 3100, term: 'month' as const, purchasedAt: paid, windowEndsAt: window };

describe('refund policy', () => {
  it('row 1, before activation: the whole amount, up to the last instant of the window', () => {
    for (const now of [paid, at(3 * DAY_MS), new Date(window.getTime() - 1)]) {
      expect(refundFor({ ...base, activated: false, now })).toEqual({
        rule: 'full_before_activation',
        refundCents: 3100,
        usedDays: 0,
        termDays: 31,
      });
    }
  });

  it('row 2, after activation within the window: the unused days of the term, a started day counts as used', () => {
    // At the payment instant the first day has started: 30 of 31 days are unused.
    expect(refundFor({ ...base, activated: true, now: paid })).toMatchObject({
      rule: 'pro_rata_unused_days',
      usedDays: 1,
      refundCents: 3000,
    });
    // The last millisecond of day 1, then the first of day 2.
    expect(refundFor({ ...base, activated: true, now: at(DAY_MS - 1) }).refundCents).toBe(3000);
    expect(refundFor({ ...base, activated: true, now: at(DAY_MS) })).toMatchObject({ usedDays: 2, refundCents: 2900 });
    // The last instant of the window: 7 days used, 24 of 31 returned.
    expect(refundFor({ ...base, activated: true, now: new Date(window.getTime() - 1) })).toMatchObject({
      usedDays: 7,
      refundCents: 2400,
    });
    // Rounded down to the cent: 1499 × 24 / 31 = 1160.5…
    expect(refundFor({ ...base, amountCents: 1499, activated: true, now: at(6 * DAY_MS) }).refundCents).toBe(1160);
  });

  it('row 3, after the window: nothing, activated or not, from the closing instant on', () => {
    for (const activated of [false, true]) {
      for (const now of [window, at(20 * DAY_MS), at(40 * DAY_MS)]) {
        expect(refundFor({ ...base, activated, now })).toMatchObject({ rule: 'none_after_window', refundCents: 0 });
      }
    }
  });

  it('a term is one calendar month or year from the payment: 28 to 31 days, 365 or 366', () => {
    expect(termDays(new Date('2027-02-03T00:00:00Z'), 'month')).toBe(28);
    expect(termDays(new Date('2027-04-03T00:00:00Z'), 'month')).toBe(30);
    expect(termDays(paid, 'month')).toBe(31);
    expect(termDays(paid, 'year')).toBe(365);
    expect(termDays(new Date('2028-01-10T00:00:00Z'), 'year')).toBe(366);
    expect(planEndsAt({ term: 'month', purchasedAt: paid }).toISOString()).toBe('2027-02-10T12:00:00.000Z');
  });

  it('a yearly plan cancelled on its third day returns 362 of 365 days', () => {
    const year = { ...base, amountCents: 14999, term: 'year' as const };
    expect(refundFor({ ...year, activated: true, now: at(2 * DAY_MS + 5) })).toMatchObject({
      usedDays: 3,
      termDays: 365,
      refundCents: Math.floor((14999 * 362) / 365),
    });
  });
});
