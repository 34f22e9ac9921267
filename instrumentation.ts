/**
 * Next.js start-up hook: runs the outbox worker inside the web server (issue 5 part D), so a
 * single `npm start` delivers what the inline attempts could not. Node.js runtime only (the edge
 * runtime has no database), never during `next build`, and off with OUTBOX_WORKER=off when the
 * worker runs as separate `npm run worker` processes.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { answerUnsupportedMethods } = await import('./lib/security/unsupported-methods');
  answerUnsupportedMethods();
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  // One line saying whether the partners are simulated or real, and which hosts we will call.
  const [{ getConfig }, { describePartners }] = await Promise.all([
    import('./lib/config'),
    import('./lib/config-schema'),
  ]);
  console.log(describePartners(getConfig()));
  const { startServerOutboxWorker } = await import('./lib/outbox/server-start');
  startServerOutboxWorker();
}
