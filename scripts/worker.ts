/**
 * `npm run worker`: the outbox worker on its own, for deployments that scale it separately from
 * the web servers (then set OUTBOX_WORKER=off on those). Any number of workers can run at once:
 * they claim jobs with FOR UPDATE SKIP LOCKED.
 *
 * PostgreSQL only: an embedded PGlite folder can be opened by one process at a time, and the web
 * server already runs the worker in-process. `--pglite` overrides this for draining a PGlite
 * folder while no server is running.
 */
import { configOrExit } from './config-or-exit';
import { getOpenDatabase } from '@/lib/db/client';
import { defaultWorkerId, runOutboxBatch, startOutboxWorker } from '@/lib/outbox';
// The jobs' own door: the full door (@/lib/orders) loads the pages' flows and next-intl with them,
// which plain Node under the react-server condition cannot load (the worker would not start).
import { registerOrderJobs } from '@/lib/orders/jobs';
import { registerRetention } from '@/lib/retention';
import { installSandbox } from '@/lib/sandbox/install';

const HELP = `Usage: npm run worker [-- --once] [-- --pglite]

Runs the transactional outbox worker: claims due jobs (FOR UPDATE SKIP LOCKED), runs them,
retries failures with exponential backoff and jitter, dead-letters after OUTBOX_MAX_ATTEMPTS.

  --once     run batches until nothing is due, then exit (cron-style)
  --pglite   allow the embedded PGlite database (only while no server has it open)

Needs DATABASE_URL=postgres://... : PGlite can be opened by only one process, and the web server
(npm start) already runs this worker in-process unless OUTBOX_WORKER=off.`;

async function main() {
  const args = new Set(process.argv.slice(2));
  if (args.has('--help') || args.has('-h')) {
    console.log(HELP);
    return;
  }
  const config = configOrExit();
  if (config.database.kind === 'pglite' && !args.has('--pglite')) {
    console.error('npm run worker needs DATABASE_URL=postgres://... (PGlite allows one process; see --help).');
    process.exit(2);
  }
  installSandbox(config);
  registerOrderJobs();
  registerRetention();
  const open = await getOpenDatabase();
  const workerId = defaultWorkerId('worker');

  if (args.has('--once')) {
    let total = 0;
    for (;;) {
      const results = await runOutboxBatch({ workerId, limit: 20 });
      total += results.length;
      if (results.length === 0) break;
    }
    console.log(`outbox worker ${workerId}: ran ${total} job attempt(s)`);
    await open.close();
    return;
  }

  const worker = startOutboxWorker({ workerId });
  console.log(`outbox worker ${workerId} running (Ctrl-C to stop)`);
  // Keep the process alive: the loop's timers are unref'd.
  const keepAlive = setInterval(() => {}, 60_000);
  const shutdown = async (signal: string) => {
    console.log(`outbox worker ${workerId}: ${signal}, finishing the current batch…`);
    clearInterval(keepAlive);
    await worker.stop();
    await open.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
