import { describe, expect, it } from 'vitest';
import { accessEndsAt, accessStatus } from './term';

describe('accessEndsAt', () => {
  it('gives a month of access from the payment, to the same time of day', () => {
    expect(accessEndsAt(new Date('2026-12-05T20:47:00Z'), 'month').toISOString()).toBe('2027-01-05T20:47:00.000Z');
  });

  it('ends on the last day of a shorter month', () => {
    expect(accessEndsAt(new Date('2027-01-31T10:00:00Z'), 'month').toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(accessEndsAt(new Date('2028-01-31T10:00:00Z'), 'month').toISOString()).toBe('2028-02-29T10:00:00.000Z');
  });

  it('gives a year of access for a yearly plan', () => {
    expect(accessEndsAt(new Date('2026-12-05T20:47:00Z'), 'year').toISOString()).toBe('2027-12-05T20:47:00.000Z');
    expect(accessEndsAt(new Date('2028-02-29T08:00:00Z'), 'year').toISOString()).toBe('2029-02-28T08:00:00.000Z');
  });
});

describe('accessStatus', () => {
  it('is running until the end of the term, and ended from then on', () => {
    const paid = new Date('2026-12-05T20:47:00Z');
    expect(accessStatus(paid, 'month', new Date('2027-01-05T20:46:59Z')).ended).toBe(false);
    expect(accessStatus(paid, 'month', new Date('2027-01-05T20:47:00Z')).ended).toBe(true);
  });
});
