import { describe, expect, it } from 'vitest';
import { formatAgo, formatUtc } from './format-time';

describe('ops times', () => {
  const now = new Date('2030-01-01T12:00:00Z');
  const before = (ms: number) => new Date(now.getTime() - ms);

  it('says how long ago a call was, in the largest unit that reads well', () => {
    expect(formatAgo(before(2_000), now)).toBe('just now');
    expect(formatAgo(before(42_000), now)).toBe('42 s ago');
    expect(formatAgo(before(5 * 60_000), now)).toBe('5 min ago');
    expect(formatAgo(before(3 * 3600_000), now)).toBe('3 h ago');
    expect(formatAgo(before(2 * 86_400_000), now)).toBe('2 d ago');
  });

  it('keeps the absolute time in UTC, saying so', () => {
    expect(formatUtc(now)).toBe('2030-01-01 12:00:00 UTC');
  });
});
