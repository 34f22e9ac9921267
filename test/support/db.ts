import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { setDatabaseForTests } from '@/lib/db/client';
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

/**
 * The test file's database (`openTestDatabase`) as the app's own (`getDb()`) for the whole file,
 * closed after it; returns a getter for it.
 */
export function testDatabaseForFile(): () => OpenDatabase {
  let open: OpenDatabase | undefined;
  beforeAll(async () => {
    open = await openTestDatabase();
    setDatabaseForTests(open);
  });
  afterAll(async () => {
    setDatabaseForTests(undefined);
    await open?.close();
  });
  return () => open!;
}
