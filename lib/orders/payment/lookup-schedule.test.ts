import { describe, expect, it } from 'vitest';
import { LOOKUP_AFTER_DEADLINE_MAX_GAP_MS, LOOKUP_MIN_GAP_MS, nextLookupInMs } from './lookup-schedule';

/** The look-up times (s after the ask) when every look-up finds nothing, from the first one. */
function timeline(firstAtS: number, deadlineS: number, untilS = deadlineS): number[] {
  const askedAt = new Date(0);
  const deadline = new Date(deadlineS * 1000);
  const out = [firstAtS * 1000];
  while (out.at(-1)! < untilS * 1000 && out.length < 500) {
    const at = out.at(-1)!;
    out.push(at + nextLookupInMs({ askedAt, deadline, now: new Date(at) }));
  }
  return out.map((ms) => ms / 1000);
}

describe('payment look-up schedule', () => {
  it('the last look-up before the deadline lands exactly on it (90 s window, first look-up at once)', () => {
    const t = timeline(0, 90);
    expect(t).toEqual([0, 5, 10, 15, 20, 26.667, 35.556, 47.407, 63.21, 83.21, 90].map((s) => expect.closeTo(s, 2)));
    expect(t.at(-1)).toBe(90);
    expect(t.filter((s) => s > 90)).toEqual([]);
  });

  it('never overshoots whatever the window and the first look-up (grace period, a crash)', () => {
    for (const deadline of [1, 7, 20, 30, 90, 600]) {
      for (const first of [0, 3, 5, 30, 31]) {
        if (first > deadline) continue;
        const t = timeline(first, deadline);
        expect(t.at(-1)).toBe(deadline);
        for (let k = 1; k < t.length; k++) {
          expect(t[k]! - t[k - 1]!).toBeGreaterThan(0);
          // No look-up crowds the deadline: the one before it is at least the minimum gap away,
          // unless the first look-up itself was already that close.
          if (k < t.length - 1) expect(deadline - t[k]!).toBeGreaterThanOrEqual(LOOKUP_MIN_GAP_MS / 1000);
        }
      }
    }
  });

  it('past the deadline (Flexiti unreadable) it keeps looking, slower, at most every 5 minutes', () => {
    const t = timeline(90, 90, 6 * 3600).map((s) => s - 90);
    expect(t.slice(0, 4)).toEqual([0, 20, 40, 60]);
    const gaps = t.slice(1).map((s, k) => s - t[k]!);
    expect(Math.max(...gaps)).toBeCloseTo(LOOKUP_AFTER_DEADLINE_MAX_GAP_MS / 1000, 6);
    // About 80 look-ups in six hours: the job's 100 attempts last that long (staff see it long before).
    expect(t.length).toBeGreaterThan(70);
    expect(t.length).toBeLessThan(90);
  });
});
