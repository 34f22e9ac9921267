import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { sql } from 'drizzle-orm';
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
  /** What the open did to bring the database up to date (absent with `migrate: false`). */
  upToDate?: { migrations: 'applied' | 'current'; seed: 'written' | 'unchanged' };
}

export const MIGRATIONS_FOLDER = join(process.cwd(), 'lib/db/migrations');
/**
 * PGlite runs inside the web server, so its buffers are the server's memory. Postgres's default
 * 128 MB of shared buffers costs about 140 MB of resident memory at open; the store's data is a few
 * MB, so 16 MB holds all of it (measured with `npm run bench:web`).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * PGlite's WASM compiled by V8's baseline compiler only (Liftoff), never tiered up to TurboFan.
 * Tier-up compiles Postgres's hot functions a second time while the database opens: measured on
 * an existing store folder, the open took 2.0–4.0 s with it and 1.4–2.1 s without (a loaded 2-core
 * machine), the first queries after it 5–11 ms against 2–3 ms, and the optimised code kept 40–75
 * MiB more resident; steady-state queries on the store's small tables came out within the noise.
 * A V8 flag is per process: it applies to WebAssembly compiled after it (PGlite is the server's only
 * module), and it is set before the first PGlite is made.
 */
function baselineWasmOnly(): void {
  v8.setFlagsFromString('--liftoff-only');
}

// Any constant: serialises migrations across app instances sharing one PostgreSQL.
const MIGRATION_LOCK = 727_001;

/** The `when` of the journal's newest migration: the migrator records it as `created_at`. */
function newestMigrationMillis(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

/**
 * Whether the newest committed migration is recorded: one read, instead of the migrator's schema
 * and table creation, its read and an empty transaction. Any failure (a new database has no
 * migrations table) says no, and the migrator runs as before.
 */
async function migrationsCurrent(db: Db, migrationsFolder: string): Promise<boolean> {
  try {
    const result = await db.execute<{ last: string | null }>(
      sql`select max(created_at) as last from drizzle.__drizzle_migrations`,
    );
    const rows = (result as unknown as { rows: { last: string | number | null }[] }).rows;
    const last = rows[0]?.last;
    return last != null && Number(last) >= newestMigrationMillis(migrationsFolder);
  } catch {
    return false;
  }
}

/**
 * Applies the committed migrations and the idempotent seed, each only when the database lacks it.
 * Safe to run from several processes.
 */
async function migrateAndSeed(
  target: DatabaseTarget,
  open: OpenDatabase,
  opts: { currency?: string; migrationsFolder: string },
  pglite?: PGlite,
): Promise<NonNullable<OpenDatabase['upToDate']>> {
  const { migrationsFolder } = opts;
  const seedOnce = { currency: opts.currency, skipUnchanged: true };
  const seedOutcome = (written: boolean): 'written' | 'unchanged' => (written ? 'written' : 'unchanged');
  const current = await migrationsCurrent(open.db, migrationsFolder);
  if (target.kind === 'pglite' && pglite) {
    if (!current) await migratePglite(drizzlePglite({ client: pglite, schema }), { migrationsFolder });
    const seed = seedOutcome(await seedDatabase(open.db, seedOnce));
    return { migrations: current ? 'current' : 'applied', seed };
  }
  if (target.kind !== 'postgres') throw new Error('a PGlite database is migrated through its client');
  // PostgreSQL, up to date: no lock to wait for behind other instances starting.
  if (current) return { migrations: 'current', seed: seedOutcome(await seedDatabase(open.db, seedOnce)) };
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const db = drizzlePg({ client, schema });
    await migratePg(db, { migrationsFolder });
    return { migrations: 'applied', seed: seedOutcome(await seedDatabase(db as unknown as Db, seedOnce)) };
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
  opts: { migrate?: boolean; currency?: string; migrationsFolder?: string } = {},
): Promise<OpenDatabase> {
  const migrate = opts.migrate ?? true;
  const steps = { currency: opts.currency, migrationsFolder: opts.migrationsFolder ?? MIGRATIONS_FOLDER };
  if (target.kind === 'pglite') {
    if (target.dir) mkdirSync(target.dir, { recursive: true });
    baselineWasmOnly();
    const client = new PGlite(target.dir ?? undefined, { startParams: PGLITE_START_PARAMS });
    await client.waitReady;
    const open: OpenDatabase = {
      db: drizzlePglite({ client, schema }) as unknown as Db,
      kind: 'pglite',
      close: () => client.close(),
    };
    if (migrate) open.upToDate = await migrateAndSeed(target, open, steps, client);
    return open;
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  const open: OpenDatabase = {
    db: drizzlePg({ client: pool, schema }) as unknown as Db,
    kind: 'postgres',
    close: () => pool.end(),
  };
  if (migrate) open.upToDate = await migrateAndSeed(target, open, steps);
  return open;
}
