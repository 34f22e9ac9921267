import { bigint, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sandbox controls per partner (latency, error rate, a forced error) and the sandbox clock
 * offset. Stored in the database so every app instance sees the same settings.
 */
export const sandboxSettings = pgTable('sandbox_settings', {
  partner: text('partner').primaryKey(),
  latencyMs: integer('latency_ms').notNull().default(0),
  errorRate: integer('error_rate_pct').notNull().default(0),
  forcedError: jsonb('forced_error').$type<{ status: number; body: unknown; times?: number } | null>(),
  clockOffsetMs: bigint('clock_offset_ms', { mode: 'number' }).notNull().default(0),
  /**
   * How the partner's sandbox reads an open question of its document, chosen on the ops sandbox page
   * (lib/sandbox/options.ts): e.g. `ultra` {answerStyle}, `oms` {timestampUnit}. A missing key: the configured default.
   */
  options: jsonb('options').$type<Record<string, string | number | boolean>>().notNull().default({}),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One-shot faults queued per partner and route (the sandbox's fault-queue.ts): each is taken by
 * exactly one matching request (SKIP LOCKED, so two instances never both take it). `mode`
 * `refuse` answers the fault instead of the partner; `lost` lets the partner apply the request,
 * then answers the fault instead of its answer (the answer was lost on the way back).
 */
export const sandboxFaultQueue = pgTable('sandbox_fault_queue', {
  id: serial('id').primaryKey(),
  partner: text('partner').notNull(),
  /** A POSIX regular expression on the sandbox path (e.g. `/authorization$`); null: every route. */
  match: text('match'),
  method: text('method'),
  mode: text('mode', { enum: ['refuse', 'lost'] }).notNull(),
  status: integer('status').notNull(),
  /** The body to answer; a string is sent as text (an unreadable body); null: a plain 503-style body. */
  body: jsonb('body'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
export type SandboxFaultQueueRow = typeof sandboxFaultQueue.$inferSelect;
