import { sql } from 'drizzle-orm';
import { openDatabase, type OpenDatabase } from '@/lib/db/open';
import { seedDatabase } from '@/lib/db/seed';

/**
 * A migrated, seeded database for a test file: in-memory PGlite by default, or the PostgreSQL
 * at DATABASE_URL (`npm run test:pg`), emptied first so every file starts from the seed.
 */
export async function openTestDatabase(): Promise<OpenDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ kind: 'pglite', dir: null });
  const open = await openDatabase({ kind: 'postgres', url });
  await resetDatabase(open);
  return open;
}

export async function resetDatabase(open: OpenDatabase): Promise<void> {
  const rows = await open.db.execute<{ tablename: string }>(
    sql`select tablename from pg_tables where schemaname = 'public' and tablename <> '__drizzle_migrations'`,
  );
  const names =
    (rows as unknown as { rows?: { tablename: string }[] }).rows ?? (rows as unknown as { tablename: string }[]);
  if (names.length) {
    await open.db.execute(
      sql.raw(`truncate ${names.map((r) => `"${r.tablename}"`).join(', ')} restart identity cascade`),
    );
  }
  await seedDatabase(open.db);
}
