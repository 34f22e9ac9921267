import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import * as schema from './schema';
import { seedDatabase } from './seed';

export type Schema = typeof schema;
/** Either driver: PGlite (embedded) or node-postgres. Same dialect, same schema, same migrations. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DatabaseTarget = { kind: 'pglite'; dir: string | null } | { kind: 'postgres'; url: string };

export interface OpenDatabase {
  db: Db;
  kind: DatabaseTarget['kind'];
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = join(process.cwd(), 'lib/db/migrations');
/**
 * PGlite runs inside the web server, so its buffers are the server's memory. Postgres's default
 * 128 MB of shared buffers costs about 140 MB of resident memory at open; the store's data is a few
 * MB, so 16 MB holds all of it (measured with `npm run bench:web`).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

// Any constant: serialises migrations across app instances sharing one PostgreSQL.
const MIGRATION_LOCK = 727_001;

/** Applies the committed migrations and the idempotent seed. Safe to run from several processes. */
async function migrateAndSeed(
  target: DatabaseTarget,
  open: OpenDatabase,
  seedOpts: { currency?: string },
  pglite?: PGlite,
): Promise<void> {
  if (target.kind === 'pglite' && pglite) {
    await migratePglite(drizzlePglite({ client: pglite, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    await seedDatabase(open.db, seedOpts);
    return;
  }
  if (target.kind !== 'postgres') return;
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const db = drizzlePg({ client, schema });
    await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await seedDatabase(db as unknown as Db, seedOpts);
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/**
 * Opens the database and brings it up to date. PGlite holds its folder exclusively: one process
 * at a time (scripts/preflight.ts migrates and closes before `next start` opens it).
 */
export async function openDatabase(
  target: DatabaseTarget,
  opts: { migrate?: boolean; currency?: string } = {},
): Promise<OpenDatabase> {
  const migrate = opts.migrate ?? true;
  if (target.kind === 'pglite') {
    if (target.dir) mkdirSync(target.dir, { recursive: true });
    const client = new PGlite(target.dir ?? undefined, { startParams: PGLITE_START_PARAMS });
    await client.waitReady;
    const open: OpenDatabase = {
      db: drizzlePglite({ client, schema }) as unknown as Db,
      kind: 'pglite',
      close: () => client.close(),
    };
    if (migrate) await migrateAndSeed(target, open, { currency: opts.currency }, client);
    return open;
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  const open: OpenDatabase = {
    db: drizzlePg({ client: pool, schema }) as unknown as Db,
    kind: 'postgres',
    close: () => pool.end(),
  };
  if (migrate) await migrateAndSeed(target, open, { currency: opts.currency });
  return open;
}
