/** An action's window and a partner call from the call log, both in ms since the epoch. */
export interface ActionWindow {
  startMs: number;
  endMs: number;
}

/** One partner call from the call log: when it ended and how long it took. */
export interface PartnerCall {
  endMs: number;
  latencyMs: number;
}

/**
 * Server time of an action beyond its partners' round trips: the action's total minus the time
 * covered by partner calls inside it (their union, so overlapping calls are not subtracted twice).
 */
export function serverOverheadMs(action: ActionWindow, calls: PartnerCall[]): number {
  const spans = calls
    .map((c) => [Math.max(action.startMs, c.endMs - c.latencyMs), Math.min(action.endMs, c.endMs)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let reach = -Infinity;
  for (const [a, b] of spans) {
    if (b <= reach) continue;
    covered += b - Math.max(a, reach);
    reach = b;
  }
  return action.endMs - action.startMs - covered;
}
