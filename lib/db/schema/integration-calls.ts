import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
// The registry imports nothing (lib/partners/registry.ts), so the schema may read it from below.
import { PARTNER_NAMES } from '../../partners/registry';

/** One row per outbound partner call, written by lib/partners/http.ts, already redacted. */
export const integrationCalls = pgTable(
  'integration_calls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partner: text('partner', { enum: PARTNER_NAMES }).notNull(),
    operation: text('operation').notNull(),
    method: text('method').notNull(),
    /** Path and query as sent, with secret query parameters redacted. */
    path: text('path').notNull(),
    status: integer('status'),
    latencyMs: integer('latency_ms').notNull(),
    attempt: integer('attempt').notNull().default(1),
    correlationId: text('correlation_id').notNull(),
    orderId: text('order_id'),
    request: jsonb('request').$type<unknown>(),
    response: jsonb('response').$type<unknown>(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('integration_calls_correlation').on(t.correlationId),
    index('integration_calls_order').on(t.orderId),
    index('integration_calls_created').on(t.createdAt),
  ],
);
export type IntegrationCallRow = typeof integrationCalls.$inferSelect;
export type NewIntegrationCallRow = typeof integrationCalls.$inferInsert;
