import { describe, expect, it } from 'vitest';
import { hasJobsInFlight } from './jobs-in-flight';

const now = Date.parse('2026-11-30T12:00:00Z');
const at = (offsetMs: number) => new Date(now + offsetMs);

describe('hasJobsInFlight', () => {
  it('a running job, or a pending one due within a minute, keeps the page refreshing', () => {
    expect(hasJobsInFlight([{ status: 'running', runAt: at(-5_000) }], now)).toBe(true);
    expect(hasJobsInFlight([{ status: 'pending', runAt: at(30_000) }], now)).toBe(true);
    expect(hasJobsInFlight([{ status: 'pending', runAt: at(-1) }], now)).toBe(true);
  });

  it('done and dead jobs, and a job scheduled days ahead, do not', () => {
    expect(
      hasJobsInFlight(
        [
          { status: 'done', runAt: at(-5_000) },
          { status: 'dead', runAt: at(-5_000) },
          { status: 'pending', runAt: at(7 * 24 * 3600_000) },
        ],
        now,
      ),
    ).toBe(false);
    expect(hasJobsInFlight([], now)).toBe(false);
  });
});
