import { index, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Entitlement events OpenTV sent to `POST /api/webhooks/opentv` (docs/partners/opentv.md#webhook). One row per
 * (entitlement, status): the unique index is what makes a redelivered event a no-op, and the rows
 * are the order page's and ops' record of what OpenTV told us and when.
 */
export const opentvWebhookReceipts = pgTable(
  'opentv_webhook_receipts',
  {
    id: serial('id').primaryKey(),
    entitlementId: text('entitlement_id').notNull(),
    status: text('status').notNull(),
    /** Our order, when the entitlement is one of ours (null: unknown entitlement, acknowledged). */
    orderId: text('order_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('opentv_webhook_receipts_once').on(t.entitlementId, t.status),
    index('opentv_webhook_receipts_order').on(t.orderId),
  ],
);
