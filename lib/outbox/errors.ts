/**
 * What a job handler throws (or returns) to tell the outbox what to do next. Anything else that
 * is thrown counts as retryable: an unexpected failure should be retried, then dead-lettered.
 *
 * `instanceof` answers by a global brand, not by class identity: Next bundles instrumentation (where
 * the job handlers are registered) and each route or action (where a job's first try runs inline)
 * separately, each with its own copy of this module. By identity, a handler's PermanentJobError
 * from one copy was "not permanent" to the runner of another: the job was retried instead of
 * dead-lettered, and a look-up's exact schedule (`retryInMs`) was ignored.
 */
const RETRYABLE = Symbol.for('storefront.outbox.RetryableJobError');
const PERMANENT = Symbol.for('storefront.outbox.PermanentJobError');
const branded = (value: unknown, brand: symbol): boolean =>
  typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;

export class RetryableJobError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, RETRYABLE);
  }
  readonly [RETRYABLE] = true;
  readonly retryAfterMs?: number;
  /**
   * The job's own schedule: run again exactly this long from now, instead of the generic backoff
   * (e.g. the payment look-ups, lib/orders/payment/lookup-schedule.ts, which must land on a deadline).
   */
  readonly retryInMs?: number;
  constructor(message: string, opts: { retryAfterMs?: number; retryInMs?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'RetryableJobError';
    this.retryAfterMs = opts.retryAfterMs;
    this.retryInMs = opts.retryInMs;
  }
}

/** Retrying cannot help (a bug, a rejected payload): the job goes to `dead` now. */
export class PermanentJobError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return branded(value, PERMANENT);
  }
  readonly [PERMANENT] = true;
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'PermanentJobError';
  }
}

/**
 * What a thrown error means for a job, decided here only (defineJob uses it). The outbox imports
 * no partner: an error that says whether retrying may help (`retryable`, a boolean, as
 * lib/partners' PartnerError does) is read by those fields, duck-typed:
 * - `retryable`, or `outcomeUnknown` (the partner may have applied the call: never a failure; the
 *   job runs again, which a job's handler must make safe) → retried, not before `retryAfterMs`;
 * - otherwise → permanent (the job is dead now).
 * The reason is its `summary` (partner and code) when it has one, else its message. Our own job
 * errors pass as they are; anything else gives undefined (the engine retries it, then dead-letters it).
 */
export function jobErrorOf(e: unknown): RetryableJobError | PermanentJobError | undefined {
  if (e instanceof RetryableJobError || e instanceof PermanentJobError) return e;
  if (!(e instanceof Error)) return undefined;
  const said = e as Error & {
    retryable?: unknown;
    outcomeUnknown?: unknown;
    retryAfterMs?: unknown;
    summary?: unknown;
  };
  if (typeof said.retryable !== 'boolean') return undefined;
  const reason = typeof said.summary === 'string' ? said.summary : e.message;
  if (said.retryable || said.outcomeUnknown === true) {
    const retryAfterMs = typeof said.retryAfterMs === 'number' ? said.retryAfterMs : undefined;
    return new RetryableJobError(reason, { retryAfterMs, cause: e });
  }
  return new PermanentJobError(reason, { cause: e });
}
