import 'server-only';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import type { PermanentJobError, RetryableJobError } from './errors';

/** A claimed job as a handler sees it. */
export interface OutboxJob {
  id: number;
  kind: string;
  dedupeKey: string;
  orderId: string | null;
  payload: Record<string, unknown>;
  /** This attempt's number, from 1. */
  attempt: number;
  maxAttempts: number;
  runAt: Date;
  createdAt: Date;
}

export interface JobContext {
  workerId: string;
  /** Stable for the job (all attempts), so its partner calls line up in the call log. */
  correlationId: string;
}

/** Resolve (or return nothing) for done; throw or return a RetryableJobError / PermanentJobError. */
export type JobHandler = (
  job: OutboxJob,
  ctx: JobContext,
) => Promise<void | RetryableJobError | PermanentJobError> | void;

export type WorkerTickHook = () => Promise<unknown> | unknown;

// On globalThis: Next bundles instrumentation and route handlers separately, and both must see
// the same handlers and hooks in one process.
const g = globalThis as unknown as {
  __outboxHandlers?: Map<string, JobHandler>;
  __outboxBackoff?: Map<string, BackoffPolicy>;
  __outboxTickHooks?: Map<string, WorkerTickHook>;
};
const handlers = (g.__outboxHandlers ??= new Map());
const backoffs = (g.__outboxBackoff ??= new Map());
const tickHooks = (g.__outboxTickHooks ??= new Map());

/**
 * Registers (or replaces) the handler for a job kind, with its retry delays (default: over hours,
 * lib/outbox/backoff.ts).
 */
export function registerJobHandler(kind: string, handler: JobHandler, opts: { backoff?: BackoffPolicy } = {}): void {
  handlers.set(kind, handler);
  backoffs.set(kind, opts.backoff ?? DEFAULT_BACKOFF);
}

export function getJobBackoff(kind: string): BackoffPolicy {
  return backoffs.get(kind) ?? DEFAULT_BACKOFF;
}

export function getJobHandler(kind: string): JobHandler | undefined {
  return handlers.get(kind);
}

/**
 * Runs `fn` on every worker tick (about once a second, after the outbox batch), e.g. a sandbox's
 * due-webhook delivery. Registering again under the same name replaces it (hot reload). Returns
 * an unsubscribe function.
 */
export function onWorkerTick(fn: WorkerTickHook, name = fn.name || `hook-${tickHooks.size + 1}`): () => void {
  tickHooks.set(name, fn);
  return () => {
    if (tickHooks.get(name) === fn) tickHooks.delete(name);
  };
}

export function workerTickHooks(): [string, WorkerTickHook][] {
  return [...tickHooks.entries()];
}
