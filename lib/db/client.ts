import 'server-only';
import { sql } from 'drizzle-orm';
import { getConfig } from '@/lib/config';
import { openDatabase, type Db, type OpenDatabase } from './open';

export type { Db, DbOrTx, Tx } from './open';

// One connection (PGlite) or pool (PostgreSQL) per server process, kept across hot reloads.
const globalForDb = globalThis as unknown as { __storefrontDb?: Promise<OpenDatabase> };

/** The app's database, opened, migrated and seeded on first use. */
export async function getDb(): Promise<Db> {
  return (await getOpenDatabase()).db;
}

export function getOpenDatabase(): Promise<OpenDatabase> {
  if (!globalForDb.__storefrontDb) {
    const { database } = getConfig();
    const { currency } = getConfig();
    const opening = openDatabase(database.kind === 'pglite' ? { kind: 'pglite', dir: database.dir } : database, {
      currency,
    });
    // A failed open is not cached: the next request tries again (health turns 503 meanwhile).
    opening.catch(() => {
      if (globalForDb.__storefrontDb === opening) globalForDb.__storefrontDb = undefined;
    });
    globalForDb.__storefrontDb = opening;
  }
  return globalForDb.__storefrontDb;
}

/** The health check: one round trip to the database (opening it first if needed). */
export async function pingDatabase(): Promise<void> {
  await (await getDb()).execute(sql`select 1`);
}

/** Tests only: run the app code against a database the test opened. */
export function setDatabaseForTests(open: OpenDatabase | undefined): void {
  globalForDb.__storefrontDb = open ? Promise.resolve(open) : undefined;
}
