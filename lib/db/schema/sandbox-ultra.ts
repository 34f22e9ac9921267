import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The Flipkart Ultra platform sandbox's state (docs/partners/ultra.md#sso).
 * In the database so it survives restarts and every app instance sees the same tokens.
 */

/** Grant tokens minted by the sandbox consent sheet: single use, short TTL, bound to merchant, persona, scopes. */
export const sandboxUltraGrants = pgTable(
  'sandbox_ultra_grants',
  {
    token: text('token').primaryKey(),
    /** The merchant id the grant belongs to (the SDK may be initialised with `merchant.app`). */
    merchantId: text('merchant_id').notNull(),
    /** The client id the SDK was initialised with (`AuthModule.init`), for inspection. */
    sdkClientId: text('sdk_client_id').notNull(),
    personaId: text('persona_id').notNull(),
    /** The consent sheet's answer, `{scope: granted}` for every requested scope. */
    result: jsonb('result').$type<Record<string, boolean>>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sandbox_ultra_grants_expires').on(t.expiresAt)],
);

/** Access tokens issued by `/1/authorization/auth`: valid one hour, carry the granted scopes. */
export const sandboxUltraAccessTokens = pgTable(
  'sandbox_ultra_access_tokens',
  {
    token: text('token').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    personaId: text('persona_id').notNull(),
    identityToken: text('identity_token').notNull(),
    grantedScopes: jsonb('granted_scopes').$type<string[]>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sandbox_ultra_access_tokens_expires').on(t.expiresAt)],
);
