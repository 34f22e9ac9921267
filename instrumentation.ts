/**
 * Next.js start-up hook: runs the outbox worker inside the web server (issue 5 part D), so a
 * single `npm start` delivers what the inline attempts could not. Node.js runtime only (the edge
 * runtime has no database), never during `next build`, and off with OUTBOX_WORKER=off when the
 * worker runs as separate `npm run worker` processes.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServerOutboxWorker } = await import('./lib/outbox/server-start');
  startServerOutboxWorker();
}
