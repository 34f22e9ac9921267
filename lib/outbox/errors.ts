/**
 * What a job handler throws (or returns) to tell the outbox what to do next. Anything else that
 * is thrown counts as retryable: an unexpected failure should be retried, then dead-lettered.
 */
export class RetryableJobError extends Error {
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
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'PermanentJobError';
  }
}
