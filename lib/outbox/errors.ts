/**
 * What a job handler throws (or returns) to tell the outbox what to do next. Anything else that
 * is thrown counts as retryable: an unexpected failure should be retried, then dead-lettered.
 */
export class RetryableJobError extends Error {
  readonly retryAfterMs?: number;
  constructor(message: string, opts: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'RetryableJobError';
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** Retrying cannot help (a bug, a rejected payload): the job goes to `dead` now. */
export class PermanentJobError extends Error {
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'PermanentJobError';
  }
}
