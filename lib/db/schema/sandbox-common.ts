import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
