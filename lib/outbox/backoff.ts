/**
 * Outbox retry delays. Exponential with "equal jitter" (half fixed, half random) so retries never
 * bunch up: the wait before attempt `attempt + 1` is between half and all of
 * `min(maxMs, baseMs × factor^(attempt − 1))`, and never shorter than a Retry-After the partner
 * asked for.
 *
 * The default spreads a job's attempts over hours, not minutes: a partner outage of an hour or two
 * (the usual kind) does not use up `OUTBOX_MAX_ATTEMPTS` before the partner is back. With the
 * default 8 attempts the waits are about 30 s, 1.5 min, 4.5 min, 13.5 min, 40 min, 2 h and 2 h
 * (ceilings): a job keeps trying for 2.5 to 5 hours before it is dead and needs a person.
 * A job kind that bounds itself (the payment look-up stops at `PAYMENT_NOT_FOUND_AFTER_SECONDS`)
 * registers its own, faster policy (lib/outbox/registry.ts).
 */
export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, factor: 3, maxMs: 2 * 3600_000 };
/** Seconds to minutes: for a look-up that needs an answer soon and stops by itself. */
export const QUICK_BACKOFF: BackoffPolicy = { baseMs: 5_000, factor: 2, maxMs: 15 * 60_000 };

export function backoffCeilingMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  return Math.min(policy.maxMs, policy.baseMs * policy.factor ** Math.max(0, attempt - 1));
}

export function outboxBackoffMs(
  attempt: number,
  random: () => number = Math.random,
  retryAfterMs?: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = backoffCeilingMs(attempt, policy);
  const delay = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return retryAfterMs !== undefined ? Math.max(delay, Math.min(retryAfterMs, policy.maxMs)) : delay;
}

/** The shortest and longest time from a job's first attempt to its last (`maxAttempts` attempts). */
export function retrySpanMs(
  maxAttempts: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): { min: number; max: number } {
  let max = 0;
  for (let a = 1; a < maxAttempts; a++) max += backoffCeilingMs(a, policy);
  return { min: max / 2, max };
}
