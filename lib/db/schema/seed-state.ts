import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What the last seed at open wrote (lib/db/seed.ts): a digest of the catalog, the currency and the
 * seed hook's data. An open that finds the same digest skips the seed; truncating the table (tests,
 * the sandbox reset) makes the next open seed again.
 */
export const seedState = pgTable('seed_state', {
  id: text('id').primaryKey(),
  fingerprint: text('fingerprint').notNull(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().defaultNow(),
});
