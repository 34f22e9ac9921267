import 'server-only';
import { and, asc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db, type DbOrTx } from '@/lib/db/client';
import { outboxAttempts, outboxJobs, type OutboxJobRow } from '@/lib/db/schema';
import { redactLogText } from '@/lib/security/redact';
import { outboxBackoffMs } from './backoff';
import { platformNow } from '@/lib/platform/clock';
import { PermanentJobError, RetryableJobError } from './errors';
import { getJobBackoff, getJobHandler, type OutboxJob } from './registry';

/**
 * Claiming and running outbox jobs. A claim is a short transaction (FOR UPDATE SKIP LOCKED, so
 * concurrent workers never take the same job) that marks the job `running` with a lease; the
 * handler then runs outside any transaction, and the outcome is written only if this worker
 * still holds the lease (fenced by worker id and attempt number). A worker that dies mid-job
 * leaves the job `running`; when the lease expires another worker records the lost attempt and
 * runs it again. Handlers are therefore at-least-once; OMS makes that exactly-once as observed
 * by Flipkart (a repeat answers 23, which counts as delivered).
 */

export const DEFAULT_LEASE_MS = 60_000;

export interface RunOptions {
  workerId: string;
  limit?: number;
  /** The time to run at (tests); default the platform clock (lib/platform/clock.ts). */
  now?: Date;
  leaseMs?: number;
}

export type JobOutcome = 'done' | 'retry' | 'dead' | 'fenced';
export interface JobRunResult {
  jobId: number;
  kind: string;
  attempt: number;
  outcome: JobOutcome;
  error?: string;
}

type JobRow = OutboxJobRow;

/** Stored in `last_error`/`outbox_attempts` and logged: partner text, so redacted like the call log. */
function errorText(e: unknown): string {
  return redactLogText(e instanceof Error ? `${e.name}: ${e.message}` : String(e)).slice(0, 2000);
}

/** Jobs of the same order and kind run in enqueue order (ORDER_CONFIRMED before a terminal state). */
const noEarlierSibling = sql`not exists (
  select 1 from outbox_jobs prior
  where prior.order_id = ${outboxJobs.orderId} and prior.kind = ${outboxJobs.kind}
    and prior.id < ${outboxJobs.id} and prior.status in ('pending', 'running'))`;

/**
 * The claim's select: due jobs (or jobs whose lease ran out), locked FOR UPDATE SKIP LOCKED so a
 * concurrent worker skips them instead of waiting or taking them too. Exported for its test.
 */
export function selectDueJobs(tx: DbOrTx, opts: { now: Date; limit: number; jobId?: number }) {
  const { now } = opts;
  // Due by the end of this millisecond: PostgreSQL stamps `run_at` in microseconds, a JS Date
  // holds milliseconds, so a job enqueued with the database's now() in the same millisecond as the
  // request's inline try (e.g. 23:39:05.857243 against 23:39:05.857) was "not due yet" and skipped.
  const dueBy = new Date(now.getTime() + 1);
  const conditions: SQL[] = [
    or(
      and(eq(outboxJobs.status, 'pending'), lt(outboxJobs.runAt, dueBy)),
      // A lease that ran out: its worker crashed or was killed mid-job.
      and(eq(outboxJobs.status, 'running'), lt(outboxJobs.lockedUntil, now)),
    )!,
    noEarlierSibling,
  ];
  if (opts.jobId !== undefined) conditions.push(eq(outboxJobs.id, opts.jobId));
  return tx
    .select()
    .from(outboxJobs)
    .where(and(...conditions))
    .orderBy(asc(outboxJobs.runAt), asc(outboxJobs.id))
    .limit(opts.limit)
    .for('update', { skipLocked: true });
}

async function claim(
  db: Db,
  opts: { now: Date; limit: number; leaseMs: number; workerId: string; jobId?: number },
): Promise<OutboxJob[]> {
  const { now, workerId } = opts;
  const lockedUntil = new Date(now.getTime() + opts.leaseMs);
  return db.transaction(async (tx) => {
    const due: JobRow[] = await selectDueJobs(tx, opts);

    const claimed: OutboxJob[] = [];
    for (const job of due) {
      if (job.status === 'running') {
        const lost = `lease expired: worker ${job.lockedBy ?? '?'} stopped before finishing attempt ${job.attempts}`;
        const outOfAttempts = job.attempts >= job.maxAttempts;
        await tx.insert(outboxAttempts).values({
          jobId: job.id,
          attempt: job.attempts,
          worker: job.lockedBy ?? 'unknown',
          outcome: 'lost',
          error: lost,
          startedAt: job.updatedAt,
          finishedAt: now,
        });
        if (outOfAttempts) {
          await tx
            .update(outboxJobs)
            .set({ status: 'dead', lastError: lost, lockedBy: null, lockedUntil: null, updatedAt: now })
            .where(eq(outboxJobs.id, job.id));
          console.error(`outbox: job ${job.id} (${job.kind}, order ${job.orderId ?? '-'}) is dead: ${lost}`);
          continue;
        }
      }
      const attempt = job.attempts + 1;
      await tx
        .update(outboxJobs)
        .set({ status: 'running', attempts: attempt, lockedBy: workerId, lockedUntil, updatedAt: now })
        .where(eq(outboxJobs.id, job.id));
      claimed.push({
        id: job.id,
        kind: job.kind,
        dedupeKey: job.dedupeKey,
        orderId: job.orderId,
        payload: job.payload,
        attempt,
        maxAttempts: job.maxAttempts,
        runAt: job.runAt,
        createdAt: job.createdAt,
      });
    }
    return claimed;
  });
}

