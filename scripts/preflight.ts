/**
 * Runs before the server: validates the configuration (one line per bad variable, exit 1) and
 * migrates + seeds the database, then closes it so `next start` can open a PGlite folder alone.
 */
import { configOrExit } from './config-or-exit';
import { openDatabase } from '@/lib/db/open';
import { installSandbox } from '@/lib/sandbox/install';

async function main() {
  const config = configOrExit();
  installSandbox(config);
  const { database, currency } = config;
  const started = Date.now();
  const open = await openDatabase(database.kind === 'pglite' ? { kind: 'pglite', dir: database.dir } : database, {
    currency,
  });
  await open.close();
  const where = database.kind === 'pglite' ? `PGlite at ${database.dir}` : 'PostgreSQL';
  console.log(`database ready (${where}, migrated and seeded in ${Date.now() - started} ms)`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
