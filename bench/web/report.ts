/** The bench:web table: medians per metric, ratios against the baseline, and each goal beside its figure. */

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export type Goal =
  /** app ÷ baseline at most `max` (sizes, times, memory). */
  | { kind: 'ratio-max'; max: number }
  /** app ÷ baseline at least `min` (throughput). */
  | { kind: 'ratio-min'; min: number }
  /** app at least baseline minus `slack` (Lighthouse scores). */
  | { kind: 'score'; slack: number }
  /** app at least `min`, no baseline (accessibility). */
  | { kind: 'at-least'; min: number }
  /** app at most `max`, no baseline (server overhead in ms). */
  | { kind: 'at-most'; max: number }
  /** reported, no goal. */
  | { kind: 'info' };

export interface Row {
  metric: string;
  app: number;
  baseline?: number;
  unit: string;
  goal: Goal;
}

export interface Verdict extends Row {
  ratio?: number;
  met: boolean | null;
  goalText: string;
}

export function judge(row: Row): Verdict {
  const { app, baseline, goal } = row;
  const ratio = baseline !== undefined && baseline > 0 ? app / baseline : undefined;
  const known = Number.isFinite(app) && (baseline === undefined || Number.isFinite(baseline));
  switch (goal.kind) {
    case 'ratio-max':
      return {
        ...row,
        ratio,
        goalText: `≤ ${goal.max.toFixed(2)}×`,
        met: known ? ratioOrZero(app, baseline) <= goal.max : false,
      };
    case 'ratio-min':
      return {
        ...row,
        ratio,
        goalText: `≥ ${goal.min.toFixed(2)}×`,
        met: known && ratio !== undefined && ratio >= goal.min,
      };
    case 'score':
      return {
        ...row,
        ratio,
        goalText: `≥ baseline − ${goal.slack.toFixed(2)}`,
        met: known && app >= (baseline ?? NaN) - goal.slack - 1e-9,
      };
    case 'at-least':
      return { ...row, ratio, goalText: `≥ ${goal.min}`, met: known && app >= goal.min };
    case 'at-most':
      return { ...row, ratio, goalText: `≤ ${goal.max} ${row.unit}`, met: known && app <= goal.max };
    case 'info':
      return { ...row, ratio, goalText: '(info)', met: null };
  }
}

/** A ratio for an at-most goal; a zero baseline is met only by a zero figure. */
function ratioOrZero(app: number, baseline: number | undefined): number {
  if (baseline === undefined) return NaN;
  if (baseline > 0) return app / baseline;
  return app > 0 ? Infinity : 0;
}

function fmt(x: number | undefined, unit: string): string {
  if (x === undefined) return '—';
  if (!Number.isFinite(x)) return 'n/a';
  const digits = unit === '' ? 2 : Math.abs(x) >= 100 ? 0 : 1;
  return `${x.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
}

/** A Markdown table; the last column says whether each goal was met. */
export function table(verdicts: Verdict[]): string {
  const head = ['Metric', 'App', 'Hello world', 'Ratio', 'Goal', 'Met'];
  const lines = verdicts.map((v) => [
    v.metric,
    fmt(v.app, v.unit),
    fmt(v.baseline, v.unit),
    v.ratio === undefined ? '—' : `${v.ratio.toFixed(2)}×`,
    v.goalText,
    v.met === null ? '' : v.met ? 'yes' : '**NO**',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [row(head), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}