async function execute(db: Db, job: OutboxJob, opts: { workerId: string; now?: Date }): Promise<JobRunResult> {
  const startedAt = new Date();
  let error: unknown = null;
  try {
    const handler = getJobHandler(job.kind);
    if (!handler) throw new PermanentJobError(`no handler registered for job kind "${job.kind}"`);
    const correlationId =
      typeof job.payload.correlationId === 'string' ? job.payload.correlationId : `outbox-job-${job.id}`;
    const returned = await handler(job, { workerId: opts.workerId, correlationId });
    if (returned instanceof Error) error = returned;
  } catch (e) {
    error = e;
  }

  const now = opts.now ?? (await platformNow(db));
  const permanent = error instanceof PermanentJobError;
  const outcome: Exclude<JobOutcome, 'fenced'> =
    error === null ? 'done' : permanent || job.attempt >= job.maxAttempts ? 'dead' : 'retry';
  const message = error === null ? null : errorText(error);
  const retryAfterMs = error instanceof RetryableJobError ? error.retryAfterMs : undefined;
  const retryInMs = error instanceof RetryableJobError ? error.retryInMs : undefined;

  const set: Partial<JobRow> =
    outcome === 'done'
      ? { status: 'done', doneAt: now, lastError: null }
      : outcome === 'dead'
        ? { status: 'dead', lastError: message }
        : {
            status: 'pending',
            lastError: message,
            runAt: new Date(
              now.getTime() +
                (retryInMs ?? outboxBackoffMs(job.attempt, Math.random, retryAfterMs, getJobBackoff(job.kind))),
            ),
          };
  // Fencing: only the holder of this attempt's lease may record its outcome.
  const updated = await db
    .update(outboxJobs)
    .set({ ...set, lockedBy: null, lockedUntil: null, updatedAt: now })
    .where(
      and(
        eq(outboxJobs.id, job.id),
        eq(outboxJobs.status, 'running'),
        eq(outboxJobs.lockedBy, opts.workerId),
        eq(outboxJobs.attempts, job.attempt),
      ),
    )
    .returning({ id: outboxJobs.id });
  await db.insert(outboxAttempts).values({
    jobId: job.id,
    attempt: job.attempt,
    worker: opts.workerId,
    outcome: outcome === 'done' ? 'ok' : outcome,
    error: updated.length ? message : `${message ?? 'finished'} (after its lease was taken over; outcome not applied)`,
    startedAt,
    finishedAt: new Date(),
  });
  if (!updated.length) return { jobId: job.id, kind: job.kind, attempt: job.attempt, outcome: 'fenced' };
  if (outcome === 'dead') {
    // Loud: a dead job needs a person (ops console: retry or give up).
    console.error(
      `outbox: job ${job.id} (${job.kind}, order ${job.orderId ?? '-'}) is dead after attempt ${job.attempt}: ${message}`,
    );
  }
  return { jobId: job.id, kind: job.kind, attempt: job.attempt, outcome, ...(message ? { error: message } : {}) };
}

/** Claims up to `limit` due jobs and runs them (concurrently). */
export async function runOutboxBatch(opts: RunOptions): Promise<JobRunResult[]> {
  const db = await getDb();
  const now = opts.now ?? (await platformNow(db));
  const jobs = await claim(db, {
    now,
    limit: opts.limit ?? 10,
    leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
    workerId: opts.workerId,
  });
  return Promise.all(jobs.map((job) => execute(db, job, { workerId: opts.workerId, now: opts.now })));
}

/**
 * The request that committed a change tries its job once, right away, so the happy path needs no
 * worker. Never throws (the change is already committed; the worker retries what fails).
 * `skipped` when the job is not due, already taken, done, or waits for an earlier sibling.
 */
export async function runJobNow(
  jobId: number,
  opts: { workerId?: string; now?: Date; leaseMs?: number } = {},
): Promise<JobRunResult | { jobId: number; outcome: 'skipped' }> {
  const workerId = opts.workerId ?? `inline-${process.pid}`;
  try {
    const db = await getDb();
    const now = opts.now ?? (await platformNow(db));
    const [job] = await claim(db, { now, limit: 1, leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS, workerId, jobId });
    if (!job) return { jobId, outcome: 'skipped' };
    return await execute(db, job, { workerId, now: opts.now });
  } catch (e) {
    console.error(`outbox: inline run of job ${jobId} failed, the worker will retry it: ${errorText(e)}`);
    return { jobId, outcome: 'skipped' };
  }
}

/**
 * The first try of the jobs one commit created, each once, in order (e.g. entitlement, then OMS):
 * the happy path needs no worker. Never throws, like `runJobNow`: whatever fails, is not due or
 * waits for an earlier sibling is left to the worker. Returns each job's outcome.
 */
export async function tryJobsNow(jobIds: number[], opts: { workerId?: string } = {}) {
  const results = [];
  for (const id of jobIds) results.push(await runJobNow(id, opts));
  return results;
}
