import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Server-side sessions (staff `ops_session` and the customer's Auth.js token carry this id as
 * `sid`): a session is good only while its row exists unrevoked, so signing out or removing a
 * staff member ends it everywhere at once, not when the cookie expires.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['staff', 'customer'] }).notNull(),
    /** The staff name or our customer id. */
    subject: text('subject').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('auth_sessions_subject_idx').on(t.kind, t.subject)],
);

/**
 * Rate-limit counters, shared by every app instance on the same database (rate-limiter-flexible's
 * RateLimiterDrizzle layout: key, points, expire).
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true }),
});
