import pg from 'pg';
import type { ChaosOptions } from './options';

/** The run's PostgreSQL: --database-url, or a throwaway database made here and dropped at the end. */
export async function postgresTarget(o: ChaosOptions): Promise<{ url: string; drop?: () => Promise<void> }> {
  if (o.databaseUrl) return { url: o.databaseUrl };
  const name = `storefront_chaos_${process.pid}`;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
