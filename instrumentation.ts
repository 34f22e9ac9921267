/**
 * Next.js start-up hook, awaited before the server handles a request: validates the config, opens
 * and migrates the database, warms caches, and runs the outbox worker inside the web server
 * (lib/server-start.ts). Node.js runtime only (the edge runtime has no database), never during
 * `next build`; OUTBOX_WORKER=off leaves the worker to separate `npm run worker` processes.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { answerUnsupportedMethods } = await import('./lib/security/unsupported-methods');
  answerUnsupportedMethods();
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { prepareServer } = await import('./lib/server-start');
  await prepareServer();
  // One line saying whether the partners are simulated or real, and which hosts we will call.
  const [{ getConfig }, { describePartners }] = await Promise.all([
    import('./lib/config'),
    import('./lib/config-schema'),
  ]);
  console.log(describePartners(getConfig()));
}
