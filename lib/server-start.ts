import 'server-only';
import { listProducts } from '@/lib/catalog/queries';
import { getConfig, isConfigError } from '@/lib/config';
import { getOpenDatabase } from '@/lib/db/client';
import { revokeRemovedStaffSessions } from '@/lib/ops/staff-session';
import { registerOrderJobs } from '@/lib/orders';
import { startServerOutboxWorker } from '@/lib/outbox';
import { registerRetention } from '@/lib/retention';
import { secureToken } from '@/lib/partners/ultra';
import { installSandbox } from '@/lib/sandbox/install';

/**
 * What the web server does before it answers its first request (instrumentation.ts; Next awaits
 * it before handling any): validate the configuration (one line per bad variable, exit 1), open
 * the database once (migrations and the idempotent seed run here when the database lacks them, so
 * no request pays for them),
 * warm what every page or sign-in would otherwise build on first use (the catalog cache, the
 * Ultra `secureToken` signature), then start the outbox worker (the orders' jobs registered first).
 */
export async function prepareServer(): Promise<void> {
  const started = Date.now();
  try {
    getConfig();
  } catch (e) {
    if (!isConfigError(e)) throw e;
    for (const line of e.problems) console.error(line);
    process.exit(1);
  }
  // Before the database opens: the sandbox's seed and clock are hooks (lib/platform/hooks.ts).
  installSandbox();
  // Before any job can run (the worker below, or a request's inline run): the orders' job kinds.
  registerOrderJobs();
  registerRetention();
  const { db, upToDate } = await getOpenDatabase();
  const opened = Date.now();
  // OPS_USERS changes take a restart; sessions of removed names end here, not at their expiry.
  await Promise.all([listProducts(), secureToken(), revokeRemovedStaffSessions(db, getConfig())]);
  // Each step's share, so a slow start says where its time went.
  const done = upToDate ? `migrations ${upToDate.migrations}, seed ${upToDate.seed}` : 'up to date';
  const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  console.log(
    `server ready in ${Date.now() - started} ms: database open in ${opened - started} ms (${done}), caches warm in ${Date.now() - opened} ms; ${rssMiB} MiB resident`,
  );
  startServerOutboxWorker();
}
