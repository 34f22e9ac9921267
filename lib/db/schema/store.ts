import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const products = pgTable('products', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  tagline: text('tagline').notNull(),
  description: text('description').notNull(),
  kind: text('kind', { enum: ['plan', 'addon'] }).notNull(),
  /** Minor units (cents) of `currency`: no floating point anywhere money is stored. */
  priceCents: integer('price_cents').notNull(),
  currency: text('currency').notNull(),
  billingPeriod: text('billing_period', { enum: ['month', 'year'] }).notNull(),
  /** The OPF product id (`{providerId}_{providerResourceId}`, docs/partners/opentv.md#create-entitlement). */
  opentvProductId: text('opentv_product_id').notNull(),
  image: text('image').notNull(),
  features: jsonb('features').$type<string[]>().notNull().default([]),
  sortOrder: integer('sort_order').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type ProductRow = typeof products.$inferSelect;
export type NewProductRow = typeof products.$inferInsert;

export const customers = pgTable('customers', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** docs/partners/ultra.md#identity-token: stable per user per partner, "Partner can use Identity Token as an index". */
  identityToken: text('identity_token').notNull().unique(),
  firstName: text('first_name'),
  lastName: text('last_name'),
  email: text('email'),
  emailVerified: boolean('email_verified').notNull().default(false),
  mobile: text('mobile'),
  mobileVerified: boolean('mobile_verified').notNull().default(false),
  /** Scopes the customer granted at the last sign-in. */
  grantedScopes: jsonb('granted_scopes').$type<string[]>().notNull().default([]),
  opentvAccountId: text('opentv_account_id'),
  /**
   * OpenTV already had an account on the customer's e-mail when we created theirs (400/409
   * "signon exists"): we used a synthetic sign-on, and the customer is offered to link theirs.
   */
  opentvSignonConflictAt: timestamp('opentv_signon_conflict_at', { withTimezone: true }),
  lang: text('lang', { enum: ['en', 'fr'] })
    .notNull()
    .default('en'),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
export type CustomerRow = typeof customers.$inferSelect;

export const ORDER_STATES = [
  'PENDING_PAYMENT',
  /** `/authorization` was requested and its outcome is not known yet (reconciled by our reference). */
  'PAYMENT_VERIFYING',
  'PAYMENT_FAILED',
  'CANCELLED_BY_CUSTOMER',
  'CONFIRMED',
  'ACTIVE',
  'FULFILLED',
  'CANCELLED',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const orders = pgTable(
  'orders',
  {
    /** Our order id, also Flexiti's `reference` and the OMS `orderId`. */
    id: text('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    state: text('state', { enum: ORDER_STATES }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    flow: text('flow', { enum: ['apply', 'purchase'] }),
    /** The 32-hex `x-reference-id` of the checkout flow (docs/partners/flexiti.md#widget-init, #reference-id). */
    referenceId: text('reference_id'),
    widgetSessionId: text('widget_session_id'),
    flexitiAccountNumber: text('flexiti_account_number'),
    authorizationId: text('authorization_id'),
    captureId: text('capture_id'),
    returnId: text('return_id'),
    refundedCents: integer('refunded_cents').notNull().default(0),
    opentvAccountId: text('opentv_account_id'),
    entitlementId: text('entitlement_id'),
    entitlementStatus: text('entitlement_status'),
    activationUrl: text('activation_url'),
    lastFulfillmentAt: timestamp('last_fulfillment_at', { withTimezone: true }),
    /** When OpenTV activated the plan, on the platform clock (the refund policy counts used days from it). */
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    /**
     * What the refund policy decided to give back when the order was cancelled (docs/refund-policy.md);
     * null on orders cancelled before the policy: the whole amount.
     */
    refundDueCents: integer('refund_due_cents'),
    /**
     * Software gave up on this order and a person must decide (the ops "needs attention" list):
     * why (`refund_failed`, `access_end_failed`, ...) and since when. Cleared when staff resolve it.
     */
    attentionReason: text('attention_reason'),
    attentionSince: timestamp('attention_since', { withTimezone: true }),
    failureReason: text('failure_reason'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('orders_customer_idx').on(t.customerId, t.createdAt),
    index('orders_state_idx').on(t.state),
    // One open checkout per customer and product: a double click or a second tab reuses it.
    uniqueIndex('orders_one_open_checkout')
      .on(t.customerId, t.productId)
      .where(sql`${t.state} = 'PENDING_PAYMENT'`),
    // One live plan per customer and product (docs/refund-policy.md#one-live-plan): a second order
    // cannot enter PAYMENT_VERIFYING (the intent, before Flexiti is asked) while another is being
    // paid or is paid and not ended, whatever instance or tab races it.
    uniqueIndex('orders_one_live_plan')
      .on(t.customerId, t.productId)
      .where(sql`${t.state} in ('PAYMENT_VERIFYING', 'CONFIRMED', 'ACTIVE')`),
    index('orders_attention_idx')
      .on(t.attentionSince)
      .where(sql`${t.attentionReason} is not null`),
  ],
);
export type OrderRow = typeof orders.$inferSelect;
export type NewOrderRow = typeof orders.$inferInsert;

export const orderEvents = pgTable(
  'order_events',
  {
    id: serial('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    cause: text('cause').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);
