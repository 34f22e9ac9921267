import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { orders } from './store';

/**
 * The Flexiti flow behind an open checkout (one row per order, replaced when the widget is
 * opened again). Server-side only: it holds the customer-scope access token the widget session
 * is tied to (docs/partners/flexiti.md#flow-token "Access Token Notes") and the form sent to widget/init, which
 * `/apply` must repeat (docs/partners/flexiti.md#apply `not_verified`). Both are cleared once the order leaves
 * PENDING_PAYMENT.
 */
export const checkoutFlows = pgTable('checkout_flows', {
  orderId: text('order_id')
    .primaryKey()
    .references(() => orders.id),
  flow: text('flow', { enum: ['apply', 'purchase'] }).notNull(),
  /** The flow's 32-hex `x-reference-id` (docs/partners/flexiti.md#reference-id), also shown to the customer for support. */
  referenceId: text('reference_id').notNull(),
  /** One per checkout flow: every partner call of the flow logs it (integration_calls). */
  correlationId: text('correlation_id').notNull(),
  widgetSessionId: text('widget_session_id'),
  /** The parsed checkout form (PII): kept only while the order is open. */
  form: jsonb('form').$type<Record<string, unknown>>(),
  accessToken: text('access_token'),
  /**
   * When the flow's token runs out (our clock, measured from before the token request): the
   * checkout warns before it and ends a flow past it as timed out (docs/partners/flexiti.md#flow-token).
   */
  tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
  /** Set by the one request that acts on the widget's answer for this widget session. */
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type CheckoutFlowRow = typeof checkoutFlows.$inferSelect;
