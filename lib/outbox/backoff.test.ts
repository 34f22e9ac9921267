import { describe, expect, it } from 'vitest';
import { OUTBOX_BACKOFF_MAX_MS, outboxBackoffMs } from './backoff';

describe('outboxBackoffMs', () => {
  it('doubles per attempt between half and all of the ceiling (equal jitter)', () => {
    expect(outboxBackoffMs(1, () => 0)).toBe(2_500);
    expect(outboxBackoffMs(1, () => 1)).toBe(5_000);
    expect(outboxBackoffMs(3, () => 0)).toBe(10_000);
    expect(outboxBackoffMs(3, () => 1)).toBe(20_000);
  });

  it('is capped, and never shorter than a Retry-After the partner asked for', () => {
    expect(outboxBackoffMs(30, () => 1)).toBe(OUTBOX_BACKOFF_MAX_MS);
    expect(outboxBackoffMs(1, () => 0, 60_000)).toBe(60_000);
    expect(outboxBackoffMs(5, () => 1, 1_000)).toBe(80_000);
  });
});
