import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The OpenTV (Nagra) sandbox's state (docs/partners/opentv.md). Keycloak refresh
 * tokens are signed JWTs checked statelessly, so they need no table.
 */

/** OPF accounts (`/adm/v1/accounts`, docs/partners/opentv.md#accounts). */
export const sandboxOpentvAccounts = pgTable('sandbox_opentv_accounts', {
  id: text('id').primaryKey(),
  signonId: text('signon_id').notNull().unique(),
  accountProfileId: text('account_profile_id'),
  accountNumber: text('account_number').notNull(),
  status: text('status').notNull().default('ACTIVE'),
  pvrStatus: text('pvr_status').notNull().default('DISABLED'),
  billingAddress: jsonb('billing_address').$type<unknown[]>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  modifiedAt: timestamp('modified_at', { withTimezone: true }).notNull().defaultNow(),
});
export type SandboxOpentvAccountRow = typeof sandboxOpentvAccounts.$inferSelect;

/** THIRDPARTY entitlements (docs/partners/opentv.md#create-entitlement, #activation, #update-and-cancel), with the current Bango activation link while PENDING. */
export const sandboxOpentvEntitlements = pgTable(
  'sandbox_opentv_entitlements',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    productId: text('product_id').notNull(),
    productType: text('product_type').notNull(),
    status: text('status').notNull(),
    reasonCode: text('reason_code'),
    reasonCategory: text('reason_category'),
    cancelReasonCode: text('cancel_reason_code'),
    cancelReasonCategory: text('cancel_reason_category'),
    validFrom: text('valid_from'),
    expiryDate: text('expiry_date'),
    /** Unguessable token in the activation URL (it activates only while PENDING and unexpired). */
    activationToken: text('activation_token'),
    activationExpiresAt: timestamp('activation_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    modifiedAt: timestamp('modified_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('sandbox_opentv_entitlements_activation').on(t.activationToken),
    index('sandbox_opentv_entitlements_account').on(t.accountId, t.productId),
  ],
);
export type SandboxOpentvEntitlementRow = typeof sandboxOpentvEntitlements.$inferSelect;

/**
 * Calls from "OPF" to the storefront's entitlement webhook (docs/partners/opentv.md#webhook-delivery): one row per
 * (entitlement, status) event, retried with backoff until the storefront answers 200.
 */
export const sandboxOpentvWebhookDeliveries = pgTable(
  'sandbox_opentv_webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entitlementId: text('entitlement_id').notNull(),
    eventStatus: text('event_status').notNull(),
    /** The exact JSON body sent (and signed) on every attempt. */
    body: text('body').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sandbox_opentv_webhook_event').on(t.entitlementId, t.eventStatus),
    index('sandbox_opentv_webhook_due').on(t.deliveredAt, t.nextAttemptAt),
  ],
);
export type SandboxOpentvWebhookDeliveryRow = typeof sandboxOpentvWebhookDeliveries.$inferSelect;
