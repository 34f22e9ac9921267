import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, outboxBackoffMs, QUICK_BACKOFF, retrySpanMs } from './backoff';

const HOUR = 3600_000;

describe('outboxBackoffMs', () => {
  it('grows per attempt between half and all of the ceiling (equal jitter)', () => {
    expect(outboxBackoffMs(1, () => 0)).toBe(15_000);
    expect(outboxBackoffMs(1, () => 1)).toBe(30_000);
    expect(outboxBackoffMs(3, () => 0)).toBe(135_000);
    expect(outboxBackoffMs(3, () => 1)).toBe(270_000);
  });

  it('is capped, and never shorter than a Retry-After the partner asked for', () => {
    expect(outboxBackoffMs(30, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(outboxBackoffMs(1, () => 0, 60_000)).toBe(60_000);
    expect(outboxBackoffMs(1, () => 1, 1_000)).toBe(30_000);
    expect(outboxBackoffMs(2, () => 0, 10 * HOUR)).toBe(DEFAULT_BACKOFF.maxMs);
  });

  it('spreads the default 8 attempts over hours, not minutes: a 2-hour outage does not kill a job', () => {
    const span = retrySpanMs(8);
    expect(span.min).toBeGreaterThanOrEqual(2 * HOUR);
    expect(span.max).toBeLessThanOrEqual(6 * HOUR);
    // The first retry still comes soon: a blip is over in seconds.
    expect(outboxBackoffMs(1, () => 1)).toBeLessThanOrEqual(30_000);
  });

  it('a self-bounded look-up can ask for the quick policy (seconds, then minutes)', () => {
    expect(outboxBackoffMs(1, () => 1, undefined, QUICK_BACKOFF)).toBe(5_000);
    expect(outboxBackoffMs(3, () => 0, undefined, QUICK_BACKOFF)).toBe(10_000);
    expect(outboxBackoffMs(30, () => 1, undefined, QUICK_BACKOFF)).toBe(QUICK_BACKOFF.maxMs);
  });
});
