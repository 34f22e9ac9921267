import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The Flipkart OMS v3 sandbox (docs/partners/ultra.md#oms-fields, #oms-state-machine, #oms-errors): every accepted order event, per
 * (client, orderId). The two unique indexes are the state machine's last line of defence when two
 * requests race: one row per state (a repeat is 23) and at most one terminal state (then 24).
 */
export const sandboxUltraOmsEvents = pgTable(
  'sandbox_ultra_oms_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The secureToken `iss` (`merchant.app`) that sent the event. */
    clientId: text('client_id').notNull(),
    orderId: text('order_id').notNull(),
    orderState: text('order_state', { enum: ['ORDER_CONFIRMED', 'ORDER_FULFILLED', 'ORDER_CANCELLED'] }).notNull(),
    identityToken: text('identity_token').notNull(),
    description: text('description').notNull(),
    // docs/partners/ultra.md#oms-timestamps: stored in epoch milliseconds whatever unit was sent; the unit seen is kept for QA.
    orderTimestampMs: bigint('order_timestamp_ms', { mode: 'number' }).notNull(),
    orderUpdatedTimestampMs: bigint('order_updated_timestamp_ms', { mode: 'number' }).notNull(),
    lastFulfillmentDateMs: bigint('last_fulfillment_date_ms', { mode: 'number' }).notNull(),
    timestampUnit: text('timestamp_unit', { enum: ['s', 'ms'] }).notNull(),
    forwardTransaction: doublePrecision('forward_transaction').notNull(),
    reverseTransaction: doublePrecision('reverse_transaction').notNull(),
    orderMetadata: jsonb('order_metadata').$type<Record<string, string> | null>(),
    /** Sandbox clock time of acceptance. */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('sandbox_ultra_oms_events_state').on(t.clientId, t.orderId, t.orderState),
    uniqueIndex('sandbox_ultra_oms_events_terminal')
      .on(t.clientId, t.orderId)
      .where(sql`${t.orderState} <> 'ORDER_CONFIRMED'`),
    index('sandbox_ultra_oms_events_identity').on(t.identityToken),
  ],
);

/** OMS sandbox switches (one row, id `default`): the per-client rate limit and strict modes. */
export const sandboxUltraOmsSettings = pgTable('sandbox_ultra_oms_settings', {
  id: text('id').primaryKey(),
  /** Token bucket size per client (burst). */
  rateCapacity: integer('rate_capacity').notNull().default(100),
  /** Tokens added per minute per client; docs/partners/ultra.md#oms-rate-limit: no numbers are published. */
  rateRefillPerMinute: integer('rate_refill_per_minute').notNull().default(600),
  /** docs/partners/ultra.md#secure-token-claims: `sub` is only required in strict mode (then code 14). */
  requireSub: boolean('require_sub').notNull().default(false),
  /** docs/partners/ultra.md#secure-token-claims: 1000 by default; 100 for the strict reading. */
  maxWindowS: integer('max_window_s').notNull().default(1000),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type SandboxUltraOmsSettingsRow = typeof sandboxUltraOmsSettings.$inferSelect;

/** One token bucket per client id, shared by every app instance. */
export const sandboxUltraOmsRateBuckets = pgTable('sandbox_ultra_oms_rate_buckets', {
  clientId: text('client_id').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  refilledMs: bigint('refilled_ms', { mode: 'number' }).notNull(),
});
