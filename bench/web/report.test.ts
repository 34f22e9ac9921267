import { describe, expect, it } from 'vitest';
import { serverOverheadMs } from './overhead';
import { judge, median, table } from './report';

describe('bench:web report', () => {
  it('takes the median of the rounds, ignoring failed measurements', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  it('judges each goal against the baseline measured in the same run', () => {
    expect(
      judge({ metric: 'js', app: 103, baseline: 100, unit: 'KiB', goal: { kind: 'ratio-max', max: 1.03 } }).met,
    ).toBe(true);
    expect(
      judge({ metric: 'js', app: 104, baseline: 100, unit: 'KiB', goal: { kind: 'ratio-max', max: 1.03 } }).met,
    ).toBe(false);
    expect(
      judge({ metric: 'rps', app: 99, baseline: 100, unit: 'req/s', goal: { kind: 'ratio-min', min: 1 } }).met,
    ).toBe(false);
    expect(judge({ metric: 'lh', app: 0.9, baseline: 0.92, unit: '', goal: { kind: 'score', slack: 0.02 } }).met).toBe(
      true,
    );
    expect(judge({ metric: 'lh', app: 0.89, baseline: 0.92, unit: '', goal: { kind: 'score', slack: 0.02 } }).met).toBe(
      false,
    );
    expect(judge({ metric: 'tbt', app: 10, baseline: 0, unit: 'ms', goal: { kind: 'ratio-max', max: 1.2 } }).met).toBe(
      false,
    );
    expect(judge({ metric: 'tbt', app: 0, baseline: 0, unit: 'ms', goal: { kind: 'ratio-max', max: 1.2 } }).met).toBe(
      true,
    );
    expect(judge({ metric: 'a11y', app: NaN, unit: '', goal: { kind: 'at-least', min: 1 } }).met).toBe(false);
  });

  it('prints each goal beside its figure and flags the missed ones', () => {
    const out = table([
      judge({ metric: 'cold start', app: 3000, baseline: 1000, unit: 'ms', goal: { kind: 'ratio-max', max: 2 } }),
      judge({ metric: 'sign-in overhead', app: 4, unit: 'ms', goal: { kind: 'at-most', max: 10 } }),
    ]);
    expect(out).toMatch(/cold start .*3000 ms .*1000 ms .*3\.00× .*≤ 2\.00× .*\*\*NO\*\*/);
    expect(out).toMatch(/sign-in overhead .*4\.0 ms .*— .*≤ 10 ms .*yes/);
  });

  it('subtracts the partner calls inside an action once, even when they overlap', () => {
    const action = { startMs: 1000, endMs: 1100 };
    const calls = [
      { endMs: 1040, latencyMs: 30 }, // 1010–1040
      { endMs: 1050, latencyMs: 20 }, // 1030–1050, overlaps the first
      { endMs: 1300, latencyMs: 50 }, // after the action: not its call
    ];
    expect(serverOverheadMs(action, calls)).toBe(60);
  });
});
