import { bigint, boolean, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The Flexiti POS API sandbox's state (docs/partners/flexiti.md). In the database so
 * it survives restarts and every app instance sees the same tokens, widget sessions and credit.
 * Money is stored in cents; the wire carries dollars with two decimals.
 */

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Access tokens (docs/partners/flexiti.md#token-refresh). `lineage` is the id of the first token of a refresh chain: a refreshed
 * token continues the same flow, so widget sessions are tied to the lineage (see widget-sessions.ts).
 */
export const sandboxFlexitiTokens = pgTable(
  'sandbox_flexiti_tokens',
  {
    accessToken: text('access_token').primaryKey(),
    refreshToken: text('refresh_token').notNull().unique(),
    lineage: text('lineage').notNull(),
    clientId: text('client_id').notNull(),
    scope: text('scope', { enum: ['merchant', 'customer'] }).notNull(),
    grantType: text('grant_type').notNull(),
    expiresAt: at('expires_at').notNull(),
    /** Set when the refresh token was used: docs/partners/flexiti.md#token-refresh, only the last issued refresh token works. */
    refreshedAt: at('refreshed_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('sandbox_flexiti_tokens_lineage').on(t.lineage)],
);
export type SandboxFlexitiTokenRow = typeof sandboxFlexitiTokens.$inferSelect;

/** Flexiti customers the sandbox knows (seeded; `/apply` adds approved applicants). */
export const sandboxFlexitiAccounts = pgTable('sandbox_flexiti_accounts', {
  accountNumber: text('account_number').primaryKey(),
  vccNumber: text('vcc_number').notNull().unique(),
  customerId: text('customer_id').notNull().unique(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  dob: text('dob').notNull(),
  postalCode: text('postal_code').notNull(),
  email: text('email'),
  phone: text('phone'),
  accountType: text('account_type', { enum: ['consumer', 'business'] }).notNull(),
  /** `active` is Flexiti's NNOR status; the others make `/authorization` answer `user_not_able_to_purchase`. */
  status: text('status', { enum: ['active', 'derogatory', 'needs_activation'] }).notNull(),
  creditLimitCents: bigint('credit_limit_cents', { mode: 'number' }).notNull(),
  availableCreditCents: bigint('available_credit_cents', { mode: 'number' }).notNull(),
  /** What the account demonstrates, shown to QA and sales. */
  note: text('note').notNull().default(''),
  source: text('source', { enum: ['seed', 'apply'] }).notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});
export type SandboxFlexitiAccountRow = typeof sandboxFlexitiAccounts.$inferSelect;
export type NewSandboxFlexitiAccountRow = typeof sandboxFlexitiAccounts.$inferInsert;

export type WidgetOutcome = { eventType: string; eventData?: Record<string, unknown> };

/** One widget/init call (docs/partners/flexiti.md#widget-fields) and what the customer did in the widget (docs/partners/flexiti.md#widget-events). */
export const sandboxFlexitiWidgetSessions = pgTable(
  'sandbox_flexiti_widget_sessions',
  {
    /** The `widget_session_id` GUID. */
    id: text('id').primaryKey(),
    /** Random key in the widget URL; stands in for the access token Flexiti puts there (never exposed). */
    widgetKey: text('widget_key').notNull().unique(),
    clientId: text('client_id').notNull(),
    lineage: text('lineage').notNull(),
    /** The access token widget/init was called with: the strict reading ties the flow to it alone. */
    openedWith: text('opened_with'),
    referenceId: text('reference_id').notNull(),
    flow: text('flow', { enum: ['apply', 'purchase'] }).notNull(),
    lang: text('lang', { enum: ['en', 'fr'] }).notNull(),
    /** The validated widget/init body (the sandbox's own test data, compared again by `/apply`). */
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    /** The sandbox account the identification matched, if any. */
    accountNumber: text('account_number'),
    expiresAt: at('expires_at').notNull(),
    scenario: text('scenario'),
    outcome: jsonb('outcome').$type<WidgetOutcome>(),
    /** True when the widget verified the customer for this flow (flx-success with verified: true). */
    verified: boolean('verified').notNull().default(false),
    completedAt: at('completed_at'),
    /** For the apply flow: the credit decision `/apply` will give. */
    applicationDecision: text('application_decision', { enum: ['approved', 'declined'] }),
    appliedAccountNumber: text('applied_account_number'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('sandbox_flexiti_widget_sessions_lineage').on(t.lineage)],
);
export type SandboxFlexitiWidgetSessionRow = typeof sandboxFlexitiWidgetSessions.$inferSelect;

export const sandboxFlexitiAuthorizations = pgTable(
  'sandbox_flexiti_authorizations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity({ startWith: 700_000_001 }),
    clientId: text('client_id').notNull(),
    accountNumber: text('account_number').notNull(),
    /** One authorization per widget session (a replay answers 409 `not_permitted`). */
    widgetSessionId: text('widget_session_id').unique(),
    reference: text('reference'),
    transactionType: text('transaction_type').notNull(),
    planId: text('plan_id'),
    term: text('term'),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    capturedCents: bigint('captured_cents', { mode: 'number' }).notNull().default(0),
    releasedCents: bigint('released_cents', { mode: 'number' }).notNull().default(0),
    /** Simulator-defined enum (docs/partners/flexiti.md#authorization): `opened` is the only documented value. */
    status: text('status', { enum: ['opened', 'captured', 'released'] }).notNull(),
    autoCapture: boolean('auto_capture').notNull(),
    skuData: jsonb('sku_data').$type<unknown>(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('sandbox_flexiti_authorizations_account').on(t.accountNumber, t.createdAt)],
);
export type SandboxFlexitiAuthorizationRow = typeof sandboxFlexitiAuthorizations.$inferSelect;

export const sandboxFlexitiCaptures = pgTable('sandbox_flexiti_captures', {
  // docs/partners/flexiti.md#capture-release-return: capture_id is a number (9).
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity({ startWith: 300_000_001 }),
  authorizationId: bigint('authorization_id', { mode: 'number' })
    .notNull()
    .references(() => sandboxFlexitiAuthorizations.id),
  reference: text('reference'),
  amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  returnedCents: bigint('returned_cents', { mode: 'number' }).notNull().default(0),
  createdAt: at('created_at').notNull(),
});
export type SandboxFlexitiCaptureRow = typeof sandboxFlexitiCaptures.$inferSelect;

export const sandboxFlexitiReturns = pgTable('sandbox_flexiti_returns', {
  // docs/partners/flexiti.md#capture-release-return: return_id is a number (16).
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity({ startWith: 1_000_000_000_000_001 }),
  captureId: bigint('capture_id', { mode: 'number' })
    .notNull()
    .references(() => sandboxFlexitiCaptures.id),
  reference: text('reference'),
  amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  createdAt: at('created_at').notNull(),
});
