/**
 * Outbox retry delay before attempt `attempt + 1`: exponential from 5 s, capped at 15 min, with
 * "equal jitter" (half fixed, half random) so retries never bunch up and never come at once.
 * With the default 8 attempts a job keeps trying for about 10 minutes.
 */
export const OUTBOX_BACKOFF_BASE_MS = 5_000;
export const OUTBOX_BACKOFF_MAX_MS = 15 * 60_000;

export function outboxBackoffMs(attempt: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const ceiling = Math.min(OUTBOX_BACKOFF_MAX_MS, OUTBOX_BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const delay = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return retryAfterMs !== undefined ? Math.max(delay, Math.min(retryAfterMs, OUTBOX_BACKOFF_MAX_MS)) : delay;
}
