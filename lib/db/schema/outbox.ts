import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const OUTBOX_STATUSES = ['pending', 'running', 'done', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export const OUTBOX_ATTEMPT_OUTCOMES = ['ok', 'retry', 'dead', 'lost'] as const;
export type OutboxAttemptOutcome = (typeof OUTBOX_ATTEMPT_OUTCOMES)[number];

/**
 * Transactional outbox: a job is inserted in the same transaction as the order change that
 * causes it; `dedupe_key` makes "enqueue twice" a no-op. Workers claim with FOR UPDATE SKIP LOCKED.
 */
export const outboxJobs = pgTable(
  'outbox_jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    orderId: text('order_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** The worker holding the lease; with `attempts` it fences a late finish after the lease expired. */
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outbox_jobs_dedupe').on(t.dedupeKey),
    index('outbox_jobs_due').on(t.status, t.runAt),
    index('outbox_jobs_order').on(t.orderId),
  ],
);
export type OutboxJobRow = typeof outboxJobs.$inferSelect;

export const outboxAttempts = pgTable(
  'outbox_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    jobId: integer('job_id').notNull(),
    attempt: integer('attempt').notNull(),
    worker: text('worker').notNull(),
    /** `lost`: the worker stopped (crash, kill) before finishing; found when its lease expired. */
    outcome: text('outcome', { enum: OUTBOX_ATTEMPT_OUTCOMES }).notNull(),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_attempts_job').on(t.jobId)],
);
