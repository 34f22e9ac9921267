import 'server-only';
import type { z } from 'zod';
import type { DbOrTx } from '@/lib/db/client';
import type { BackoffPolicy } from './backoff';
import { enqueue, type NewOutboxJob } from './enqueue';
import { jobErrorOf, PermanentJobError, type RetryableJobError } from './errors';
import { registerJobHandler, type JobContext, type JobHandler, type OutboxJob } from './registry';

/** What a job's `handle` gets beside its parsed payload. */
export interface JobRun extends JobContext {
  job: OutboxJob;
}

export interface JobSpec<S extends z.ZodType<Record<string, unknown>>> {
  /** Stored in every row: never changes once a row of it exists. */
  kind: string;
  /** Unique per effect (e.g. `oms:<orderId>:ORDER_CONFIRMED`): enqueuing it again is a no-op. */
  dedupeKey: (payload: z.output<S>) => string;
  /** The payload, parsed when enqueued and again when run: a row that does not parse is dead at once. */
  payload: S;
  /** The order (or other entity) the job belongs to: its jobs of one kind run in enqueue order. */
  orderId?: (payload: z.output<S>) => string;
  /**
   * The job's work. Resolve for done; return or throw a RetryableJobError / PermanentJobError, or
   * throw a partner's error (its `retryable`, `outcomeUnknown`, `retryAfterMs` decide, see
   * `jobErrorOf`). Anything else thrown is retried, then dead-lettered.
   */
  handle: (payload: z.output<S>, run: JobRun) => Promise<void | RetryableJobError | PermanentJobError>;
  /**
   * Called once when a failure of `handle` ends the job for good (a permanent error, not running
   * out of attempts), before it is dead: e.g. raise the order to a person.
   */
  onPermanentFailure?: (
    payload: z.output<S>,
    failure: { reason: string; cause: unknown },
    run: JobRun,
  ) => Promise<void>;
  /** Default `config.outboxMaxAttempts`. */
  maxAttempts?: number;
  /** Default: over hours (lib/outbox/backoff.ts). */
  backoff?: BackoffPolicy;
}

export interface DefinedJob<S extends z.ZodType<Record<string, unknown>>> {
  readonly kind: string;
  /** Writes the job in the caller's transaction (so it exists if and only if the change commits). */
  enqueue(tx: DbOrTx, payload: z.input<S>, opts?: { runAt?: Date }): Promise<{ id: number; created: boolean }>;
  /** The row `enqueue` writes, for `enqueueAll` (several jobs in one statement). */
  job(payload: z.input<S>, opts?: { runAt?: Date }): NewOutboxJob;
  /** Registers the handler with the engine; once per process at start-up (again: replaces it). */
  register(): void;
  /** The handler as the engine runs it (tests). */
  readonly handler: JobHandler;
}

/** Dates become ISO strings, undefined keys go: the row holds exactly what a parse reads back. */
const asJson = (value: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(value));

/**
 * The one way to define an outbox job (docs/architecture.md#a-new-job): its kind, dedupe key,
 * payload schema and logic. The engine's part is here once: parse the stored payload (a row that
 * does not parse is a permanent failure, with the field and the reason), and turn what `handle`
 * throws into a retry or a dead letter.
 */
export function defineJob<S extends z.ZodType<Record<string, unknown>>>(spec: JobSpec<S>): DefinedJob<S> {
  const handler: JobHandler = async (job, ctx) => {
    const parsed = spec.payload.safeParse(job.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return new PermanentJobError(
        `bad ${spec.kind} payload${issue?.path.length ? `, ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const run: JobRun = { ...ctx, job };
    try {
      return await spec.handle(parsed.data, run);
    } catch (e) {
      const failed = jobErrorOf(e);
      if (!failed) throw e;
      if (failed instanceof PermanentJobError && spec.onPermanentFailure) {
        await spec.onPermanentFailure(parsed.data, { reason: failed.message, cause: e }, run);
      }
      return failed;
    }
  };

  return {
    kind: spec.kind,
    handler,
    job(input, opts = {}) {
      const payload = spec.payload.parse(input);
      return {
        kind: spec.kind,
        dedupeKey: spec.dedupeKey(payload),
        orderId: spec.orderId?.(payload) ?? null,
        payload: asJson(payload),
        runAt: opts.runAt,
        maxAttempts: spec.maxAttempts,
      };
    },
    async enqueue(tx, input, opts = {}) {
      return enqueue(tx, this.job(input, opts));
    },
    register() {
      registerJobHandler(spec.kind, handler, { backoff: spec.backoff });
    },
  };
}
